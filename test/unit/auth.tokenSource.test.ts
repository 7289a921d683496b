// Token-source selection (src/ui/common/auth/tokenSource.ts) with a fake VS Code session getter: silent
// first, interactive only when asked, the tenant pinned by scope, CredentialMissingError when there
// is nothing to use, @azure/identity only loaded for the Azure CLI choice, and no Entra token for a
// host that is not Azure Databricks unless the user confirmed it.
import { strict as assert } from 'node:assert';
import { AZURE_DATABRICKS_SCOPE, type AzureTokenCredential } from '../../src/core/auth/tokenSources';
import {
  entraScopes,
  resolveTokenProvider,
  signInToEntra,
  type SessionGetter,
  type SessionLike,
  type TokenSourceInputs,
} from '../../src/ui/common/auth/tokenSource';
import { CredentialMissingError } from '../../src/ui/common/connection';

const HOST = 'https://adb-1.2.azuredatabricks.net';

interface Call {
  providerId: string;
  scopes: readonly string[];
  options: { silent?: boolean; createIfNone?: boolean };
}

function fakeGetter(sessions: Array<SessionLike | undefined>): { getter: SessionGetter; calls: Call[] } {
  const calls: Call[] = [];
  const getter: SessionGetter = async (providerId, scopes, options) => {
    calls.push({ providerId, scopes, options });
    return sessions.length > 1 ? sessions.shift() : sessions[0];
  };
  return { getter, calls };
}

function inputs(over: Partial<TokenSourceInputs>): TokenSourceInputs & { seen: string[]; loads: number } {
  const seen: string[] = [];
  const state = {
    host: HOST,
    auth: 'pat' as const,
    getSession: fakeGetter([undefined]).getter,
    readPat: async () => undefined,
    loadAzureCredential: async (): Promise<AzureTokenCredential> => {
      state.loads++;
      return { getToken: async () => ({ token: 'cli-token-value', expiresOnTimestamp: Date.now() + 3_600_000 }) };
    },
    onToken: (t: string) => seen.push(t),
    hostConfirmed: () => false,
    seen,
    loads: 0,
    ...over,
  };
  return state;
}

describe('token source selection', () => {
  it('builds the Databricks scope, pinned to the tenant when one is set', () => {
    assert.deepEqual(entraScopes(), [AZURE_DATABRICKS_SCOPE]);
    assert.deepEqual(entraScopes('  '), [AZURE_DATABRICKS_SCOPE]);
    assert.deepEqual(entraScopes('contoso.onmicrosoft.com'), [
      '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default',
      'VSCODE_TENANT:contoso.onmicrosoft.com',
    ]);
  });

  it('pat: uses the stored token (trimmed) and reports it for redaction', async () => {
    const i = inputs({ readPat: async () => ({ token: '  dapi-stored-token  ' }) });
    const provider = await resolveTokenProvider(i);
    assert.equal(provider.origin, HOST);
    assert.equal(await provider.getToken(), 'dapi-stored-token');
    assert.deepEqual(i.seen, ['dapi-stored-token']);
    assert.equal(i.loads, 0, '@azure/identity must not be loaded for a PAT workspace');
  });

  it('pat: no stored token is CredentialMissingError with auth "pat"', async () => {
    await assert.rejects(
      resolveTokenProvider(inputs({})),
      (e: unknown) => e instanceof CredentialMissingError && e.auth === 'pat' && e.host === HOST,
    );
  });

  it('entra: asks silently (never createIfNone) with the tenant scope, and uses the session token', async () => {
    const { getter, calls } = fakeGetter([{ accessToken: 'entra-access-token' }]);
    const i = inputs({ auth: 'entra', tenantId: 'tenant-123', getSession: getter });
    const provider = await resolveTokenProvider(i);
    assert.equal(await provider.getToken(), 'entra-access-token');
    assert.ok(calls.length >= 1);
    for (const c of calls) {
      assert.equal(c.providerId, 'microsoft');
      assert.deepEqual(c.scopes, [AZURE_DATABRICKS_SCOPE, 'VSCODE_TENANT:tenant-123']);
      assert.deepEqual(c.options, { silent: true });
    }
    assert.ok(i.seen.includes('entra-access-token'));
  });

  it('entra: picks up a refreshed session token on the next request', async () => {
    const { getter } = fakeGetter([
      { accessToken: 'first-token' },
      { accessToken: 'first-token' },
      { accessToken: 'second-token' },
    ]);
    const provider = await resolveTokenProvider(inputs({ auth: 'entra', getSession: getter }));
    assert.equal(await provider.getToken(), 'first-token');
    assert.equal(await provider.getToken(), 'second-token');
  });

  it('entra: no session is CredentialMissingError with auth "entra", without any interactive prompt', async () => {
    const { getter, calls } = fakeGetter([undefined]);
    await assert.rejects(
      resolveTokenProvider(inputs({ auth: 'entra', getSession: getter })),
      (e: unknown) => e instanceof CredentialMissingError && e.auth === 'entra' && /Sign in/.test(e.message),
    );
    assert.deepEqual(
      calls.map((c) => c.options),
      [{ silent: true }],
    );
  });

  it('signInToEntra asks interactively (createIfNone) only when called', async () => {
    const { getter, calls } = fakeGetter([{ accessToken: 'interactive-token', account: { label: 'ada@contoso.com' } }]);
    const session = await signInToEntra(getter, HOST, 'tenant-123');
    assert.equal(session.account?.label, 'ada@contoso.com');
    assert.deepEqual(calls, [
      {
        providerId: 'microsoft',
        scopes: [AZURE_DATABRICKS_SCOPE, 'VSCODE_TENANT:tenant-123'],
        options: { createIfNone: true },
      },
    ]);
    const declined = fakeGetter([undefined]);
    await assert.rejects(
      signInToEntra(declined.getter, HOST),
      (e: unknown) => e instanceof CredentialMissingError && e.auth === 'entra',
    );
  });

  it('azure-cli: loads the credential lazily, once, only for this choice', async () => {
    const i = inputs({ auth: 'azure-cli' });
    assert.equal(i.loads, 0);
    const provider = await resolveTokenProvider(i);
    assert.equal(i.loads, 1);
    assert.equal(await provider.getToken(), 'cli-token-value');
    assert.equal(await provider.getToken(), 'cli-token-value');
    assert.equal(i.loads, 1);
    assert.deepEqual(i.seen, ['cli-token-value', 'cli-token-value']);
  });

  describe('Entra credentials go only to Azure Databricks or to a host the user confirmed', () => {
    const others = [
      'http://127.0.0.1:8080',
      'https://databricks.example.com',
      'https://dbc-1.cloud.databricks.com',
      'https://adb-1.2.azuredatabricks.net.evil.example',
    ];

    for (const auth of ['entra', 'azure-cli'] as const) {
      it(`${auth}: refuses an unconfirmed host before any session or credential is asked for`, async () => {
        for (const host of others) {
          const { getter, calls } = fakeGetter([{ accessToken: 'entra-token-value' }]);
          const confirmedAsked: string[] = [];
          const i = inputs({ host, auth, getSession: getter, hostConfirmed: (h) => (confirmedAsked.push(h), false) });
          await assert.rejects(resolveTokenProvider(i), (e: unknown) => {
            assert.ok(e instanceof CredentialMissingError, String(e));
            assert.equal(e.auth, auth);
            assert.equal(e.host, host);
            assert.match(e.message, /does not look like an Azure Databricks workspace.*Sign in to confirm/);
            return true;
          });
          assert.deepEqual(confirmedAsked, [host]);
          assert.equal(calls.length, 0, 'no Microsoft session was asked for');
          assert.equal(i.loads, 0, 'no Azure credential was loaded');
          assert.deepEqual(i.seen, []);
        }
      });

      it(`${auth}: uses the credential for a confirmed host, and for Azure Databricks without asking`, async () => {
        const confirmed = await resolveTokenProvider(
          inputs({
            host: others[0],
            auth,
            getSession: fakeGetter([{ accessToken: 'entra-token-value' }]).getter,
            hostConfirmed: (h) => h === others[0],
          }),
        );
        assert.ok(['entra-token-value', 'cli-token-value'].includes(await confirmed.getToken()));
        const asked: string[] = [];
        for (const host of [
          'https://adb-1.2.azuredatabricks.net',
          'https://adb-3.4.databricks.azure.cn',
          'https://adb-5.6.databricks.azure.us',
        ]) {
          const provider = await resolveTokenProvider(
            inputs({
              host,
              auth,
              getSession: fakeGetter([{ accessToken: 'entra-token-value' }]).getter,
              hostConfirmed: (h) => (asked.push(h), false),
            }),
          );
          assert.equal(provider.origin, host);
        }
        assert.deepEqual(asked, [], 'Azure Databricks hosts need no confirmation');
      });
    }

    it('pat: a PAT was given for its host, so no confirmation is asked', async () => {
      const provider = await resolveTokenProvider(
        inputs({
          host: others[0],
          readPat: async () => ({ token: 'dapi-x' }),
          hostConfirmed: () => assert.fail('asked'),
        }),
      );
      assert.equal(await provider.getToken(), 'dapi-x');
    });
  });
});
