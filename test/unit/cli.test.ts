// dbx-scim against the emulator over real HTTP: output shapes, exit codes, and that neither
// stdout nor stderr ever carries the token.
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../emulator';
import { leakedSecret, runCli, spawnCli, type CliRun } from './support/cliRunner';

describe('dbx-scim CLI', () => {
  let emulator: Emulator;
  let env: NodeJS.ProcessEnv;
  const runs: CliRun[] = [];

  async function run(...argv: string[]): Promise<CliRun> {
    return runWith(env, ...argv);
  }
  async function runWith(e: NodeJS.ProcessEnv, ...argv: string[]): Promise<CliRun> {
    const r = await runCli(e, argv);
    runs.push(r);
    return r;
  }

  before(async () => {
    emulator = await startEmulator({ dataset: 'demo' });
    env = { DATABRICKS_HOST: emulator.url, DATABRICKS_TOKEN: emulator.adminToken };
  });
  after(async () => {
    // Every command run in this suite, whatever it printed, must not show the token.
    assert.equal(leakedSecret(runs, [emulator.adminToken]), undefined, 'token leaked into CLI output');
    await emulator.close();
  });

  it('lists users as JSON records with id and SCIM names', async () => {
    const r = await run('users', 'list', '--json');
    assert.equal(r.code, 0, r.stderr);
    const users = JSON.parse(r.stdout) as Array<{ id: string; userName: string; displayName: string; active: boolean }>;
    assert.equal(users.length, emulator.state.users.size);
    const jane = users.find((u) => u.userName === 'daniel.okafor@contoso.com');
    assert.ok(jane, 'a demo user is listed');
    assert.match(jane.id, /^\d{16}$/);
    assert.equal(typeof jane.active, 'boolean');
  });

  it('passes --filter to the server', async () => {
    emulator.clearLog();
    const r = await run('users', 'list', '--filter', 'userName sw "daniel"', '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      (JSON.parse(r.stdout) as Array<{ userName: string }>).map((u) => u.userName),
      ['daniel.okafor@contoso.com'],
    );
    assert.equal(emulator.log[0]?.query.filter, 'userName sw "daniel"');
  });

  it('lists groups without asking for members', async () => {
    emulator.clearLog();
    const r = await run('groups', 'list');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^id\s+displayName$/m);
    assert.match(r.stdout, /\bdata-eng\b/);
    for (const entry of emulator.log) assert.ok(!(entry.query.attributes ?? '').includes('members'));
  });

  it('lists members with their type and userName or applicationId', async () => {
    const r = await run('groups', 'members', 'data-eng', '--json');
    assert.equal(r.code, 0, r.stderr);
    const members = JSON.parse(r.stdout) as Array<{
      type: string;
      userName?: string;
      applicationId?: string;
      displayName: string;
    }>;
    assert.ok(members.some((m) => m.type === 'user' && m.userName === 'grace.liu@contoso.com'));
    assert.ok(members.some((m) => m.type === 'group' && m.displayName === 'ml-engineers'));
    const sp = members.find((m) => m.type === 'servicePrincipal' && m.displayName === 'etl-pipeline');
    assert.ok(sp?.applicationId, 'service principal members carry their applicationId');
  });

  it('adds several principals in one PATCH and reports names it could not find', async () => {
    emulator.clearLog();
    const r = await run(
      'groups',
      'add-members',
      'contractors',
      'Grace.Liu@contoso.com',
      'analysts',
      'nobody@contoso.com',
    );
    assert.equal(r.code, 1, 'an unknown name makes the command fail');
    assert.match(r.stderr, /not found, not added: nobody@contoso\.com/);
    assert.equal(emulator.log.filter((e) => e.method === 'PATCH').length, 1);
    const contractors = emulator.state.findGroup('contractors');
    const grace = emulator.state.findUser('grace.liu@contoso.com');
    const analysts = emulator.state.findGroup('analysts');
    assert.ok(contractors && grace && analysts);
    const members = emulator.state.groups.get(contractors.id)?.members;
    assert.ok(members?.has(grace.id) && members.has(analysts.id));
  });

  it('exits 2 with usage help for unknown commands, flags and a missing host', async () => {
    assert.equal((await run('users', 'frobnicate')).code, 2);
    assert.equal((await run('users', 'list', '--no-such-flag')).code, 2);
    const noHost = await runWith({ DATABRICKS_TOKEN: 'dapi00000000000000000000000000000000' }, 'users', 'list');
    assert.equal(noHost.code, 2);
    assert.match(noHost.stderr, /Set DATABRICKS_HOST/);
  });

  it('refuses plain http to a remote host with a clear usage message', async () => {
    const r = await runWith(
      { DATABRICKS_HOST: 'http://adb-1.2.azuredatabricks.net', DATABRICKS_TOKEN: emulator.adminToken },
      'users',
      'list',
    );
    assert.equal(r.code, 2);
    assert.match(r.stderr, /must start with https:\/\//);
  });

  it('says what to do on a bad token, exit 1, no stack trace, no token', async () => {
    const bad = 'dapi0123456789abcdef0123456789abcdef';
    const r = await runWith({ DATABRICKS_HOST: emulator.url, DATABRICKS_TOKEN: bad }, 'groups', 'list');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /token/i);
    assert.ok(!r.stderr.includes(bad), 'the rejected token is not echoed');
    assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
  });

  it('runs as a process with the documented exit code', async () => {
    // A group that does not exist is a failure (1), not a usage error (2).
    const p = await spawnCli(env, ['groups', 'members', 'no-such-group']);
    assert.equal(p.code, 1);
    assert.match(p.stderr, /No group named "no-such-group"/);
  });
});
