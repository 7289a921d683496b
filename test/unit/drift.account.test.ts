// Reconcile of an ACCOUNT group (identity federation) over real HTTP against both emulators: the
// demo's all-employees is an account group visible in the workspace, so its members are written at
// account level (workspace SCIM refuses them) and read back; a write the account acknowledges and
// drops is a failure of that step, never a member counted as added.

import { strict as assert } from 'node:assert';
import { AccountClient } from '../../src/core/account/client';
import { entraTokenSource } from '../../src/core/account/entraToken';
import { applyPlan } from '../../src/core/drift/apply';
import { IdentityV2Client } from '../../src/core/account/identityV2';
import { accountMemberWriter, identityV2MemberWriter, needsAccountWriter } from '../../src/core/drift/memberWriter';
import { planReconcile } from '../../src/core/drift/plan';
import { compareTarget, findDriftTargets, type DriftClients } from '../../src/core/drift/workspaceDrift';
import { GraphClient } from '../../src/core/graph/client';
import { HttpClient } from '../../src/core/http/client';
import { HostLimitsRegistry } from '../../src/core/http/hostLimits';
import { ScimClient } from '../../src/core/scim/client';
import { startEmulator, startGraphEmulator, type Emulator, type GraphEmulator } from '../emulator';

const GROUP = 'all-employees';
const DROPPED = 'daniel.okafor@contoso.com';

describe('drift reconcile of an account group through the account', function () {
  this.timeout(30000);
  let databricks: Emulator;
  let graph: GraphEmulator;
  let clients: DriftClients;
  let account: AccountClient;
  let groupId: string;
  let userId: string;
  const closables: Array<{ close(): Promise<void> }> = [];

  beforeEach(async () => {
    [databricks, graph] = await Promise.all([
      startEmulator({ dataset: 'demo', workspaces: 2 }),
      startGraphEmulator({ org: 'demo' }),
    ]);
    const scimHttp = new HttpClient({ auth: { origin: databricks.url, getToken: async () => databricks.adminToken } });
    const graphHttp = new HttpClient({ auth: { origin: graph.url, getToken: async () => graph.token } });
    account = new AccountClient({
      accountId: databricks.account.id,
      accountsHost: databricks.account.url,
      token: entraTokenSource(databricks.entraToken()),
      hostLimits: new HostLimitsRegistry(),
      http: { noProxyFromEnv: true },
      readBack: { attempts: 1, delayMs: 0 },
    });
    closables.push(scimHttp, graphHttp, account);
    clients = {
      scim: new ScimClient({ host: databricks.url, http: scimHttp }),
      graph: new GraphClient({ endpoint: graph.url, http: graphHttp }),
    };
    const group = databricks.state.findGroup(GROUP);
    const user = databricks.state.findUser(DROPPED);
    assert.ok(group?.accountGroup && user);
    groupId = group.id;
    userId = user.id;
    // Drift to reconcile: Entra still has Daniel in all-employees, Databricks no longer does.
    databricks.state.removeMember(groupId, userId);
  });
  afterEach(async () => {
    for (const c of closables.splice(0)) await c.close();
    await Promise.all([databricks.close(), graph.close()]);
  });

  async function compare() {
    const found = await findDriftTargets(clients, [GROUP], {});
    const target = found.targets[0];
    assert.ok(target);
    return compareTarget(clients, target, {});
  }

  const membershipPatches = (host: string) =>
    databricks.log.filter(
      (e) => e.method === 'PATCH' && e.host === host && e.path.endsWith(`/Groups/${encodeURIComponent(groupId)}`),
    );

  it('adds the missing member with an account PATCH, no workspace PATCH, and the second compare is clean', async () => {
    const drift = await compare();
    assert.deepEqual(
      drift.findings.filter((f) => f.kind === 'missing').map((f) => f.key),
      [DROPPED],
    );
    const group = await clients.scim.get('group', groupId, { excludedAttributes: ['members'] });
    assert.ok(needsAccountWriter(group));
    const plan = planReconcile(drift, { allowRemovals: false });
    const result = await applyPlan(plan, clients.scim, { members: accountMemberWriter(account) });
    assert.deepEqual(result.failed, []);
    assert.deepEqual(
      result.applied.map((a) => [a.step, a.key, a.id]),
      [['addMembers', DROPPED, userId]],
    );
    assert.equal(membershipPatches('account').length, 1);
    assert.equal(
      databricks.log.filter((e) => e.method === 'PATCH' && e.host !== 'account').length,
      0,
      'no workspace SCIM PATCH',
    );
    assert.ok(databricks.state.findGroup(GROUP)?.members.has(userId));
    const after = await compare();
    assert.deepEqual(
      after.findings.filter((f) => f.kind !== 'caseMismatch'),
      [],
    );
  });

  it('reports an add the account acknowledged and dropped as a failure, nobody counted as added', async () => {
    databricks.setKnobs({ silentNoOpMembershipWrites: true });
    const plan = planReconcile(await compare(), { allowRemovals: false });
    const result = await applyPlan(plan, clients.scim, { members: accountMemberWriter(account) });
    assert.deepEqual(result.applied, []);
    assert.equal(result.failed.length, 1);
    assert.equal(result.failed[0]?.key, DROPPED);
    assert.match(result.failed[0]?.message ?? '', /accepted the change but the group read back without it/);
    assert.equal(membershipPatches('account').length, 1, 'not retried member by member');
    assert.ok(!databricks.state.findGroup(GROUP)?.members.has(userId));
  });

  it("through Identity v2 (the group managers' route): one POST per member on the workspace host, read back", async () => {
    const v2Http = new HttpClient({ auth: { origin: databricks.url, getToken: async () => databricks.entraToken() } });
    closables.push(v2Http);
    const writer = identityV2MemberWriter(new IdentityV2Client(databricks.url, v2Http));
    const plan = planReconcile(await compare(), { allowRemovals: false });
    const result = await applyPlan(plan, clients.scim, { members: writer });
    assert.deepEqual(result.failed, []);
    assert.deepEqual(
      result.applied.map((a) => a.key),
      [DROPPED],
    );
    const posts = databricks.log.filter((e) => e.method === 'POST' && e.path.endsWith('/direct-members'));
    assert.equal(posts.length, 1);
    assert.equal(databricks.log.filter((e) => e.method === 'PATCH').length, 0);
    assert.ok(databricks.state.findGroup(GROUP)?.members.has(userId));
  });

  it('without the account writer, the workspace refuses the account group and the add fails with the reason', async () => {
    const plan = planReconcile(await compare(), { allowRemovals: false });
    const result = await applyPlan(plan, clients.scim);
    assert.deepEqual(result.applied, []);
    assert.match(result.failed[0]?.message ?? '', /account group/i);
  });
});
