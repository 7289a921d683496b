// `dbx-scim reconcile --apply --allow-removals` never removes a member on a partial Entra answer:
// an Entra group that answers empty, members Graph returns with their object id only, users
// without the attribute they are matched by, nesting deeper than the walk reads. Each run goes
// over real HTTP against both emulators; what was removed is read from the Databricks emulator's
// state and request log.
import assert from 'node:assert/strict';
import { DEFAULT_GRAPH_SCOPES } from '../emulator/graph';
import { removals, withDriftEmulators, writes, type DriftDoc, type DriftRig } from './support/driftRig';

/** platform-ops in the demo: 3 users and 1 service principal in Databricks (test/emulator/data/demo.ts). */
const GROUP = 'platform-ops';

function membersOf(rig: DriftRig, name: string): string[] {
  const group = rig.dbx().state.findGroup(name);
  assert.ok(group, `Databricks group ${name}`);
  return [...(rig.dbx().state.groups.get(group.id)?.members ?? [])].sort();
}

describe('dbx-scim reconcile: an Entra group that answers empty', () => {
  const rig = withDriftEmulators({ emptyMemberGroups: [GROUP] });

  it('--apply --allow-removals removes nothing and exits 1, naming the count and the confirmation flag', async () => {
    const before = membersOf(rig, GROUP);
    assert.equal(before.length, 4);
    rig.dbx().clearLog();
    const r = await rig.run('reconcile', GROUP, '--apply', '--allow-removals');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /reads as empty/);
    assert.match(r.stderr, /all 4 member/);
    assert.match(r.stderr, /--confirm-empty-entra-removals 4/);
    assert.deepEqual(writes(rig.dbx()), []);
    assert.deepEqual(membersOf(rig, GROUP), before);
  });

  it('a confirmation with another count is refused too', async () => {
    rig.dbx().clearLog();
    const r = await rig.run('reconcile', GROUP, '--apply', '--allow-removals', '--confirm-empty-entra-removals', '3');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /does not match/);
    assert.deepEqual(writes(rig.dbx()), []);
  });

  it('the plan without --apply says the Entra group reads as empty and what --apply needs', async () => {
    const r = await rig.run('reconcile', GROUP, '--allow-removals');
    assert.equal(r.code, 3);
    assert.match(
      r.stdout,
      /EMPTY ENTRA GROUP: the plan removes all 4 members; --apply also needs --confirm-empty-entra-removals 4/,
    );
  });

  it('with the matching count the removals are made (the flag is the separate confirmation)', async () => {
    const r = await rig.run('reconcile', GROUP, '--apply', '--allow-removals', '--confirm-empty-entra-removals', '4');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(membersOf(rig, GROUP), []);
  });
});

describe('dbx-scim reconcile: members Graph returns with their id only', () => {
  const rig = withDriftEmulators();
  /** A Graph token with GroupMember.Read.All but without User.ReadBasic.All. */
  const limitedEnv = (): NodeJS.ProcessEnv => ({
    ...rig.env(),
    DBX_SCIM_GRAPH_TOKEN: rig.graph().issueToken(DEFAULT_GRAPH_SCOPES.filter((s) => s !== 'User.ReadBasic.All')),
  });

  it('--apply --allow-removals removes nobody and exits 1 with the reason and the missing permission', async () => {
    const before = membersOf(rig, GROUP);
    rig.dbx().clearLog();
    const r = await rig.runWith(limitedEnv(), 'reconcile', GROUP, '--apply', '--allow-removals');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /removals withheld/);
    assert.match(r.stderr, /User\.ReadBasic\.All/);
    assert.deepEqual(removals(rig.dbx()), []);
    for (const id of before) assert.ok(membersOf(rig, GROUP).includes(id), `member ${id} is still there`);
  });

  it('the printed plan lists every member not compared, with the permission and who grants it', async () => {
    const r = await rig.runWith(limitedEnv(), 'reconcile', GROUP, '--allow-removals');
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('  not compared'));
    // platform-ops in Entra: sven, yusuf, priya (users; id only) — the SPs still come with their appId.
    assert.equal(lines.length, 3, r.stdout);
    for (const l of lines) assert.match(l, /User\.ReadBasic\.All.*admin/);
    assert.match(r.stdout, /INCOMPLETE: No member is removed: 3 Entra members could not be compared/);
    assert.doesNotMatch(r.stdout, /^\s+remove\s/m);
  });

  it("reconcile --json carries complete, notCompared and the plan's removalsWithheld", async () => {
    const r = await rig.runWith(limitedEnv(), 'reconcile', GROUP, '--allow-removals', '--json');
    const doc = JSON.parse(r.stdout) as {
      complete: boolean;
      notCompared: unknown[];
      plan: { removalsWithheld?: string; summary: { removes: number } };
    };
    assert.deepEqual([doc.complete, doc.notCompared.length, doc.plan.summary.removes], [false, 3, 0]);
    assert.match(doc.plan.removalsWithheld ?? '', /3 Entra members could not be compared/);
  });

  it('drift --json marks the group incomplete and lists the members not compared; exit 3', async () => {
    const r = await rig.runWith(limitedEnv(), 'drift', GROUP, '--json');
    assert.equal(r.code, 3, r.stderr);
    const g = (JSON.parse(r.stdout) as DriftDoc).groups[0];
    assert.equal(g?.complete, false);
    const priya = rig.graph().state.findUser('priya.nair@contoso.com');
    assert.ok(priya);
    const entry = g?.notCompared.find((n) => n.entraId === priya.id);
    assert.ok(entry, JSON.stringify(g?.notCompared));
    assert.deepEqual(Object.keys(entry), ['entraId', 'displayName', 'reason']);
    assert.match(entry.reason, /User\.ReadBasic\.All/);
  });

  it('with the default token the same group is complete (the emulator token carries User.ReadBasic.All)', async () => {
    const r = await rig.run('drift', GROUP, '--json');
    const g = (JSON.parse(r.stdout) as DriftDoc).groups[0];
    assert.deepEqual([g?.complete, g?.notCompared], [true, []]);
  });
});

describe('dbx-scim reconcile: users without the attribute they are matched by', () => {
  const rig = withDriftEmulators({ usersWithoutMail: ['*'] });

  it('--user-key mail: nobody is removed, exit 1, and the reason says which attribute is missing', async () => {
    const before = membersOf(rig, GROUP);
    rig.dbx().clearLog();
    const r = await rig.run('reconcile', GROUP, '--apply', '--allow-removals', '--user-key', 'mail');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /not compared: .*has no mail/);
    assert.deepEqual(removals(rig.dbx()), []);
    for (const id of before) assert.ok(membersOf(rig, GROUP).includes(id), `member ${id} is still there`);
  });
});

describe('dbx-scim reconcile: nesting deeper than the walk reads', () => {
  const rig = withDriftEmulators();

  it('--apply --allow-removals keeps the member found only below the cut; exit 1 naming the cut group', async () => {
    // george.evans is in Databricks platform-ops by hand; in Entra he sits 11 nested groups down.
    const g = rig.graph();
    const george =
      g.state.findUser('george.evans@contoso.com') ??
      g.state.addUser({ userPrincipalName: 'george.evans@contoso.com', displayName: 'George Evans' });
    let inner = g.state.addGroup({ displayName: 'depth-11', members: [george.id] });
    for (let depth = 10; depth >= 1; depth--)
      inner = g.state.addGroup({ displayName: `depth-${depth}`, members: [inner.id] });
    const ops = g.state.findGroup(GROUP);
    assert.ok(ops);
    g.state.addMember(ops.id, inner.id);

    const georgeDbx = rig.dbx().state.findUser('george.evans@contoso.com');
    assert.ok(georgeDbx && membersOf(rig, GROUP).includes(georgeDbx.id));
    rig.dbx().clearLog();
    const r = await rig.run('reconcile', GROUP, '--apply', '--allow-removals');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /not compared: depth-11 .*deeper than 10 levels/);
    assert.match(r.stderr, /removals withheld/);
    assert.deepEqual(removals(rig.dbx()), []);
    assert.ok(membersOf(rig, GROUP).includes(georgeDbx.id), 'george stays');
  });
});

describe('dbx-scim reconcile --apply: the mass-change threshold', () => {
  const rig = withDriftEmulators();

  it('refuses more than 25 changes by default (exit 1, nothing written); --yes-mass-change applies them', async () => {
    const g = rig.graph();
    const ops = g.state.findGroup(GROUP);
    assert.ok(ops);
    for (let i = 0; i < 12; i++)
      g.state.addMember(ops.id, g.state.addUser({ userPrincipalName: `bulk${i}@contoso.com` }).id);
    // 14 principals to create and 14 to add: 28 changes.
    rig.dbx().clearLog();
    const refused = await rig.run('reconcile', GROUP, '--apply');
    assert.equal(refused.code, 1, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /changes 28 principals, more than 25/);
    assert.match(refused.stderr, /--yes-mass-change/);
    assert.deepEqual(writes(rig.dbx()), []);

    const applied = await rig.run('reconcile', GROUP, '--apply', '--yes-mass-change');
    assert.equal(applied.code, 0, applied.stdout + applied.stderr);
    assert.ok(rig.dbx().state.findUser('bulk11@contoso.com'));
  });

  it('--max-changes N sets the threshold', async () => {
    const g = rig.graph();
    const ops = g.state.findGroup(GROUP);
    assert.ok(ops);
    g.state.addMember(ops.id, g.state.addUser({ userPrincipalName: 'one.more@contoso.com' }).id);
    g.state.addMember(ops.id, g.state.addUser({ userPrincipalName: 'two.more@contoso.com' }).id);
    rig.dbx().clearLog();
    const refused = await rig.run('reconcile', GROUP, '--apply', '--max-changes', '3');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /changes 4 principals, more than 3/);
    assert.deepEqual(writes(rig.dbx()), []);
    const applied = await rig.run('reconcile', GROUP, '--apply', '--max-changes', '4');
    assert.equal(applied.code, 0, applied.stdout + applied.stderr);
  });

  it('--max-changes, --yes-mass-change and --confirm-empty-entra-removals are reconcile options: usage error elsewhere', async () => {
    for (const argv of [
      ['drift', GROUP, '--yes-mass-change'],
      ['drift', '--max-changes', '3'],
      ['reconcile', GROUP, '--max-changes', 'many'],
      ['users', 'list', '--confirm-empty-entra-removals', '1'],
    ]) {
      const r = await rig.run(...argv);
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
    }
  });
});

describe('dbx-scim reconcile --apply: failures', () => {
  const rig = withDriftEmulators();

  it('writes every failure to stderr, not only to stdout', async () => {
    rig.dbx().injectFaults({
      kind: 'status',
      status: 403,
      match: { method: 'PATCH' },
      body: JSON.stringify({ error_code: 'PERMISSION_DENIED', message: 'no' }),
    });
    const r = await rig.run('reconcile', 'security-reviewers', '--apply');
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /failed: addMembers user nora\.jensen@contoso\.com: /);
  });
});
