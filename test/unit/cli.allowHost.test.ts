// Without DATABRICKS_TOKEN the CLI signs in with Microsoft Entra credentials, whose token works on
// every Azure Databricks workspace the caller can reach; so a DATABRICKS_HOST outside Azure
// Databricks' domains is refused unless --allow-host names exactly that host. Against the emulator
// over real HTTP (a loopback host: not Azure Databricks, so it needs --allow-host like any other).
import assert from 'node:assert/strict';
import type { AzureTokenCredential } from '../../src/core/auth/tokenSources';
import { openSession } from '../../src/cli/session';
import { startEmulator, type Emulator } from '../emulator';
import { runCli } from './support/cliRunner';

describe('dbx-scim: Entra credentials only for Azure Databricks hosts or --allow-host', () => {
  let emulator: Emulator;

  before(async () => {
    emulator = await startEmulator({ dataset: 'demo' });
  });
  beforeEach(() => emulator.clearLog());
  after(async () => {
    await emulator.close();
  });

  /** A credential that hands out the emulator's admin token, counting how often it is asked. */
  function fakeCredential(): { load: () => Promise<AzureTokenCredential>; calls: () => number } {
    let calls = 0;
    const credential: AzureTokenCredential = {
      getToken: async () => {
        calls++;
        return { token: emulator.adminToken, expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    return { load: async () => credential, calls: () => calls };
  }

  it('refuses a host that is not Azure Databricks without --allow-host: exit 1, the host warning and the flag to pass, nothing sent', async () => {
    const r = await runCli({ DATABRICKS_HOST: emulator.url }, ['users', 'list']);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`^dbx-scim: ${emulator.url} does not look like an Azure Databricks workspace`));
    assert.ok(r.stderr.includes(`pass --allow-host ${emulator.url} if you trust this host`), r.stderr);
    assert.doesNotMatch(r.stderr, /Run dbx-scim --help/);
    assert.equal(emulator.log.length, 0);
  });

  it('--allow-host for another host does not count; a malformed one is a usage error', async () => {
    const other = await runCli({ DATABRICKS_HOST: emulator.url }, [
      'users',
      'list',
      '--allow-host',
      'https://adb-1.2.azuredatabricks.net',
    ]);
    assert.equal(other.code, 1);
    assert.match(other.stderr, /does not look like an Azure Databricks workspace/);
    const bad = await runCli({ DATABRICKS_HOST: emulator.url }, ['users', 'list', '--allow-host', 'ftp://x']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^dbx-scim: --allow-host: /);
    assert.equal(emulator.log.length, 0);
  });

  it('refuses before any credential is loaded', async () => {
    const credential = fakeCredential();
    let loaded = false;
    await assert.rejects(
      openSession(
        { DATABRICKS_HOST: emulator.url },
        { loadCredential: async () => ((loaded = true), credential.load()) },
      ),
      /does not look like an Azure Databricks workspace/,
    );
    assert.equal(loaded, false);
  });

  it('with --allow-host naming the host (as pasted) it warns and sends the Entra token there', async () => {
    const credential = fakeCredential();
    const warnings: string[] = [];
    const session = await openSession(
      { DATABRICKS_HOST: emulator.url },
      { allowHosts: [`${emulator.url}/some/path`], warn: (m) => warnings.push(m), loadCredential: credential.load },
    );
    try {
      const me = await session.scim.me();
      assert.equal(me.userName, 'admin@contoso.com');
    } finally {
      await session.close();
    }
    assert.deepEqual(warnings, [
      `${emulator.url} does not look like an Azure Databricks workspace (*.azuredatabricks.net, *.databricks.azure.cn, *.databricks.azure.us). Sending your Microsoft Entra token to it because of --allow-host.`,
    ]);
    assert.ok(credential.calls() > 0);
    assert.ok(emulator.log.every((e) => e.authorization === `Bearer ${emulator.adminToken}`));
  });

  it('a PAT in DATABRICKS_TOKEN needs no --allow-host: it was given for that host', async () => {
    const r = await runCli({ DATABRICKS_HOST: emulator.url, DATABRICKS_TOKEN: emulator.adminToken }, [
      'groups',
      'list',
      '--json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /warning/);
  });

  it('an Azure Databricks host needs no --allow-host (the refusal is not what stops it)', async () => {
    const credential = fakeCredential();
    const warnings: string[] = [];
    const session = await openSession(
      { DATABRICKS_HOST: 'https://adb-1234567890123456.7.azuredatabricks.net' },
      { warn: (m) => warnings.push(m), loadCredential: credential.load },
    );
    await session.close();
    assert.deepEqual(warnings, []);
  });

  it('--help lists --allow-host', async () => {
    const r = await runCli({}, ['--help']);
    assert.match(r.stdout, /--allow-host HOST/);
  });
});
