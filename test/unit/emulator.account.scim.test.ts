import assert from 'node:assert/strict';
import {
  accountApi,
  call,
  displayNames,
  idOf,
  patchOps,
  useAccountEmulator,
  workspaceApi,
  type Json,
} from './emulator.account.helpers';

const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';

describe('emulator account: authentication and account SCIM', () => {
  const emu = useAccountEmulator();

  it('refuses a workspace PAT, a missing token and an unknown one on the account host (401)', async () => {
    const path = `/api/2.0/accounts/${emu().account.id}/scim/v2/Users`;
    for (const token of [emu().adminToken, undefined, 'eyJ-not-issued']) {
      const r = await call(emu().account.url, token, 'GET', path);
      assert.equal(r.status, 401);
      assert.equal(r.body.error_code, 'UNAUTHENTICATED');
    }
    assert.equal((await call(emu().account.url, emu().entraToken(), 'GET', path)).status, 200);
  });

  it('accepts an Entra token on the workspace host too, and refuses it where the user is not assigned', async () => {
    const kavya = emu().entraToken('kavya.reddy@contoso.com');
    assert.equal((await workspaceApi(emu(), 0, kavya).scim('GET', '/Me')).status, 200);
    const created = await accountApi(emu()).scim('POST', '/Users', {
      schemas: [USER_SCHEMA],
      userName: 'acct.only@contoso.com',
    });
    assert.equal(created.status, 201);
    const outsider = emu().entraToken('acct.only@contoso.com');
    assert.equal((await workspaceApi(emu(), 0, outsider).scim('GET', '/Me')).status, 403);
    assert.equal((await workspaceApi(emu(), 1, outsider).scim('GET', '/Me')).status, 403);
    assert.equal((await accountApi(emu(), outsider).scim('GET', '/Groups')).status, 200);
  });

  it('lists account principals only: account groups, no workspace-local groups, no /Me', async () => {
    const api = accountApi(emu());
    const groups = await api.scim('GET', '/Groups');
    assert.deepEqual(displayNames(groups.body).sort(), ['all-employees', 'data-science', 'lakehouse-readers']);
    const users = await api.scim<Json>('GET', '/Users?filter=userName%20eq%20%22kavya.reddy%40contoso.com%22');
    const [kavya] = users.body.Resources as Json[];
    assert.deepEqual(kavya?.schemas, [USER_SCHEMA]);
    assert.equal(kavya?.entitlements, undefined);
    assert.equal((await api.scim('GET', '/Me')).status, 404);
    assert.equal((await api.scim('GET', `/Groups/${idOf(emu(), 'data-eng')}`)).status, 404);
  });

  it('pages with startIndex and count, capping count at accountPageCap', async () => {
    const api = accountApi(emu());
    const page = await api.scim('GET', '/Users?startIndex=3&count=5');
    assert.equal(page.body.startIndex, 3);
    assert.equal(page.body.itemsPerPage, 5);
    emu().setKnobs({ accountPageCap: 4 });
    const capped = await api.scim('GET', '/Users?count=100');
    assert.equal(capped.body.itemsPerPage, 4);
    assert.ok((capped.body.totalResults as number) > 4);
  });

  it('without accountListMembers a group list carries no members; GET by id still does', async () => {
    emu().setKnobs({ accountListMembers: false });
    const api = accountApi(emu());
    const list = await api.scim('GET', '/Groups?filter=displayName%20eq%20%22data-science%22');
    const [listed] = list.body.Resources as Json[];
    assert.equal(listed?.members, undefined);
    const byId = await api.scim('GET', `/Groups/${String(listed?.id)}`);
    assert.equal((byId.body.members as Json[]).length, 3);
    assert.equal(byId.body.groups, undefined);
    assert.deepEqual(byId.body.meta, { resourceType: 'Group' });
  });

  it('an account admin creates, patches, replaces and deletes; a membership change shows in the workspace', async () => {
    const api = accountApi(emu());
    const created = await api.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'acct-new' });
    assert.equal(created.status, 201);
    const gid = String(created.body.id);
    const ws1 = workspaceApi(emu(), 0, emu().adminToken);
    assert.equal((await ws1.scim('GET', `/Groups/${gid}`)).status, 404, 'not assigned to workspace #1 yet');

    const allEmployees = idOf(emu(), 'all-employees');
    const nora = idOf(emu(), 'nora.jensen@contoso.com');
    const add = await api.scim(
      'PATCH',
      `/Groups/${allEmployees}`,
      patchOps([{ op: 'add', path: 'members', value: [{ value: nora }] }]),
    );
    assert.equal(add.status, 204);
    const seen = await ws1.scim('GET', `/Groups/${allEmployees}`);
    assert.ok(
      (seen.body.members as Json[]).some((m) => m.value === nora),
      'one source of truth',
    );

    const put = await api.scim('PUT', `/Groups/${gid}`, {
      schemas: [GROUP_SCHEMA],
      displayName: 'acct-renamed',
      members: [{ value: nora }],
    });
    assert.equal(put.status, 200);
    assert.equal(put.body.displayName, 'acct-renamed');
    assert.equal((await api.scim('DELETE', `/Groups/${gid}`)).status, 204);
    assert.equal((await api.scim('GET', `/Groups/${gid}`)).status, 404);
  });

  it('a non-admin caller reads but gets 403 on every write', async () => {
    const api = accountApi(emu(), emu().entraToken('ben.carter@contoso.com'));
    assert.equal((await api.scim('GET', '/Groups')).status, 200);
    const gid = idOf(emu(), 'data-science');
    const r = await api.scim(
      'PATCH',
      `/Groups/${gid}`,
      patchOps([{ op: 'add', path: 'members', value: [{ value: idOf(emu(), 'nora.jensen@contoso.com') }] }]),
    );
    assert.equal(r.status, 403);
    assert.match(String(r.body.message), /without account admin status/);
    assert.equal((await api.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'x' })).status, 403);
  });

  it('refuses entitlements at account level (400 invalidValue)', async () => {
    const api = accountApi(emu());
    const gid = idOf(emu(), 'data-science');
    const viaPatch = await api.scim(
      'PATCH',
      `/Groups/${gid}`,
      patchOps([{ op: 'add', path: 'entitlements', value: [{ value: 'workspace-access' }] }]),
    );
    assert.equal(viaPatch.status, 400);
    assert.equal(viaPatch.body.scimType, 'invalidValue');
    assert.equal(viaPatch.body.detail, 'entitlements can only be managed at the workspace level');
    const viaPost = await api.scim('POST', '/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'e',
      entitlements: [{ value: 'workspace-access' }],
    });
    assert.equal(viaPost.status, 400);
  });

  it('refuses workspace-local groups and Entra-only identities as members of an account group', async () => {
    const api = accountApi(emu());
    const gid = idOf(emu(), 'data-science');
    for (const member of [idOf(emu(), 'data-eng'), idOf(emu(), 'soc-analysts')]) {
      const r = await api.scim(
        'PATCH',
        `/Groups/${gid}`,
        patchOps([{ op: 'add', path: 'members', value: [{ value: member }] }]),
      );
      assert.equal(r.status, 400);
      assert.equal(r.body.detail, `Member with id ${member} does not exist.`);
    }
    const put = await api.scim('PUT', `/Groups/${gid}`, {
      schemas: [GROUP_SCHEMA],
      displayName: 'data-science',
      members: [{ value: idOf(emu(), 'data-eng') }],
    });
    assert.equal(put.status, 400);
  });

  it('with strictMemberRemove, a remove with a value is refused and the filter path works', async () => {
    emu().setKnobs({ strictMemberRemove: true });
    const api = accountApi(emu());
    const gid = idOf(emu(), 'data-science');
    const kavya = idOf(emu(), 'kavya.reddy@contoso.com');
    const loose = await api.scim(
      'PATCH',
      `/Groups/${gid}`,
      patchOps([{ op: 'remove', path: 'members', value: [{ value: kavya }] }]),
    );
    assert.equal(loose.status, 400);
    assert.equal(loose.body.detail, 'Unrecognized field "value"');
    assert.ok(emu().state.directory.groups.get(gid)?.members.has(kavya), 'nothing removed');
    const strict = await api.scim(
      'PATCH',
      `/Groups/${gid}`,
      patchOps([{ op: 'remove', path: `members[value eq "${kavya}"]` }]),
    );
    assert.equal(strict.status, 204);
    assert.equal(emu().state.directory.groups.get(gid)?.members.has(kavya), false);
  });

  it('with silentNoOpMembershipWrites a membership PATCH answers 204 and changes nothing', async () => {
    emu().setKnobs({ silentNoOpMembershipWrites: true });
    const api = accountApi(emu());
    const gid = idOf(emu(), 'data-science');
    const nora = idOf(emu(), 'nora.jensen@contoso.com');
    const r = await api.scim(
      'PATCH',
      `/Groups/${gid}`,
      patchOps([{ op: 'add', path: 'members', value: [{ value: nora }] }]),
    );
    assert.equal(r.status, 204);
    const back = await api.scim('GET', `/Groups/${gid}`);
    assert.ok(!(back.body.members as Json[]).some((m) => m.value === nora));
    emu().setKnobs({ silentNoOpMembershipWrites: 0 });
    await api.scim('PATCH', `/Groups/${gid}`, patchOps([{ op: 'add', path: 'members', value: [{ value: nora }] }]));
    assert.ok(emu().state.directory.groups.get(gid)?.members.has(nora));
  });
});
