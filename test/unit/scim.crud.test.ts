// Create / get / find / delete for each kind, and /Me, over HTTP against the emulator.

import { strict as assert } from 'node:assert';
import { ScimClient } from '../../src/core/scim/client';
import { DatabricksError } from '../../src/core/databricks/errors';
import { HostError } from '../../src/core/workspaces/host';
import { startHarness, type ScimHarness } from './support/builders';
import { forSuite } from './support/lifecycle';

describe('scim CRUD against the emulator', function () {
  this.timeout(20000);
  let h: ScimHarness;
  forSuite(
    () => startHarness({ dataset: 'demo' }),
    (started) => (h = started),
  );

  it('me() is the token owner, asked for id and names only (groups when wanted, never entitlements)', async () => {
    const me = await h.scim.me();
    assert.equal(me.id, h.emulator.state.adminUser.id);
    assert.equal(me.userName, 'admin@contoso.com');
    assert.equal(me.groups, undefined);
    const withGroups = await h.scim.me({ withGroups: true });
    assert.ok(withGroups.groups?.some((g) => g.display === 'admins'));
    const asked = h.scimRequests('/Me', 'GET').map((r) => r.query?.['attributes']);
    assert.deepEqual(asked, ['id,userName,displayName', 'id,userName,displayName,groups']);
  });

  it('users: create (lower-cased), get, find, delete; duplicates are typed', async () => {
    const created = await h.scim.createUser({
      userName: 'New.Person@Contoso.com',
      displayName: 'New Person',
      entitlements: ['workspace-access'],
    });
    assert.equal(created.userName, 'new.person@contoso.com');
    assert.equal(h.emulator.state.getPrincipal(created.id)?.kind, 'user');
    const got = await h.scim.get('user', created.id);
    assert.equal(got.displayName, 'New Person');
    assert.deepEqual(got.entitlements, ['workspace-access']);
    assert.equal((await h.scim.findByName('user', 'NEW.PERSON@contoso.com'))?.id, created.id);
    await assert.rejects(
      h.scim.createUser({ userName: 'new.person@contoso.com' }),
      (e: unknown) => e instanceof DatabricksError && e.isAlreadyExists,
    );
    await h.scim.deletePrincipal('user', created.id);
    assert.equal(h.emulator.state.getPrincipal(created.id), undefined);
    await assert.rejects(
      h.scim.get('user', created.id),
      (e: unknown) => e instanceof DatabricksError && e.isNotFound && /User .* was not found/.test(e.userMessage),
    );
  });

  it('groups: create with members, get with members, find, delete', async () => {
    const [u] = h.emulator.state.users.toArray();
    const sp = h.emulator.state.servicePrincipals.toArray()[0];
    assert.ok(u && sp);
    const g = await h.scim.createGroup({
      displayName: 'crud-group',
      members: [u.id, sp.id],
      entitlements: ['allow-cluster-create'],
    });
    assert.equal(g.source, 'workspace');
    const got = await h.scim.get('group', g.id);
    assert.deepEqual(got.members?.map((m) => m.kind).sort(), ['servicePrincipal', 'user']);
    assert.equal(got.members?.find((m) => m.id === u.id)?.display, u.displayName ?? u.userName);
    assert.equal((await h.scim.findByName('group', 'crud-group'))?.id, g.id);
    assert.equal(await h.scim.findByName('group', 'no-such-group'), undefined);
    await h.scim.deletePrincipal('group', g.id);
    assert.equal(h.emulator.state.getPrincipal(g.id), undefined);
  });

  it('nested groups: a group shows its parent, a member its direct and indirect groups', async () => {
    const ml = h.emulator.state.findGroup('ml-engineers');
    assert.ok(ml);
    const got = await h.scim.get('group', ml.id);
    assert.deepEqual(
      got.groups?.map((p) => [p.display, p.direct]),
      [['data-eng', true]],
    );
    const memberId = [...ml.members].find((id) => h.emulator.state.getPrincipal(id)?.kind === 'user');
    assert.ok(memberId);
    const user = await h.scim.get('user', memberId);
    const groups = new Map(user.groups?.map((g) => [g.display, g.direct]));
    assert.equal(groups.get('ml-engineers'), true);
    assert.equal(groups.get('data-platform'), false, 'reached through data-eng');
  });

  it('service principals: create, find by applicationId (any case), delete', async () => {
    const appId = 'AAAAAAAA-1111-2222-3333-444444444444';
    const sp = await h.scim.createServicePrincipal({ applicationId: appId, displayName: 'crud-sp' });
    assert.equal(sp.applicationId.toLowerCase(), appId.toLowerCase());
    assert.equal((await h.scim.findByName('servicePrincipal', appId.toLowerCase()))?.id, sp.id);
    const managed = await h.scim.createServicePrincipal({ displayName: 'databricks-managed' });
    assert.match(managed.applicationId, /^[0-9a-f-]{36}$/i);
    await h.scim.deletePrincipal('servicePrincipal', sp.id);
    await h.scim.deletePrincipal('servicePrincipal', managed.id);
    assert.equal(h.emulator.state.getPrincipal(sp.id), undefined);
  });

  it('a DELETE whose first answer was lost still succeeds', async () => {
    const user = h.emulator.state.createUser({ userName: 'lost.answer@contoso.com' });
    // The server deletes, then the connection drops before the answer: the retry finds nothing.
    h.emulator.state.deletePrincipal(user.id);
    h.emulator.injectFaults({ match: { method: 'DELETE' }, times: 1, kind: 'status', status: 502 });
    await h.scim.deletePrincipal('user', user.id);
    await assert.rejects(
      h.scim.deletePrincipal('user', user.id),
      (e: unknown) => e instanceof DatabricksError && e.isNotFound,
    );
  });

  it('normalises the host and refuses bad ids and options', () => {
    const c = new ScimClient({ host: 'adb-1.2.azuredatabricks.net/?o=1', http: h.http });
    assert.equal(c.baseUrl, 'https://adb-1.2.azuredatabricks.net/api/2.0/preview/scim/v2');
    assert.equal(c.pageSize, 500);
    assert.equal(c.concurrency, 4);
    assert.throws(() => new ScimClient({ host: h.emulator.url, http: h.http, pageSize: 0 }));
    assert.throws(() => new ScimClient({ host: '', http: h.http }));
    // The one host normaliser: plain http is refused off loopback before any request is built.
    assert.throws(() => new ScimClient({ host: 'http://adb-1.2.azuredatabricks.net', http: h.http }), HostError);
    return assert.rejects(h.scim.get('user', ''), /non-empty/);
  });
});
