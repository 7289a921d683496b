// dbx-scim workspaces discover against the ARM emulator over real HTTP: the --json contract, the
// table, exit codes (0 complete, 3 a subscription not read, 1 the walk failed, 2 misuse), 429s
// retried, escaping of hostile server text, and no token in any output.
import assert from 'node:assert/strict';
import { SUB_ANALYTICS, SUB_DATA_PLATFORM, SUB_FINANCE, startArmEmulator, type ArmEmulator } from '../emulator/arm';
import { leakedSecret, runCli, spawnCli, type CliRun } from './support/cliRunner';

interface DiscoverDoc {
  workspaces: Array<Record<string, unknown>>;
  problems: Array<Record<string, unknown>>;
}

describe('dbx-scim workspaces discover', () => {
  let arm: ArmEmulator;
  const runs: CliRun[] = [];
  const secrets: string[] = [];
  const env = (): NodeJS.ProcessEnv => ({ DBX_SCIM_ARM_ENDPOINT: arm.url, DBX_SCIM_ARM_TOKEN: arm.token });
  const run = async (e: NodeJS.ProcessEnv, ...argv: string[]): Promise<CliRun> => {
    const r = await runCli(e, argv);
    runs.push(r);
    return r;
  };

  beforeEach(async () => {
    arm = await startArmEmulator({ knobs: { retryAfter: '0' } });
    secrets.push(arm.token);
  });
  afterEach(() => arm.close());
  after(() => assert.equal(leakedSecret(runs, secrets), undefined, 'a token leaked into CLI output'));

  it('--json: workspaces and problems in a fixed shape; a forbidden subscription → exit 3, said on stderr', async () => {
    const r = await run(env(), 'workspaces', 'discover', '--json');
    assert.equal(r.code, 3, r.stderr);
    const doc = JSON.parse(r.stdout) as DiscoverDoc;
    assert.deepEqual(Object.keys(doc), ['workspaces', 'problems']);
    assert.equal(doc.workspaces.length, 7);
    for (const w of doc.workspaces) {
      assert.deepEqual(Object.keys(w), [
        'name',
        'location',
        'sku',
        'subscriptionId',
        'subscriptionName',
        'workspaceUrl',
        'workspaceId',
        'resourceId',
        'isUcEnabled',
      ]);
      assert.match(String(w['workspaceUrl']), /^https:\/\/adb-\d{16}\.\d\.azuredatabricks\.net$/);
    }
    assert.deepEqual(
      doc.problems.map((p) => [Object.keys(p), p['subscriptionId']]),
      [[['subscriptionId', 'subscriptionName', 'message'], SUB_FINANCE]],
    );
    assert.match(r.stderr, /subscription "Contoso Finance \(restricted\)" .*AuthorizationFailed/);
    assert.match(
      r.stderr,
      /the list may be incomplete: 1 subscription could not be read completely \(7 workspaces found\)/,
    );
  });

  it('table: name, region, subscription, sku, url; exit 0 when every subscription was read', async () => {
    arm.setKnobs({ forbiddenSubscriptions: [] });
    const r = await run(env(), 'workspaces', 'discover');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^name\s+region\s+subscription\s+sku\s+url$/);
    assert.equal(lines.length, 1 + 8);
    assert.match(
      r.stdout,
      /dbw-sandbox\s+uksouth\s+Contoso Analytics Sandbox\s+trial\s+https:\/\/adb-6620394857102736\.7\.azuredatabricks\.net/,
    );
  });

  it('needs no DATABRICKS_HOST, and retries ARM’s 429s', async () => {
    arm.injectFaults({
      kind: 'status',
      status: 429,
      match: { path: `/subscriptions/${SUB_DATA_PLATFORM}/` },
      times: 2,
    });
    const r = await run(env(), 'workspaces', 'discover', '--json');
    assert.equal(r.code, 3, r.stderr);
    assert.equal((JSON.parse(r.stdout) as DiscoverDoc).workspaces.length, 7);
    assert.equal(arm.log.filter((e) => e.status === 429).length, 2);
  });

  it('shows hostile server names as visible escapes, in the table, on stderr and in --json', async () => {
    const hostile = 'dbw-\u001b[2K\revil\u202e';
    arm.state.addWorkspace(SUB_ANALYTICS, hostile);
    const sub = arm.state.findSubscription(SUB_FINANCE);
    if (sub) sub.displayName = 'Finance\u001b]0;pwned\u0007';
    const table = await run(env(), 'workspaces', 'discover');
    const json = await run(env(), 'workspaces', 'discover', '--json');
    for (const r of [table, json]) {
      // eslint-disable-next-line no-control-regex -- looking for raw control characters is the point
      assert.doesNotMatch(r.stdout + r.stderr, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    }
    assert.match(table.stdout, /dbw-\\u001b\[2K\\u000devil\\u202e/);
    assert.match(table.stderr, /Finance\\u001b\]0;pwned\\u0007/);
    const doc = JSON.parse(json.stdout) as DiscoverDoc;
    assert.ok(
      doc.workspaces.some((w) => w['name'] === hostile),
      'the JSON string decodes back to the name',
    );
  });

  it('a rejected token: exit 1, the reason and the hint on stderr, never the token', async () => {
    const wrong = arm.issueToken({ audience: 'https://graph.microsoft.com' });
    secrets.push(wrong);
    const r = await run({ ...env(), DBX_SCIM_ARM_TOKEN: wrong }, 'workspaces', 'discover');
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /rejected the sign-in \(InvalidAuthenticationTokenAudience/);
    assert.match(r.stderr, /DBX_SCIM_ARM_TOKEN/);
  });

  it('usage errors exit 2: another verb, a plain-http endpoint off this machine', async () => {
    const verb = await run(env(), 'workspaces', 'list');
    assert.equal(verb.code, 2);
    assert.match(verb.stderr, /workspaces discover/);
    const insecure = await run(
      { ...env(), DBX_SCIM_ARM_ENDPOINT: 'http://management.example.com' },
      'workspaces',
      'discover',
    );
    assert.equal(insecure.code, 2);
    assert.match(insecure.stderr, /DBX_SCIM_ARM_ENDPOINT must start with https:\/\//);
    assert.equal(arm.log.length, 0);
  });

  it('as a real process: exit 3 and the JSON on stdout', async () => {
    const r = await spawnCli(env(), ['workspaces', 'discover', '--json']);
    runs.push(r);
    assert.equal(r.code, 3, r.stderr);
    assert.equal((JSON.parse(r.stdout) as DiscoverDoc).workspaces.length, 7);
  });
});
