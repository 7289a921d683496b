// Account SCIM over HTTP against the emulator's account host: pages of at most 100, members read by
// id, one PATCH for many adds, the strict remove form, and the read-back that catches writes the
// service acknowledged and dropped.

import { strict as assert } from 'node:assert';
import { MembershipNotAppliedError } from '../../src/core/account/errors';
import { collectAll } from '../../src/core/scim/paging';
import { startAccountRig, type AccountRig } from './support/accountRig';
import { forEachTest } from './support/lifecycle';

describe('account SCIM client against the emulator (realistic profile)', function () {
  this.timeout(30000);
  let r: AccountRig;
  forEachTest(
    () => startAccountRig({ profile: 'realistic' }),
    (started) => (r = started),
  );

  function accountGroup(name: string, members: string[] = []): string {
    return r.emu.state.createGroup({ displayName: name, accountGroup: true, members }).id;
  }

  it('lists users, groups and service principals in pages of at most 100, each principal once', async () => {
    for (let i = 0; i < 230; i++) r.emu.state.createUser({ userName: `bulk${i}@contoso.com` });
    const client = r.client({ pageSize: 1000 });
    const users = await collectAll(client.listAll('user', { pageSize: 5000 }));
    const expected = r.emu.state.users.toArray().length;
    assert.equal(users.length, expected);
    assert.equal(new Set(users.map((u) => u.id)).size, expected);
    const counts = r.accountRequests('/scim/v2/Users', 'GET').map((e) => Number(e.query['count']));
    assert.ok(counts.length >= 3, `${expected} users need at least 3 pages, got ${counts.length}`);
    assert.ok(
      counts.every((c) => c > 0 && c <= 100),
      `counts asked: ${counts.join(',')}`,
    );
    const page = await client.listPage('group', { count: 500 });
    assert.ok(page.items.length > 0 && page.items.length <= 100);
    assert.equal(r.accountRequests('/scim/v2/Groups', 'GET').at(-1)?.query['count'], '100');
    const sps = await collectAll(client.listAll('servicePrincipal'));
    assert.equal(sps.length, r.emu.state.servicePrincipals.toArray().length);
  });

  it('group lists carry no members; getGroup and memberIds read them by id', async () => {
    const [a, b] = r.emu.state.users.toArray();
    assert.ok(a && b);
    const gid = accountGroup('acct-readers', [a.id, b.id]);
    const client = r.client();
    const listed = (await collectAll(client.listAll('group'))).find((g) => g.id === gid);
    assert.ok(listed);
    assert.equal(listed.members, undefined);
    const got = await client.get('group', gid);
    assert.deepEqual(new Set(got.members?.map((m) => m.id)), new Set([a.id, b.id]));
    assert.deepEqual(await client.memberIds(gid), new Set([a.id, b.id]));
  });

  it('adds many members with one PATCH and removes each with members[value eq "id"], reading the group back', async () => {
    const ids = r.emu.state.users
      .toArray()
      .slice(0, 5)
      .map((u) => u.id);
    const gid = accountGroup('acct-writers');
    const client = r.client();
    const added = await client.addMembers(gid, ids);
    assert.equal(added.requests, 1);
    assert.deepEqual(new Set(added.members), new Set(ids));
    const stored = r.emu.state.getPrincipal(gid);
    assert.deepEqual(stored?.kind === 'group' ? new Set(stored.members) : undefined, new Set(ids));

    const remaining = await client.removeMembers(gid, ids.slice(0, 2));
    assert.deepEqual(new Set(remaining), new Set(ids.slice(2)));
    const patches = r.accountRequests(`/scim/v2/Groups/${gid}`, 'PATCH');
    const removeBody = patches.at(-1)?.body as { Operations: Array<Record<string, unknown>> };
    assert.deepEqual(
      removeBody.Operations,
      ids.slice(0, 2).map((id) => ({ op: 'remove', path: `members[value eq "${id}"]` })),
    );
    assert.ok(
      patches.every((p) => p.status === 200 || p.status === 204),
      'the strict server took every PATCH',
    );
    // Every write was followed by a read of the group.
    const reads = r.accountRequests(`/scim/v2/Groups/${gid}`, 'GET');
    assert.equal(reads.length, 2);
    assert.equal(reads[0]?.query['attributes'], 'id,displayName,members');
  });

  it('a write acknowledged but dropped throws MembershipNotAppliedError naming who did not change', async () => {
    const [a, b, c] = r.emu.state.users.toArray();
    assert.ok(a && b && c);
    const gid = accountGroup('acct-sticky', [c.id]);
    r.emu.setKnobs({ silentNoOpMembershipWrites: true });
    const client = r.client();
    await assert.rejects(client.addMembers(gid, [a.id, b.id]), (e: unknown) => {
      assert.ok(e instanceof MembershipNotAppliedError);
      assert.equal(e.groupId, gid);
      assert.deepEqual([...e.notAdded].sort(), [a.id, b.id].sort());
      assert.deepEqual(e.notRemoved, []);
      assert.match(e.message, /did not apply it/);
      return true;
    });
    await assert.rejects(client.removeMember(gid, c.id), (e: unknown) => {
      assert.ok(e instanceof MembershipNotAppliedError);
      assert.deepEqual(e.notRemoved, [c.id]);
      return true;
    });
    const patched = r.accountRequests(`/scim/v2/Groups/${gid}`, 'PATCH');
    assert.equal(patched.length, 2);
    assert.ok(
      patched.every((p) => p.status >= 200 && p.status < 300),
      'the service answered success both times',
    );
  });

  it('a slow-to-apply write is read again before it counts as dropped', async () => {
    const [a] = r.emu.state.users.toArray();
    assert.ok(a);
    const gid = accountGroup('acct-late');
    r.emu.setKnobs({ silentNoOpMembershipWrites: true });
    const client = r.client({ readBack: { attempts: 3, delayMs: 50 } });
    await assert.rejects(client.addMembers(gid, [a.id]), MembershipNotAppliedError);
    assert.equal(r.accountRequests(`/scim/v2/Groups/${gid}`, 'GET').length, 3);
  });

  it('creates an account group with members (one POST), visible to account SCIM', async () => {
    const [a] = r.emu.state.users.toArray();
    assert.ok(a);
    const client = r.client();
    const created = await client.createGroup({ displayName: 'acct-new', externalId: 'ext-1', members: [a.id] });
    const stored = r.emu.state.getPrincipal(created.id);
    assert.ok(stored?.kind === 'group' && stored.accountGroup && stored.members.has(a.id));
    assert.equal((await client.findByName('group', 'acct-new'))?.id, created.id);
  });

  it('a non-admin is refused by the service with a typed error, not a silent success', async () => {
    const user = r.emu.state.createUser({ userName: 'plain@contoso.com' });
    const gid = accountGroup('acct-guarded');
    const client = r.client({ userName: user.userName });
    await assert.rejects(client.addMembers(gid, [user.id]), (e: unknown) => {
      assert.equal((e as { status?: number }).status, 403);
      return true;
    });
  });
});
