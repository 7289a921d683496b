import assert from 'node:assert/strict';
import { SCIM, groupIdOf, spIdOf, useEmulator, userIdOf, values, type ScimErrorBody } from './emulator.helpers';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const SP = 'urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal';

describe('emulator: POST, PUT, DELETE', () => {
  const { emu, api } = useEmulator({ dataset: 'demo' });

  it('POST /Users answers 201 with the full user; userName is stored lower-cased', async () => {
    const r = await api().post(`${SCIM}/Users`, {
      schemas: [USER],
      userName: 'New.Hire@Contoso.com',
      displayName: 'New Hire',
      entitlements: [{ value: 'workspace-access' }],
      groups: [{ value: groupIdOf(emu(), 'analysts') }],
    });
    assert.equal(r.status, 201);
    assert.match(r.body.id, /^\d{16}$/);
    assert.equal(r.body.userName, 'new.hire@contoso.com');
    assert.equal(r.body.active, true);
    assert.deepEqual(values(r.body.entitlements), ['workspace-access']);
    assert.deepEqual(
      (r.body.groups ?? []).map((g) => [g.display, g.type]),
      [
        ['analysts', 'direct'],
        ['data-platform', 'indirect'],
      ],
    );
    const again = await api().get(`${SCIM}/Users/${r.body.id}`);
    assert.equal(again.body.userName, 'new.hire@contoso.com');
  });

  it('POST /Groups answers 201 with members expanded (display and $ref)', async () => {
    const grace = userIdOf(emu(), 'grace.liu@contoso.com');
    const r = await api().post(`${SCIM}/Groups`, {
      schemas: [GROUP],
      displayName: 'lakehouse-admins',
      externalId: 'abc',
      members: [{ value: grace }],
    });
    assert.equal(r.status, 201);
    assert.deepEqual(r.body.members, [{ display: 'Grace Liu', value: grace, $ref: `Users/${grace}` }]);
    assert.equal(r.body.externalId, 'abc');
    assert.deepEqual(r.body.meta, { resourceType: 'WorkspaceGroup' });
  });

  it('POST /ServicePrincipals generates an applicationId GUID when none is given', async () => {
    const r = await api().post(`${SCIM}/ServicePrincipals`, { schemas: [SP], displayName: 'dbx-managed' });
    assert.equal(r.status, 201);
    assert.match(r.body.applicationId ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const entra = await api().post(`${SCIM}/ServicePrincipals`, {
      schemas: [SP],
      applicationId: '11111111-0000-0000-0000-111111111111',
      displayName: 'entra-app',
    });
    assert.equal(entra.body.applicationId, '11111111-0000-0000-0000-111111111111');
  });

  it('answers duplicates with 409 and the exact Databricks texts, without scimType', async () => {
    const cases: [string, unknown, string][] = [
      ['Groups', { schemas: [GROUP], displayName: 'analysts' }, 'Group with name analysts already exists.'],
      [
        'Users',
        { schemas: [USER], userName: 'grace.liu@contoso.com' },
        'User with username grace.liu@contoso.com already exists.',
      ],
      [
        'ServicePrincipals',
        { schemas: [SP], applicationId: '61c54a14-24e4-50b3-bf06-b0f46d43c6e4', displayName: 'dup' },
        'Service principal with application ID 61c54a14-24e4-50b3-bf06-b0f46d43c6e4 already exists.',
      ],
    ];
    for (const [resource, body, detail] of cases) {
      const r = await api().post<unknown>(`${SCIM}/${resource}`, body);
      assert.equal(r.status, 409);
      assert.deepEqual(r.body, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], detail, status: '409' });
    }
  });

  it('answers 400 for missing schemas, missing required fields, unknown members and bad entitlements', async () => {
    const bad: [string, unknown][] = [
      ['Users', { userName: 'no.schemas@contoso.com' }],
      ['Users', { schemas: [USER] }],
      ['Groups', { schemas: [GROUP] }],
      ['ServicePrincipals', { schemas: [SP] }],
      ['Groups', { schemas: [GROUP], displayName: 'g', members: [{ value: '9999999999999999' }] }],
      ['Groups', { schemas: [GROUP], displayName: 'g', members: ['not-an-object'] }],
      ['Users', { schemas: [USER], userName: 'e@contoso.com', entitlements: [{ value: 'be-root' }] }],
    ];
    for (const [resource, body] of bad) {
      const r = await api().post<ScimErrorBody>(`${SCIM}/${resource}`, body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.body.status, '400');
    }
    const notJson = await api().call<ScimErrorBody>('POST', `${SCIM}/Groups`, undefined, {
      raw: '{ nope',
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(notJson.status, 400);
    assert.equal(notJson.body.scimType, 'invalidSyntax');
  });

  it('PUT replaces: omitted members, entitlements, roles and groups are cleared, emails ignored', async () => {
    const group = groupIdOf(emu(), 'data-eng');
    const r = await api().put(`${SCIM}/Groups/${group}`, { schemas: [GROUP], displayName: 'data-engineering' });
    assert.equal(r.status, 200);
    assert.equal(r.body.displayName, 'data-engineering');
    assert.equal(r.body.members, undefined);
    assert.equal(r.body.entitlements, undefined);
    assert.equal(emu().state.groups.get(group)?.members.size, 0);

    const aisha = userIdOf(emu(), 'aisha.khan@contoso.com');
    const u = await api().put(`${SCIM}/Users/${aisha}`, {
      schemas: [USER],
      userName: 'aisha.khan@contoso.com',
      displayName: 'Aisha K.',
      emails: [{ value: 'other@example.com' }],
    });
    assert.equal(u.status, 200);
    assert.equal(u.body.displayName, 'Aisha K.');
    assert.deepEqual(values(u.body.emails), ['aisha.khan@contoso.com']);
    assert.equal(u.body.entitlements, undefined);
    // Removed from every workspace group; the account group membership is out of reach and stays.
    assert.deepEqual(
      (u.body.groups ?? []).map((g) => g.display),
      ['all-employees'],
    );
  });

  it('PUT keeps what the body repeats and 404s on unknown ids', async () => {
    const sp = spIdOf(emu(), 'etl-pipeline');
    const dataEng = groupIdOf(emu(), 'data-eng');
    const r = await api().put(`${SCIM}/ServicePrincipals/${sp}`, {
      schemas: [SP],
      applicationId: '61c54a14-24e4-50b3-bf06-b0f46d43c6e4',
      displayName: 'etl-pipeline',
      entitlements: [{ value: 'workspace-access' }],
      groups: [{ value: dataEng }],
    });
    assert.equal(r.status, 200);
    assert.deepEqual(values(r.body.entitlements), ['workspace-access']);
    assert.deepEqual(
      (r.body.groups ?? []).filter((g) => g.type === 'direct').map((g) => g.value),
      [dataEng],
    );
    const changeAppId = await api().put(`${SCIM}/ServicePrincipals/${sp}`, {
      schemas: [SP],
      applicationId: '00000000-0000-0000-0000-000000000000',
      displayName: 'x',
    });
    assert.equal(changeAppId.status, 400);
    const missing = await api().put<ScimErrorBody>(`${SCIM}/Users/1234567890123456`, {
      schemas: [USER],
      userName: 'x@y.z',
    });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.detail, 'User not found.');
  });

  it('DELETE answers 204, removes memberships, and 404s with the SCIM body the second time', async () => {
    const grace = userIdOf(emu(), 'grace.liu@contoso.com');
    const r = await api().delete(`${SCIM}/Users/${grace}`);
    assert.equal(r.status, 204);
    assert.equal(r.text, '');
    assert.ok(!emu().state.findGroup('data-eng')?.members.has(grace));
    const again = await api().delete<unknown>(`${SCIM}/Users/${grace}`);
    assert.equal(again.status, 404);
    assert.deepEqual(again.body, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      detail: 'User not found.',
      status: '404',
    });
    const g = await api().delete<unknown>(`${SCIM}/Groups/1234567890123456`);
    assert.deepEqual(g.body, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      detail: 'Group not found.',
      status: '404',
    });
    const sp = await api().delete<unknown>(`${SCIM}/ServicePrincipals/1234567890123456`);
    assert.deepEqual(sp.body, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      detail: 'Service principal not found.',
      status: '404',
    });
  });

  it("deleting a group removes it from its parents and from members' groups", async () => {
    const dataEng = groupIdOf(emu(), 'data-eng');
    assert.equal((await api().delete(`${SCIM}/Groups/${dataEng}`)).status, 204);
    assert.ok(!emu().state.findGroup('data-platform')?.members.has(dataEng));
    const kavya = await api().get(`${SCIM}/Users/${userIdOf(emu(), 'kavya.reddy@contoso.com')}`);
    assert.ok(!(kavya.body.groups ?? []).some((g) => g.display === 'data-platform' || g.display === 'data-eng'));
  });
});
