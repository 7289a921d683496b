// Transitive membership and memberTree against the Graph emulator: who arrives through which
// nested group (`via`), cycles, the depth bound, and the request count of a 20k nested group.

import { strict as assert } from 'node:assert';
import { collectAll } from '../../src/core/scim/paging';
import type { MemberTree, ReachedMember } from '../../src/core/graph/memberTree';
import { ENTRA_SCALE } from '../emulator/data/entra';
import { startGraphHarness, type GraphHarness } from './graph.helpers';
import { forEachTest, forSuite } from './support/lifecycle';

function byUpn(tree: MemberTree, upn: string): ReachedMember | undefined {
  return tree.members.find((m) => m.userPrincipalName?.toLowerCase() === upn.toLowerCase());
}

describe('graph transitive members and memberTree', function () {
  this.timeout(30000);
  let h: GraphHarness;
  forEachTest(
    () => startGraphHarness({ org: 'demo' }),
    (started) => (h = started),
  );

  it('transitiveMembers lists everyone reached through nesting, service principals included', async () => {
    const platform = h.group('data-platform');
    const members = await collectAll(h.graph.transitiveMembers(platform.id));
    const expected = h.emu.state
      .transitiveMembers(platform.id)
      .map((m) => m.id)
      .sort();
    assert.deepEqual(members.map((m) => m.id).sort(), expected);
    assert.ok(members.some((m) => m.type === 'servicePrincipal' && m.displayName === 'powerbi-refresh'));
    assert.ok(
      h.requests('/transitiveMembers').length === 1 &&
        h.requests('/transitiveMembers/microsoft.graph.servicePrincipal').length === 1,
    );
  });

  it('memberTree names the nested group each member arrives through', async () => {
    const tree = await h.graph.memberTree(h.group('data-platform').id);
    assert.deepEqual(tree.direct.map((m) => m.displayName).sort(), [
      'Aisha Khan',
      'Ben Carter',
      'analysts',
      'data-eng',
    ]);
    assert.deepEqual(
      [byUpn(tree, 'aisha.khan@contoso.com')?.direct, byUpn(tree, 'aisha.khan@contoso.com')?.via],
      [true, []],
    );
    assert.deepEqual(byUpn(tree, 'kenji.sato@contoso.com')?.via, ['ml-engineers']);
    assert.deepEqual(byUpn(tree, 'grace.liu@contoso.com')?.via, ['data-eng']);
    assert.equal(byUpn(tree, 'grace.liu@contoso.com')?.userPrincipalName, 'Grace.Liu@contoso.com');
    assert.deepEqual(byUpn(tree, 'rania.aziz@contoso.com')?.via, ['Finance Analysts']);
    const etl = tree.members.find((m) => m.displayName === 'etl-pipeline');
    assert.deepEqual([etl?.type, etl?.direct, etl?.via], ['servicePrincipal', false, ['data-eng']]);
    const ml = tree.nested.get('32794039-6288-5338-a013-c9ea63fdb55d');
    assert.deepEqual([ml?.depth, ml?.path, ml?.members.length], [2, ['data-eng', 'ml-engineers'], 4]);
    assert.equal(tree.truncated, false);

    const flat = h.emu.state
      .transitiveMembers(h.group('data-platform').id)
      .map((m) => m.id)
      .sort();
    assert.deepEqual(tree.members.map((m) => m.id).sort(), flat, 'the same people as /transitiveMembers');
    // One members request plus one servicePrincipal cast per group: root + 4 nested groups.
    assert.equal(h.requests('/members').length, 5);
    assert.equal(h.requests('/members/microsoft.graph.servicePrincipal').length, 5);
  });

  it('shows the demo drift shape: nested-only members of security-reviewers via soc-analysts', async () => {
    const tree = await h.graph.memberTree(h.group('security-reviewers').id);
    assert.deepEqual(byUpn(tree, 'chloe.dubois@contoso.com')?.via, ['soc-analysts']);
    assert.equal(byUpn(tree, 'chloe.dubois@contoso.com')?.direct, false);
    assert.deepEqual(byUpn(tree, 'liam.oconnor@contoso.com')?.via, ['soc-analysts']);
    assert.equal(byUpn(tree, 'nora.jensen@contoso.com')?.direct, true);
  });

  it('lists every nested group a member arrives through, and keeps direct membership apart', async () => {
    const s = h.emu.state;
    const u = s.addUser({ userPrincipalName: 'both@contoso.com' });
    const v = s.addUser({ userPrincipalName: 'also-direct@contoso.com' });
    const a = s.addGroup({ displayName: 'team-a', members: [u.id, v.id] });
    const b = s.addGroup({ displayName: 'team-b', members: [u.id] });
    const root = s.addGroup({ displayName: 'parent', members: [a.id, b.id, v.id] });
    const tree = await h.graph.memberTree(root.id);
    assert.deepEqual(
      [byUpn(tree, 'both@contoso.com')?.direct, byUpn(tree, 'both@contoso.com')?.via],
      [false, ['team-a', 'team-b']],
    );
    assert.deepEqual(
      [byUpn(tree, 'also-direct@contoso.com')?.direct, byUpn(tree, 'also-direct@contoso.com')?.via],
      [true, ['team-a']],
    );
    assert.equal(tree.members.length, 4);
  });

  it('is cycle-safe: each group is fetched once and the root is never its own member', async () => {
    const s = h.emu.state;
    const user = s.addUser({ userPrincipalName: 'loop@contoso.com' });
    const a = s.addGroup({ displayName: 'cycle-a', members: [user.id] });
    const b = s.addGroup({ displayName: 'cycle-b', members: [a.id] });
    const c = s.addGroup({ displayName: 'cycle-c', members: [b.id] });
    s.addMember(a.id, c.id);
    h.emu.clearLog();
    const tree = await h.graph.memberTree(a.id);
    assert.deepEqual(tree.members.map((m) => m.displayName).sort(), ['cycle-b', 'cycle-c', 'loop@contoso.com']);
    assert.ok(!tree.members.some((m) => m.id === a.id));
    assert.deepEqual(
      h
        .requests('/members')
        .map((e) => e.path.split('/')[3])
        .sort(),
      [a.id, b.id, c.id].sort(),
    );
    const flat = await collectAll(h.graph.transitiveMembers(a.id));
    assert.equal(flat.length, 3, 'the emulator walks cycles safely too');
  });

  it('stops at depth 10 and says the tree was truncated', async () => {
    const s = h.emu.state;
    let child = s.addGroup({
      displayName: 'level-13',
      members: [s.addUser({ userPrincipalName: 'deep@contoso.com' }).id],
    });
    for (let level = 12; level >= 1; level--)
      child = s.addGroup({ displayName: `level-${level}`, members: [child.id] });
    const root = s.addGroup({ displayName: 'level-0', members: [child.id] });
    h.emu.clearLog();
    const tree = await h.graph.memberTree(root.id);
    assert.equal(tree.truncated, true);
    assert.equal(tree.nested.size, 10);
    assert.ok(
      tree.members.some((m) => m.displayName === 'level-11'),
      'the group past the limit is still a member',
    );
    assert.equal(byUpn(tree, 'deep@contoso.com'), undefined);
    assert.equal(h.requests('/members').length, 11, 'root + 10 levels');
    const shallow = await h.graph.memberTree(root.id, { maxDepth: 2 });
    assert.deepEqual([shallow.nested.size, shallow.truncated], [2, true]);
  });
});

describe('graph scale org: 20,000 members through 20 nested groups', function () {
  this.timeout(60000);
  let h: GraphHarness;
  forSuite(
    () => startGraphHarness({ org: 'scale' }),
    (started) => (h = started),
  );

  it('memberTree reaches all 20,000 users in 2 + 20·3 = 62 requests', async () => {
    h.emu.clearLog();
    const tree = await h.graph.memberTree(ENTRA_SCALE.groupId);
    const users = tree.members.filter((m) => m.type === 'user');
    assert.equal(users.length, 20_000);
    assert.ok(users.every((u) => !u.direct && u.via.length === 1 && u.via[0]?.startsWith('all-engineering-')));
    assert.equal(tree.nested.size, 20);
    assert.equal(h.emu.log.length, 62);
  });

  it('transitiveMembers pages 20,020 objects in ceil(20020/999) = 21 requests (+1 cast)', async () => {
    h.emu.clearLog();
    const members = await collectAll(h.graph.transitiveMembers(ENTRA_SCALE.groupId));
    assert.equal(members.length, 20_020);
    assert.equal(h.requests('/transitiveMembers').length, 21);
    assert.equal(h.emu.log.length, 22);
  });
});
