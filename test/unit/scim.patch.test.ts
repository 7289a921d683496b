// PATCH builders produce the documented forms; the emulator accepts each one and the effect is
// visible on the next GET. Member adds are batched; "already a member" counts as success.

import { strict as assert } from 'node:assert';
import { DatabricksError } from '../../src/core/databricks/errors';
import {
  addEntitlementsOp,
  addMembersOp,
  patchBody,
  PATCH_OP_SCHEMA,
  removeEntitlementOp,
  removeMemberOp,
  replaceEntitlementsOp,
  setActiveOp,
  setDisplayNameOp,
} from '../../src/core/scim/patch';
import { SCIM_BASE, startHarness, type ScimHarness } from './support/builders';

describe('scim PATCH builders (pure)', () => {
  it('builds the documented operation forms', () => {
    assert.deepEqual(addMembersOp(['1', '2', '1']), {
      op: 'add',
      path: 'members',
      value: [{ value: '1' }, { value: '2' }],
    });
    assert.deepEqual(removeMemberOp('12"3\\'), { op: 'remove', path: 'members[value eq "12\\"3\\\\"]' });
    assert.deepEqual(addEntitlementsOp(['workspace-access']), {
      op: 'add',
      path: 'entitlements',
      value: [{ value: 'workspace-access' }],
    });
    assert.deepEqual(removeEntitlementOp('allow-cluster-create'), {
      op: 'remove',
      path: 'entitlements[value eq "allow-cluster-create"]',
    });
    assert.deepEqual(replaceEntitlementsOp([]), { op: 'replace', path: 'entitlements', value: [] });
    assert.deepEqual(setActiveOp(false), { op: 'replace', path: 'active', value: false });
    assert.deepEqual(setDisplayNameOp('new'), { op: 'replace', path: 'displayName', value: 'new' });
    assert.deepEqual(patchBody([setActiveOp(true)]), {
      schemas: [PATCH_OP_SCHEMA],
      Operations: [{ op: 'replace', path: 'active', value: true }],
    });
  });

  it('refuses empty inputs', () => {
    assert.throws(() => addMembersOp([]));
    assert.throws(() => removeMemberOp(''));
    assert.throws(() => patchBody([]));
    assert.throws(() => setDisplayNameOp('  '));
  });
});

describe('scim PATCH against the emulator', function () {
  this.timeout(20000);
  let h: ScimHarness;
  beforeEach(async () => {
    h = await startHarness({ dataset: 'demo' });
  });
  afterEach(async () => {
    await h.close();
  });

  const patches = (): typeof h.emulator.log => h.emulator.log.filter((e) => e.method === 'PATCH');

  it('adds three members of three kinds in exactly one PATCH, visible on GET with their kinds', async () => {
    const s = h.emulator.state;
    const group = s.createGroup({ displayName: 'patch-target' });
    const user = s.createUser({ userName: 'member.one@contoso.com' });
    const sp = s.createServicePrincipal({ displayName: 'member-sp' });
    const child = s.createGroup({ displayName: 'member-group' });
    h.emulator.clearLog();
    const result = await h.scim.addMembers(group.id, [user.id, sp.id, child.id]);
    assert.deepEqual(result, { requests: 1, requested: 3, alreadyMembers: [] });
    assert.equal(patches().length, 1);
    assert.deepEqual(patches()[0]?.body, {
      schemas: [PATCH_OP_SCHEMA],
      Operations: [{ op: 'add', path: 'members', value: [{ value: user.id }, { value: sp.id }, { value: child.id }] }],
    });
    const got = await h.scim.get('group', group.id);
    assert.deepEqual(
      got.members?.map((m) => [m.id, m.kind]).sort(),
      [
        [user.id, 'user'],
        [sp.id, 'servicePrincipal'],
        [child.id, 'group'],
      ].sort(),
    );
    const viaUser = await h.scim.get('user', user.id);
    assert.ok(viaUser.groups?.some((g) => g.id === group.id && g.direct));
  });

  it('chunks adds above maxMembersPerPatch', async () => {
    await h.close();
    h = await startHarness({ dataset: 'demo', maxMembersPerPatch: 2 });
    const group = h.emulator.state.createGroup({ displayName: 'chunked' });
    const ids = h.emulator.state.users
      .toArray()
      .slice(0, 5)
      .map((u) => u.id);
    h.emulator.clearLog();
    const result = await h.scim.addMembers(group.id, [...ids, ids[0] as string]);
    assert.equal(result.requests, 3);
    assert.equal(patches().length, 3);
    assert.deepEqual([...(h.emulator.state.groups.get(group.id)?.members ?? [])].sort(), [...ids].sort());
  });

  it('"already a member" answers count as success, and a rejected batch is redone one by one', async () => {
    const s = h.emulator.state;
    const group = s.createGroup({ displayName: 'dupes' });
    const [a, b, c] = s.users.toArray();
    assert.ok(a && b && c);
    s.addMember(group.id, a.id);
    const already = JSON.stringify({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      detail: `User ${a.id} is already a member of the group.`,
      status: '409',
    });
    const answerAlreadyOnce = {
      match: { method: 'PATCH', path: `${SCIM_BASE}/Groups/${group.id}` },
      times: 1,
      kind: 'status',
      status: 409,
      body: already,
      contentType: 'application/json',
    } as const;
    h.emulator.injectFaults(answerAlreadyOnce);
    h.emulator.clearLog();
    const batch = await h.scim.addMembers(group.id, [a.id, b.id, c.id]);
    assert.equal(batch.requests, 4, 'one rejected batch, then one PATCH per id');
    assert.deepEqual([...(s.groups.get(group.id)?.members ?? [])].sort(), [a.id, b.id, c.id].sort());

    h.emulator.injectFaults(answerAlreadyOnce);
    const single = await h.scim.addMembers(group.id, [a.id]);
    assert.deepEqual(single.alreadyMembers, [a.id]);

    const again = await h.scim.addMembers(group.id, [a.id, b.id]);
    assert.equal(again.requests, 1, 'an idempotent server needs no special handling');
  });

  it('removes a member with the value-path form; removing a non-member succeeds', async () => {
    const s = h.emulator.state;
    const [a, b] = s.users.toArray();
    assert.ok(a && b);
    const group = s.createGroup({ displayName: 'shrinking', members: [a.id, b.id] });
    h.emulator.clearLog();
    await h.scim.removeMember(group.id, a.id);
    assert.deepEqual(patches()[0]?.body, {
      schemas: [PATCH_OP_SCHEMA],
      Operations: [{ op: 'remove', path: `members[value eq "${a.id}"]` }],
    });
    assert.deepEqual(
      (await h.scim.get('group', group.id)).members?.map((m) => m.id),
      [b.id],
    );
    await h.scim.removeMember(group.id, a.id);
    assert.equal((await h.scim.get('group', group.id)).members?.length, 1);
  });

  it('entitlements: add, remove, replace — and removing an unset one is done, not an error', async () => {
    const s = h.emulator.state;
    const user = s.createUser({ userName: 'ent.user@contoso.com' });
    await h.scim.setEntitlements('user', user.id, [], ['workspace-access']);
    assert.deepEqual((await h.scim.get('user', user.id)).entitlements, undefined, 'still none');

    await h.scim.setEntitlements('user', user.id, ['allow-cluster-create', 'databricks-sql-access'], []);
    assert.deepEqual((await h.scim.get('user', user.id)).entitlements?.sort(), [
      'allow-cluster-create',
      'databricks-sql-access',
    ]);

    h.emulator.clearLog();
    await h.scim.setEntitlements('user', user.id, ['allow-instance-pool-create'], ['allow-cluster-create']);
    assert.equal(patches().length, 1, 'add and remove in one PATCH');
    assert.deepEqual((await h.scim.get('user', user.id)).entitlements?.sort(), [
      'allow-instance-pool-create',
      'databricks-sql-access',
    ]);

    await h.scim.patchPrincipal('user', user.id, [replaceEntitlementsOp(['workspace-access'])]);
    assert.deepEqual((await h.scim.get('user', user.id)).entitlements, ['workspace-access']);

    const group = s.createGroup({ displayName: 'ent-group' });
    await h.scim.setEntitlements('group', group.id, ['allow-cluster-create'], []);
    assert.deepEqual((await h.scim.get('group', group.id)).entitlements, ['allow-cluster-create']);
    const sp = s.createServicePrincipal({ displayName: 'ent-sp' });
    await h.scim.setEntitlements('servicePrincipal', sp.id, ['workspace-access'], []);
    assert.deepEqual((await h.scim.get('servicePrincipal', sp.id)).entitlements, ['workspace-access']);

    await assert.rejects(
      h.scim.setEntitlements('user', user.id, ['not-an-entitlement'], []),
      (e: unknown) => e instanceof DatabricksError && e.status === 400,
    );
  });

  it('active and displayName', async () => {
    const s = h.emulator.state;
    const user = s.createUser({ userName: 'toggle@contoso.com' });
    await h.scim.setActive('user', user.id, false);
    assert.equal((await h.scim.get('user', user.id)).active, false);
    await h.scim.setActive('user', user.id, true);
    assert.equal((await h.scim.get('user', user.id)).active, true);
    const sp = s.createServicePrincipal({ displayName: 'toggle-sp' });
    await h.scim.setActive('servicePrincipal', sp.id, false);
    assert.equal((await h.scim.get('servicePrincipal', sp.id)).active, false);
    await h.scim.setDisplayName('servicePrincipal', sp.id, 'renamed-sp');
    assert.equal((await h.scim.get('servicePrincipal', sp.id)).displayName, 'renamed-sp');
    const group = s.createGroup({ displayName: 'old-name' });
    await h.scim.setDisplayName('group', group.id, 'new-name');
    assert.equal((await h.scim.get('group', group.id)).displayName, 'new-name');
  });

  it('a PATCH answered 200 with the resource returns it parsed', async () => {
    h.emulator.setKnobs({ patchStatus: 200 });
    const user = h.emulator.state.createUser({ userName: 'two-hundred@contoso.com' });
    const updated = await h.scim.patchPrincipal('user', user.id, [setActiveOp(false)]);
    assert.equal(updated?.id, user.id);
    assert.equal(updated?.active, false);
  });

  it('a write to an account group is refused with a typed error', async () => {
    const account = h.emulator.state.groups.find((g) => g.accountGroup);
    assert.ok(account);
    const user = h.emulator.state.users.toArray()[0];
    assert.ok(user);
    await assert.rejects(h.scim.addMembers(account.id, [user.id]), (e: unknown) => {
      assert.ok(e instanceof DatabricksError);
      assert.ok(e.isAccountGroupWrite);
      assert.match(e.userMessage, /account/);
      return true;
    });
  });
});
