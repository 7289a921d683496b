import assert from 'node:assert/strict';
import {
  accountApi,
  displayNames,
  idOf,
  useAccountEmulator,
  workspaceApi,
  type Json,
} from './emulator.account.helpers';

interface Assignment {
  principal: { principal_id: number; display_name: string; user_name?: string; group_name?: string };
  permissions: string[];
}

describe('emulator account: workspace permission assignments', () => {
  const emu = useAccountEmulator();
  const ws = (i: number): string => (emu().workspaces[i] as { workspaceId: string }).workspaceId;

  it('lists the permission levels', async () => {
    const r = await accountApi(emu()).call('GET', `/workspaces/${ws(0)}/permissionassignments/permissions`);
    assert.deepEqual(
      (r.body.permissions as Json[]).map((p) => p.permission_level),
      ['USER', 'ADMIN'],
    );
  });

  it('round trip: PUT assigns a group (its members appear in the workspace), GET lists it, DELETE removes it', async () => {
    const api = accountApi(emu());
    const gid = idOf(emu(), 'data-science');
    const kavya = idOf(emu(), 'kavya.reddy@contoso.com');
    const ws1 = workspaceApi(emu(), 0, emu().adminToken);
    assert.equal((await ws1.scim('GET', `/Groups/${gid}`)).status, 404);

    const put = await api.call<Assignment>('PUT', `/workspaces/${ws(0)}/permissionassignments/principals/${gid}`, {
      permissions: ['USER'],
    });
    assert.equal(put.status, 200);
    assert.deepEqual(put.body.permissions, ['USER']);
    assert.equal(put.body.principal.group_name, 'data-science');
    assert.match(put.text, new RegExp(`"principal_id":${gid}[,}]`), 'the id is a JSON number, digit for digit');

    const group = await ws1.scim('GET', `/Groups/${gid}`);
    assert.equal(group.status, 200);
    const kavyaGroups = await ws1.scim('GET', `/Users/${kavya}`);
    assert.ok((kavyaGroups.body.groups as Json[]).some((g) => g.display === 'data-science'));

    const list = await api.call<{ permission_assignments: Assignment[] }>(
      'GET',
      `/workspaces/${ws(0)}/permissionassignments`,
    );
    assert.ok(list.text.includes(`"principal_id":${gid}`));
    assert.ok(list.body.permission_assignments.some((a) => a.principal.group_name === 'data-science'));

    const del = await api.call('DELETE', `/workspaces/${ws(0)}/permissionassignments/principals/${gid}`);
    assert.equal(del.status, 200);
    assert.deepEqual(del.body, {});
    assert.equal((await ws1.scim('GET', `/Groups/${gid}`)).status, 404);
  });

  it('ADMIN wins over USER; an empty or unsupported permission list removes the assignment', async () => {
    const api = accountApi(emu());
    const ivan = idOf(emu(), 'mateo.garcia@contoso.com');
    const path = `/workspaces/${ws(1)}/permissionassignments/principals/${ivan}`;
    const both = await api.call<Assignment>('PUT', path, { permissions: ['USER', 'ADMIN'] });
    assert.deepEqual(both.body.permissions, ['ADMIN']);
    const ivansToken = emu().entraToken('mateo.garcia@contoso.com');
    const ws2 = workspaceApi(emu(), 1, ivansToken);
    const write = await ws2.scim('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'ws2-local',
    });
    assert.equal(write.status, 201, 'a workspace ADMIN assignment makes a workspace admin');

    await api.call('PUT', path, { permissions: ['SOMETHING'] });
    assert.equal((await ws2.scim('GET', '/Me')).status, 403, 'no longer in workspace #2');
    const list = await api.call<{ permission_assignments: Assignment[] }>(
      'GET',
      `/workspaces/${ws(1)}/permissionassignments`,
    );
    assert.ok(!list.body.permission_assignments.some((a) => a.principal.user_name === 'mateo.garcia@contoso.com'));
  });

  it('workspace #2 shows what is assigned to it: all-employees and data-science with their members, not the rest', async () => {
    const ws2 = workspaceApi(emu(), 1, emu().entraToken());
    const groups = await ws2.scim('GET', '/Groups');
    assert.deepEqual(displayNames(groups.body).sort(), ['all-employees', 'data-science']);
    const kavya = await ws2.scim('GET', `/Users/${idOf(emu(), 'kavya.reddy@contoso.com')}`);
    assert.equal(kavya.status, 200);
    assert.equal((await ws2.scim('GET', `/Groups/${idOf(emu(), 'data-eng')}`)).status, 404);
  });

  it('refuses principals the account does not have: Entra-only, workspace-local, unknown', async () => {
    const api = accountApi(emu());
    const soc = emu().state.findGroup('soc-analysts');
    for (const id of [soc?.id ?? '', idOf(emu(), 'data-eng'), '1111111111111111']) {
      const r = await api.call('PUT', `/workspaces/${ws(0)}/permissionassignments/principals/${id}`, {
        permissions: ['USER'],
      });
      assert.equal(r.status, 404);
      assert.equal(r.body.message, 'Principal not found in account');
    }
    const notAdmin = accountApi(emu(), emu().entraToken('ben.carter@contoso.com'));
    const denied = await notAdmin.call(
      'PUT',
      `/workspaces/${ws(0)}/permissionassignments/principals/${idOf(emu(), 'data-science')}`,
      {
        permissions: ['USER'],
      },
    );
    assert.equal(denied.status, 403);
    assert.equal((await api.call('GET', '/workspaces/42/permissionassignments')).status, 404);
  });
});
