import assert from 'node:assert/strict';
import { SCIM, groupIdOf, useEmulator, userIdOf, values, type ScimResource } from './emulator.helpers';

describe('emulator: lists, paging and projection', () => {
  const { emu, api } = useEmulator({ dataset: 'demo' });

  it('answers a ListResponse with exactly the SCIM keys', async () => {
    const r = await api().list('Users', { count: 5 });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body).sort(), [
      'Resources',
      'itemsPerPage',
      'schemas',
      'startIndex',
      'totalResults',
    ]);
    assert.deepEqual(r.body.schemas, ['urn:ietf:params:scim:api:messages:2.0:ListResponse']);
    assert.equal(r.body.totalResults, 41);
    assert.equal(r.body.startIndex, 1);
    assert.equal(r.body.itemsPerPage, 5);
    assert.equal(r.body.Resources?.length, 5);
  });

  it('pages with 1-based startIndex in a stable order, and itemsPerPage counts what was returned', async () => {
    const seen: string[] = [];
    for (let start = 1; start <= 41; start += 10) {
      const page = await api().list('Users', { startIndex: start, count: 10 });
      assert.equal(page.body.startIndex, start);
      assert.equal(page.body.itemsPerPage, page.body.Resources?.length ?? 0);
      seen.push(...(page.body.Resources ?? []).map((u) => u.id));
    }
    assert.equal(seen.length, 41);
    assert.equal(new Set(seen).size, 41);
    assert.deepEqual(
      seen,
      emu().state.users.map((u) => u.id),
    );
    const past = await api().list('Users', { startIndex: 42, count: 10 });
    assert.equal(past.body.itemsPerPage, 0);
    assert.equal(past.body.totalResults, 41);
  });

  it('clamps count to pageCap and uses defaultCount without count', async () => {
    emu().setKnobs({ pageCap: 7, defaultCount: 3 });
    assert.equal((await api().list('Users', { count: 100 })).body.itemsPerPage, 7);
    assert.equal((await api().list('Users')).body.itemsPerPage, 3);
    assert.equal((await api().list('Users', { count: 0 })).body.itemsPerPage, 0);
  });

  it('sorts by userName and displayName, ascending or descending', async () => {
    const asc = await api().list('Users', { sortBy: 'userName', count: 100 });
    const names = (asc.body.Resources ?? []).map((u) => u.userName ?? '');
    assert.deepEqual(names, [...names].sort());
    const desc = await api().list('Users', { sortBy: 'userName', sortOrder: 'descending', count: 100 });
    assert.deepEqual(
      (desc.body.Resources ?? []).map((u) => u.userName),
      [...names].reverse(),
    );
    const groups = await api().list('Groups', { sortBy: 'displayName', attributes: 'displayName' });
    const g = (groups.body.Resources ?? []).map((x) => x.displayName ?? '');
    assert.deepEqual(g, [...g].sort());
  });

  it('projects with attributes, always keeping id and schemas', async () => {
    const r = await api().list('Users', { attributes: 'userName,displayName', count: 2 });
    for (const u of r.body.Resources ?? []) {
      assert.deepEqual(Object.keys(u).sort(), ['displayName', 'id', 'schemas', 'userName']);
    }
    const nested = await api().list('Users', { attributes: 'name.givenName,emails.value', count: 1 });
    const first = nested.body.Resources?.[0];
    assert.deepEqual(first?.name, { givenName: 'Contoso' });
    assert.deepEqual(first?.emails, [{ value: 'admin@contoso.com' }]);
    const urn = await api().list('Users', {
      attributes: 'urn:ietf:params:scim:schemas:core:2.0:User:userName',
      count: 1,
    });
    assert.deepEqual(Object.keys(urn.body.Resources?.[0] ?? {}).sort(), ['id', 'schemas', 'userName']);
  });

  it('projects with excludedAttributes, never dropping id or schemas', async () => {
    const r = await api().list('Groups', { excludedAttributes: 'members,id,schemas,meta' });
    for (const g of r.body.Resources ?? []) {
      assert.equal(g.members, undefined);
      assert.equal(g.meta, undefined);
      assert.ok(g.id);
      assert.ok(g.schemas);
    }
    const one = await api().get(
      `${SCIM}/Users/${userIdOf(emu(), 'kavya.reddy@contoso.com')}?excludedAttributes=groups,emails`,
    );
    assert.equal(one.body.groups, undefined);
    assert.equal(one.body.emails, undefined);
    assert.equal(one.body.userName, 'kavya.reddy@contoso.com');
  });

  it('lists groups WITH members by default, like the real service', async () => {
    const r = await api().list('Groups', { filter: 'displayName eq "data-eng"' });
    const g = r.body.Resources?.[0];
    assert.ok(g?.members && g.members.length === 9);
    const none = await api().list('Groups', { filter: 'displayName eq "data-eng"', attributes: 'id,displayName' });
    assert.equal(none.body.Resources?.[0]?.members, undefined);
  });

  it('GET /Groups/{id} returns members with display and $ref for every kind', async () => {
    const r = await api().get(`${SCIM}/Groups/${groupIdOf(emu(), 'data-eng')}`);
    assert.equal(r.status, 200);
    const refs = r.body.members ?? [];
    const byDisplay = new Map(refs.map((m) => [m.display, m]));
    assert.equal(byDisplay.get('Daniel Okafor')?.$ref, `Users/${userIdOf(emu(), 'daniel.okafor@contoso.com')}`);
    assert.equal(byDisplay.get('ml-engineers')?.$ref, `Groups/${groupIdOf(emu(), 'ml-engineers')}`);
    assert.match(byDisplay.get('etl-pipeline')?.$ref ?? '', /^ServicePrincipals\/\d{16}$/);
    assert.deepEqual(r.body.meta, { resourceType: 'WorkspaceGroup' });
    assert.deepEqual(r.body.schemas, ['urn:ietf:params:scim:schemas:core:2.0:Group']);
    assert.deepEqual(values(r.body.groups), [groupIdOf(emu(), 'data-platform')]);
  });

  it('renders users, service principals and groups with the Databricks shapes', async () => {
    const u = await api().get<ScimResource>(`${SCIM}/Users/${userIdOf(emu(), 'aisha.khan@contoso.com')}`);
    assert.deepEqual(u.body.schemas, [
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:extension:workspace:2.0:User',
    ]);
    assert.match(u.body.id, /^\d{16}$/);
    assert.deepEqual(u.body.emails, [{ value: 'aisha.khan@contoso.com', type: 'work', primary: true }]);
    assert.deepEqual(values(u.body.entitlements), ['allow-cluster-create', 'allow-instance-pool-create']);
    const sps = await api().list('ServicePrincipals');
    assert.equal(sps.body.totalResults, 4);
    for (const sp of sps.body.Resources ?? []) {
      assert.match(sp.applicationId ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.deepEqual(sp.schemas, ['urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal']);
    }
    const acct = await api().get(`${SCIM}/Groups/${groupIdOf(emu(), 'all-employees')}`);
    assert.deepEqual(acct.body.meta, { resourceType: 'Group' });
  });

  it('answers 404 with the SCIM error body for unknown ids', async () => {
    for (const [resource, detail] of [
      ['Users', 'User not found.'],
      ['Groups', 'Group not found.'],
      ['ServicePrincipals', 'Service principal not found.'],
    ] as const) {
      const r = await api().get<unknown>(`${SCIM}/${resource}/1234567890123456`);
      assert.equal(r.status, 404);
      assert.deepEqual(r.body, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], detail, status: '404' });
    }
    // A group id asked for as a user is not found either.
    const wrongKind = await api().get(`${SCIM}/Users/${groupIdOf(emu(), 'analysts')}`);
    assert.equal(wrongKind.status, 404);
  });
});
