// dbx-scim drift / reconcile against both emulators over real HTTP: the --json contract and exit
// codes of the CLI contract, that reconcile without --apply writes nothing, that --apply removes the
// drift it can fix, that removals need --allow-removals, and that no token reaches the output.
import assert from 'node:assert/strict';
import { spawnCli } from './support/cliRunner';
import { SOC_ANALYSTS_GROUP_MISSING, expectedDemoFinding, expectedDemoGroup } from './support/demoDrift';
import { withDriftEmulators as withEmulators, writes, type DriftDoc } from './support/driftRig';

describe('dbx-scim drift', () => {
  const ctx = withEmulators();

  it('--json: the §2 document with the expected findings, exit 3', async () => {
    const r = await ctx.run('drift', 'security-reviewers', 'bi-developers', '--json');
    assert.equal(r.code, 3, r.stderr);
    const doc = JSON.parse(r.stdout) as DriftDoc;
    const byGroup = new Map(doc.groups.map((g) => [g.databricksGroup, g]));
    assert.deepEqual([...byGroup.keys()].sort(), ['bi-developers', 'security-reviewers']);
    assert.deepEqual(byGroup.get('bi-developers'), {
      ...expectedDemoGroup('bi-developers'),
      complete: true,
      notCompared: [],
    });
    const sec = byGroup.get('security-reviewers');
    assert.deepEqual(
      sec?.findings.find((f) => f.key === 'chloe.dubois@contoso.com'),
      expectedDemoFinding('security-reviewers', 'chloe.dubois@contoso.com'),
    );
    assert.deepEqual(sec?.findings.map((f) => `${f.kind}:${f.key}`).sort(), [
      'missing:nora.jensen@contoso.com',
      'nestedOnly:chloe.dubois@contoso.com',
      'nestedOnly:liam.oconnor@contoso.com',
      'notProvisioned:soc-analysts',
    ]);
    for (const f of doc.groups.flatMap((g) => g.findings)) {
      assert.deepEqual(
        Object.keys(f),
        f.via
          ? ['kind', 'principalType', 'key', 'displayName', 'via', 'connectorWillFix']
          : ['kind', 'principalType', 'key', 'displayName', 'connectorWillFix'],
      );
    }
  });

  it('without GROUP compares every Databricks group that has an Entra group', async () => {
    const r = await ctx.run('drift', '--json');
    assert.equal(r.code, 3, r.stderr);
    const names = (JSON.parse(r.stdout) as DriftDoc).groups.map((g) => g.databricksGroup).sort();
    assert.deepEqual(names, [
      'all-employees',
      'analysts',
      'bi-developers',
      'data-eng',
      'data-platform',
      'finance-analysts',
      'ml-engineers',
      'platform-ops',
      'security-reviewers',
    ]);
  });

  it('exits 0 for a group without drift, and the table says so', async () => {
    const r = await ctx.run('drift', 'ml-engineers');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /ml-engineers ↔ Entra "ml-engineers": no drift/);
    assert.match(r.stdout, /1 group compared, no drift\./);
  });

  it('table: a section per group, a line per finding and the closing summary', async () => {
    const r = await ctx.run('drift', 'security-reviewers', 'ml-engineers');
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stdout, /security-reviewers ↔ Entra "security-reviewers": 4 findings/);
    assert.match(
      r.stdout,
      /nested in Entra only\s+user\s+liam\.oconnor@contoso\.com\s+Liam O'Connor\s+via soc-analysts/,
    );
    assert.match(
      r.stdout,
      /2 groups compared, 1 with drift: 1 missing from the group, 1 not in the workspace, 2 nested in Entra only; the Entra connector will fix 1 of them\./,
    );
  });

  it('an Entra group without a Databricks group is a groupMissing finding, not an error', async () => {
    const r = await ctx.run('drift', 'soc-analysts', '--json');
    assert.equal(r.code, 3, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      groups: [{ ...SOC_ANALYSTS_GROUP_MISSING, complete: true, notCompared: [] }],
    });
  });

  it('--user-key mail and --no-transitive change what is compared', async () => {
    assert.equal((await ctx.run('drift', 'data-eng', '--user-key', 'mail')).code, 0);
    const r = await ctx.run('drift', 'security-reviewers', '--no-transitive', '--json');
    assert.deepEqual((JSON.parse(r.stdout) as DriftDoc).groups[0]?.findings.map((f) => f.kind).sort(), [
      'missing',
      'notProvisioned',
    ]);
  });

  it('--map pairs groups whose names differ', async () => {
    const r = await ctx.run('drift', 'contractors', '--map', 'contractors=soc-analysts', '--json');
    assert.equal(r.code, 3, r.stderr);
    const g = (JSON.parse(r.stdout) as DriftDoc).groups[0];
    assert.equal(g?.entraGroup, 'soc-analysts');
    assert.ok(g?.findings.some((f) => f.kind === 'missing' && f.key === 'chloe.dubois@contoso.com'));
  });

  it('usage errors exit 2: unknown option, bad --user-key, bad --map, unknown group', async () => {
    for (const argv of [
      ['drift', '--no-such-option'],
      ['drift', '--user-key', 'sid'],
      ['drift', '--map', 'no-equals-sign'],
      ['drift', 'no-such-group-anywhere'],
      ['drift', '--apply'],
      ['users', 'list', '--no-transitive'],
      ['reconcile'],
    ]) {
      const r = await ctx.run(...argv);
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^dbx-scim: /);
    }
  });

  it('a bad Graph token: exit 1, a clear message, no token and no stack trace', async () => {
    const bad = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJub2JvZHkifQ.bad-signature-0123456789';
    const r = await ctx.runWith({ ...ctx.env(), DBX_SCIM_GRAPH_TOKEN: bad }, 'drift', 'data-eng');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Graph/);
    assert.match(r.stderr, /sign in|token/i);
    assert.ok(!r.stderr.includes(bad) && !r.stdout.includes(bad), 'the rejected Graph token is not echoed');
    assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
  });

  it('runs as a process: drift --json exits 3 with the document on stdout', async () => {
    const p = await spawnCli(ctx.env(), ['drift', 'bi-developers', '--json']);
    assert.equal(p.code, 3, p.stderr);
    assert.deepEqual(
      (JSON.parse(p.stdout) as DriftDoc).groups.map((g) => [g.databricksGroup, g.findings.length]),
      [['bi-developers', 1]],
    );
  });
});

describe('dbx-scim reconcile', () => {
  const ctx = withEmulators();

  it('without --apply prints the plan, exits 3 and writes nothing', async () => {
    ctx.dbx().clearLog();
    const r = await ctx.run('reconcile', 'platform-ops');
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stdout, /create\s+user priya\.nair@contoso\.com/);
    assert.match(r.stdout, /create\s+service principal 2b8f6e3a-91d4-4c7e-a5b0-6d3f8e1c2a94/);
    assert.match(r.stdout, /add\s+2 members in one request/);
    assert.match(
      r.stdout,
      /skip\s+not in Entra user george\.evans@contoso\.com: not removed: removals need --allow-removals/,
    );
    assert.match(r.stdout, /--apply/);
    assert.deepEqual(writes(ctx.dbx()), []);
  });

  it('--apply fixes what it can; then drift exits 0', async () => {
    const r = await ctx.run('reconcile', 'bi-developers', '--apply');
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /Applied 1 change; 0 failures\./);
    const again = await ctx.run('drift', 'bi-developers');
    assert.equal(again.code, 0, again.stdout);
    const second = await ctx.run('reconcile', 'bi-developers');
    assert.equal(second.code, 0, 'a second run plans nothing');
    assert.match(second.stdout, /Nothing to change\./);
  });

  it('--apply never removes without --allow-removals; with it, the drift is gone', async () => {
    const george = ctx.dbx().state.findUser('george.evans@contoso.com');
    const ops = ctx.dbx().state.findGroup('platform-ops');
    assert.ok(george && ops);
    const r = await ctx.run('reconcile', 'platform-ops', '--apply');
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.ok(ctx.dbx().state.groups.get(ops.id)?.members.has(george.id), 'george stays without consent');
    assert.ok(ctx.dbx().state.findUser('priya.nair@contoso.com'), 'the missing user was created');
    const left = await ctx.run('drift', 'platform-ops', '--json');
    assert.equal(left.code, 3);
    assert.deepEqual(
      (JSON.parse(left.stdout) as DriftDoc).groups[0]?.findings.map((f) => `${f.kind}:${f.key}`),
      ['extra:george.evans@contoso.com'],
    );

    const removed = await ctx.run('reconcile', 'platform-ops', '--apply', '--allow-removals');
    assert.equal(removed.code, 0, removed.stderr + removed.stdout);
    assert.ok(!ctx.dbx().state.groups.get(ops.id)?.members.has(george.id));
    assert.equal((await ctx.run('drift', 'platform-ops')).code, 0);
  });

  it('reports per-principal failures and exits 1', async () => {
    // The next member PATCH fails: the add is reported against the principal, not as a crash.
    ctx.dbx().injectFaults({
      kind: 'status',
      status: 403,
      match: { method: 'PATCH' },
      body: JSON.stringify({ error_code: 'PERMISSION_DENIED', message: 'no' }),
    });
    const r = await ctx.run('reconcile', 'security-reviewers', '--apply');
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /failed\s+addMembers user nora\.jensen@contoso\.com: /);
  });
});
