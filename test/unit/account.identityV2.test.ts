// Identity v2 (Beta) on workspace hosts: detected once per host, and when there, used to create an
// account group, change its direct members and resolve an Entra group into the account.

import { strict as assert } from 'node:assert';
import { IdentityV2UnavailableError } from '../../src/core/account/errors';
import { IdentityV2Client, IdentityV2Support } from '../../src/core/account/identityV2';
import { DatabricksError } from '../../src/core/databricks/errors';
import { httpFor } from './support/builders';
import { startAccountRig, type AccountRig } from './support/accountRig';
import { forEachTest } from './support/lifecycle';

const V2 = '/api/2.0/identity/';

describe('Identity v2 (Beta) client against the emulator', function () {
  this.timeout(20000);
  let r: AccountRig;
  forEachTest(
    () => startAccountRig({ workspaces: 2 }),
    (started) => (r = started),
  );

  const v2Requests = (): number => r.emu.log.filter((e) => e.path.startsWith(V2)).length;

  it('is detected per host and remembered: one probe each, on for one workspace and off for the other', async () => {
    const second = r.emu.workspaces[1];
    assert.ok(second);
    r.emu.setKnobs({ identityV2: [second.workspaceId] });
    const support = new IdentityV2Support();
    const http = r.workspaceHttp();
    const first = new IdentityV2Client(r.emu.url, http, support);
    const other = new IdentityV2Client(second.url, r.workspaceHttp(undefined, second.url), support);
    assert.equal(await first.available(), false);
    assert.equal(await other.available(), true);
    assert.equal(await new IdentityV2Client(`${r.emu.url}/`, http, support).available(), false);
    assert.equal(await other.available(), true);
    assert.equal(v2Requests(), 2);
    await assert.rejects(first.createGroup({ displayName: 'nope' }), IdentityV2UnavailableError);
  });

  it('a call on a host without it throws IdentityV2UnavailableError and the host is remembered as such', async () => {
    r.emu.setKnobs({ identityV2: false });
    const support = new IdentityV2Support();
    const client = new IdentityV2Client(r.emu.url, r.workspaceHttp(), support);
    await assert.rejects(client.addDirectMember('123', '456'), (e: unknown) => {
      assert.ok(e instanceof IdentityV2UnavailableError);
      assert.match(e.message, /does not offer the Identity API/);
      return true;
    });
    const before = v2Requests();
    assert.equal(await client.available(), false);
    assert.equal(v2Requests(), before, 'no second probe');
  });

  it('a workspace admin creates an account group, then manages its direct members', async () => {
    // The seeded workspace admin, with the workspace's own PAT: Identity v2 lives on the workspace host.
    const pat = httpFor(r.emu.url, r.emu.adminToken);
    try {
      await asWorkspaceAdmin(new IdentityV2Client(r.emu.url, pat, new IdentityV2Support()));
    } finally {
      await pat.close();
    }
  });

  async function asWorkspaceAdmin(client: IdentityV2Client): Promise<void> {
    assert.equal(await client.available(), true);
    const group = await client.createGroup({ displayName: 'v2-team', externalId: 'ext-v2-team' });
    assert.equal(group.groupName, 'v2-team');
    assert.equal(group.externalId, 'ext-v2-team');
    const stored = r.emu.state.getPrincipal(group.groupId);
    assert.ok(stored?.kind === 'group' && stored.accountGroup);

    const [u] = r.emu.state.users.toArray();
    assert.ok(u);
    const added = await client.addDirectMember(group.groupId, u.id);
    assert.equal(added?.principalId, u.id);
    assert.equal(added?.principalType, 'USER');
    const listed = await client.listDirectMembers(group.groupId);
    assert.deepEqual(
      listed.map((m) => m.principalId),
      [u.id],
    );
    assert.equal(listed[0]?.membershipSource, 'INTERNAL');
    await client.removeDirectMember(group.groupId, u.id);
    assert.deepEqual(await client.listDirectMembers(group.groupId), []);
  }

  it('someone who is neither account admin nor manager gets the service refusal, typed', async () => {
    const plain = r.emu.state.createUser({ userName: 'plain@contoso.com' });
    const gid = r.emu.state.createGroup({ displayName: 'acct-locked', accountGroup: true }).id;
    const client = new IdentityV2Client(r.emu.url, r.workspaceHttp(plain.userName), new IdentityV2Support());
    await assert.rejects(
      client.addDirectMember(gid, plain.id),
      (e: unknown) => e instanceof DatabricksError && e.status === 403,
    );
  });

  it('resolves an Entra group by external id when Automatic Identity Management is on, and says why not when off', async () => {
    const gid = r.emu.state.createGroup({ displayName: 'entra-only', accountGroup: true, externalId: 'obj-123' }).id;
    r.emu.account.state.markEntraOnly(gid);
    const client = new IdentityV2Client(r.emu.url, r.workspaceHttp(), new IdentityV2Support());
    await assert.rejects(
      client.resolveGroupByExternalId('obj-123'),
      (e: unknown) =>
        e instanceof DatabricksError && e.status === 400 && /automatic identity management/i.test(e.detail),
    );
    r.emu.setKnobs({ aim: true });
    const resolved = await client.resolveGroupByExternalId('obj-123');
    assert.equal(resolved.groupId, gid);
    assert.equal(resolved.groupName, 'entra-only');
    assert.equal(r.emu.account.state.isEntraOnly(gid), false);
    const account = r.client();
    assert.equal((await account.findByName('group', 'entra-only'))?.id, gid);
  });
});
