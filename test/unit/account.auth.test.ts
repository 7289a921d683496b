// The account client's credential: only Entra tokens reach the account host. A PAT is refused
// before any request is made, however it is handed in; Entra tokens of the wrong audience too.

import { strict as assert } from 'node:assert';
import { AccountClient } from '../../src/core/account/client';
import {
  AZURE_DATABRICKS_APP_ID,
  NotAnEntraTokenError,
  assertEntraToken,
  entraTokenFromCredential,
  entraTokenFromSupplier,
  entraTokenSource,
} from '../../src/core/account/entraToken';
import { startAccountRig, type AccountRig } from './support/accountRig';
import { forSuite } from './support/lifecycle';

const PAT = 'dapi0123456789abcdef0123456789abcdef-2';

function jwt(payload: Record<string, unknown>): string {
  const part = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'RS256' })}.${part(payload)}.c2lnbmF0dXJl`;
}

describe('account client credentials', function () {
  this.timeout(20000);
  let r: AccountRig;
  forSuite(
    () => startAccountRig(),
    (started) => (r = started),
  );

  it('a PAT cannot become an Entra token source', () => {
    assert.throws(
      () => entraTokenSource(PAT),
      (e: unknown) => e instanceof NotAnEntraTokenError && e.reason === 'pat',
    );
    assert.throws(() => entraTokenSource(` ${PAT.toUpperCase()} `), NotAnEntraTokenError);
    assert.throws(() => entraTokenSource('dose1234abcd'), NotAnEntraTokenError);
    assert.throws(() => entraTokenSource('   '), NotAnEntraTokenError);
  });

  it('JWTs must be for Azure Databricks; the error never holds the token', () => {
    const graph = jwt({ aud: 'https://graph.microsoft.com' });
    assert.throws(
      () => assertEntraToken(graph),
      (e: unknown) => e instanceof NotAnEntraTokenError && e.reason === 'wrong-audience' && !e.message.includes(graph),
    );
    const ok = jwt({ aud: AZURE_DATABRICKS_APP_ID });
    assert.equal(assertEntraToken(ok), ok);
    assert.equal(assertEntraToken(jwt({ aud: [`api://${AZURE_DATABRICKS_APP_ID}`] })).length > 0, true);
    assert.throws(
      () => assertEntraToken('a.!!!.c'),
      (e: unknown) => e instanceof NotAnEntraTokenError && e.reason === 'not-a-jwt',
    );
  });

  it('a supplier that hands out a PAT gets it refused before anything is sent', async () => {
    const client = new AccountClient({
      accountId: r.emu.account.id,
      accountsHost: r.emu.account.url,
      token: entraTokenFromSupplier(async () => PAT),
      http: { noProxyFromEnv: true },
    });
    r.emu.clearLog();
    try {
      await assert.rejects(
        client.listPage('group'),
        (e: unknown) => e instanceof NotAnEntraTokenError && e.reason === 'pat',
      );
      await assert.rejects(client.addMembers('123', ['456']), NotAnEntraTokenError);
    } finally {
      await client.close();
    }
    assert.deepEqual(r.emu.log, [], 'no request reached any host');
  });

  it('a credential is asked for the Azure Databricks scope, and its tokens are checked too', async () => {
    const scopes: string[] = [];
    const good = r.emu.entraToken();
    const source = entraTokenFromCredential({
      getToken: async (scope) => {
        scopes.push(String(scope));
        return { token: good, expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    });
    assert.equal(await source.getToken(), good);
    assert.equal(await source.getToken(), good);
    assert.deepEqual(scopes, [`${AZURE_DATABRICKS_APP_ID}/.default`], 'cached until close to expiry');
    const bad = entraTokenFromCredential({
      getToken: async () => ({ token: PAT, expiresOnTimestamp: Date.now() + 3_600_000 }),
    });
    await assert.rejects(bad.getToken(), NotAnEntraTokenError);
  });

  it('the Entra token is the bearer of every account request, and the client stays on the account host', async () => {
    r.emu.clearLog();
    const token = r.emu.entraToken();
    const client = new AccountClient({
      accountId: r.emu.account.id,
      accountsHost: r.emu.account.url,
      token: entraTokenSource(token),
      http: { noProxyFromEnv: true },
    });
    try {
      await client.listPage('user', { count: 1 });
      await client.listPage('group', { count: 1 });
    } finally {
      await client.close();
    }
    assert.equal(r.emu.log.length, 2);
    for (const e of r.emu.log) {
      assert.equal(e.authorization, `Bearer ${token}`);
      assert.ok(e.path.startsWith(`/api/2.0/accounts/${r.emu.account.id}/scim/v2/`), e.path);
    }
  });
});
