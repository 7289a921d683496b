import assert from 'node:assert/strict';
import {
  accountApi,
  call,
  displayNames,
  idOf,
  useAccountEmulator,
  workspaceApi,
  type Json,
} from './emulator.account.helpers';

const V2 = '/api/2.0/identity/groups';

describe('emulator account: Identity v2 on the workspace host', () => {
  const emu = useAccountEmulator();

  it('a workspace admin creates an account group: assigned to the workspace, managed by its creator', async () => {
    const ws1 = workspaceApi(emu(), 0, emu().adminToken);
    const created = await ws1.call('POST', V2, { group_name: 'v2-team', external_id: 'ext-1' });
    assert.equal(created.status, 200);
    assert.equal(created.body.account_id, emu().account.id);
    assert.equal(created.body.group_name, 'v2-team');
    const gid = String(created.body.group_id);
    const inWorkspace = await ws1.scim('GET', `/Groups/${gid}`);
    assert.deepEqual(inWorkspace.body.meta, { resourceType: 'Group' });
    const name = `accounts/${emu().account.id}/groups/${gid}/ruleSets/default`;
    const rulesPath = `/api/2.0/preview/accounts/${emu().account.id}/access-control/rule-sets`;
    const ruleSet = await call(
      emu().account.url,
      emu().entraToken(),
      'GET',
      `${rulesPath}?name=${encodeURIComponent(name)}`,
    );
    assert.deepEqual(ruleSet.body.grant_rules, [
      { role: 'roles/group.manager', principals: ['users/admin@contoso.com'] },
    ]);
    const duplicate = await ws1.call('POST', V2, { group_name: 'v2-team' });
    assert.equal(duplicate.status, 409);
  });

  it('lists, adds and removes direct members with numeric ids; the workspace SCIM view follows', async () => {
    const ws1 = workspaceApi(emu(), 0, emu().adminToken);
    const gid = idOf(emu(), 'all-employees');
    const nora = idOf(emu(), 'nora.jensen@contoso.com');
    const added = await ws1.call('POST', `${V2}/${gid}/direct-members`, { principal_id: Number(nora) });
    assert.equal(added.status, 200);
    assert.match(added.text, new RegExp(`"principal_id":${nora}[,}]`));
    assert.equal(added.body.principal_type, 'USER');
    const page = await ws1.call('GET', `${V2}/${gid}/direct-members?page_size=5`);
    assert.equal((page.body.direct_group_members as Json[]).length, 5);
    assert.equal(typeof page.body.next_page_token, 'string');
    const scim = await ws1.scim('GET', `/Groups/${gid}`);
    assert.ok((scim.body.members as Json[]).some((m) => m.value === nora));
    const removed = await ws1.call('DELETE', `${V2}/${gid}/direct-members/${nora}`);
    assert.equal(removed.status, 200);
    assert.equal(emu().state.directory.groups.get(gid)?.members.has(nora), false);
  });

  it('a group manager changes members through Identity v2 but not through account SCIM; others get 403', async () => {
    const gid = idOf(emu(), 'data-science');
    const nora = idOf(emu(), 'nora.jensen@contoso.com');
    const ben = emu().entraToken('ben.carter@contoso.com');
    const viaV2 = await workspaceApi(emu(), 0, ben).call('POST', `${V2}/${gid}/direct-members`, {
      principal_id: Number(nora),
    });
    assert.equal(viaV2.status, 200);
    const viaScim = await accountApi(emu(), ben).scim('PATCH', `/Groups/${gid}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'remove', path: `members[value eq "${nora}"]` }],
    });
    assert.equal(viaScim.status, 403);
    const uma = emu().entraToken('uma.patel@contoso.com');
    const notManager = await workspaceApi(emu(), 0, uma).call('DELETE', `${V2}/${gid}/direct-members/${nora}`);
    assert.equal(notManager.status, 403);
    assert.ok(emu().state.directory.groups.get(gid)?.members.has(nora));
  });

  it('is a 404 ENDPOINT_NOT_FOUND where the Beta is off, per workspace', async () => {
    const ws = emu().workspaces.map((w) => w.workspaceId);
    emu().setKnobs({ identityV2: [ws[1] as string] });
    const off = await workspaceApi(emu(), 0, emu().adminToken).call('POST', V2, { group_name: 'nope' });
    assert.equal(off.status, 404);
    assert.equal(off.body.error_code, 'ENDPOINT_NOT_FOUND');
    const on = await workspaceApi(emu(), 1, emu().entraToken()).call(
      'GET',
      `${V2}/${idOf(emu(), 'all-employees')}/direct-members`,
    );
    assert.equal(on.status, 200);
  });

  it('resolve-by-external-id fails without AIM; with it, the Entra-only group appears in account SCIM', async () => {
    const ws1 = workspaceApi(emu(), 0, emu().adminToken);
    const soc = emu().state.findGroup('soc-analysts');
    const externalId = String(soc?.externalId);
    const account = accountApi(emu());
    assert.ok(!displayNames((await account.scim('GET', '/Groups')).body).includes('soc-analysts'));
    const withoutAim = await ws1.call('POST', `${V2}/resolve-by-external-id`, { external_id: externalId });
    assert.equal(withoutAim.status, 400);
    emu().setKnobs({ aim: true });
    const unknown = await ws1.call('POST', `${V2}/resolve-by-external-id`, { external_id: 'no-such-id' });
    assert.equal(unknown.status, 404);
    const resolved = await ws1.call('POST', `${V2}/resolve-by-external-id`, { external_id: externalId });
    assert.equal(resolved.status, 200);
    assert.equal((resolved.body.group as Json).group_name, 'soc-analysts');
    assert.ok(displayNames((await account.scim('GET', '/Groups')).body).includes('soc-analysts'));
  });
});

describe('emulator account: /.well-known/databricks-config', () => {
  const emu = useAccountEmulator();

  it('answers without authentication on every workspace host, naming the account and the workspace', async () => {
    for (const w of emu().workspaces) {
      const r = await call(w.url, undefined, 'GET', '/.well-known/databricks-config');
      assert.equal(r.status, 200);
      assert.equal(r.body.account_id, emu().account.id);
      assert.equal(r.body.workspace_id, w.workspaceId);
      assert.equal(r.body.cloud, 'azure');
      assert.equal(r.body.host_type, 'workspace');
      assert.equal(r.body.oidc_endpoint, `${w.url}/oidc`);
    }
  });

  it('switched off, a workspace answers like any unknown path (404 with a token)', async () => {
    const [first, second] = emu().workspaces;
    emu().setKnobs({ wellKnownConfig: [String(second?.workspaceId)] });
    const off = await call(String(first?.url), emu().adminToken, 'GET', '/.well-known/databricks-config');
    assert.equal(off.status, 404);
    const on = await call(String(second?.url), undefined, 'GET', '/.well-known/databricks-config');
    assert.equal(on.status, 200);
  });
});
