// dbx-scim under a workspace's limits: a run that meets refusals for load still finishes and says on
// stderr that it slowed down; DBX_SCIM_GETS_PER_MINUTE is checked before anything is sent.
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../emulator';
import { runCli } from './support/cliRunner';

describe('dbx-scim CLI: workspace limits', () => {
  let emulator: Emulator;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    emulator = await startEmulator({ dataset: 'demo' });
    env = { DATABRICKS_HOST: emulator.url, DATABRICKS_TOKEN: emulator.adminToken };
  });
  after(async () => emulator.close());

  it('lists users through a refusal for load, and says on stderr why it slowed down', async () => {
    emulator.injectFaults({
      kind: 'status',
      status: 500,
      contentType: 'application/json',
      match: { method: 'GET' },
      body: `{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"detail":"REQUEST_LIMIT_EXCEEDED: Workspace ${emulator.workspaceId} exceeded the concurrent limit of 4 requests.","status":"500"}`,
    });
    const r = await runCli(env, ['users', 'list', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as unknown[]).length, emulator.state.users.size);
    assert.match(
      r.stderr,
      /dbx-scim: throttled by http:\/\/127\.0\.0\.1:\d+ \(REQUEST_LIMIT_EXCEEDED\): concurrency 3 → 1/,
    );
  });

  it('refuses a DBX_SCIM_GETS_PER_MINUTE that is not a whole number, before any request', async () => {
    emulator.clearLog();
    const r = await runCli({ ...env, DBX_SCIM_GETS_PER_MINUTE: 'fast' }, ['users', 'list']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /DBX_SCIM_GETS_PER_MINUTE must be a whole number/);
    assert.equal(emulator.log.length, 0);
  });
});
