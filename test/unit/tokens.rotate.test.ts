// Token rotation against the emulator: the old token stops working only once the new one is
// proven and stored; any failure leaves exactly one working token — the old one.

import { strict as assert } from 'node:assert';
import { ScimClient } from '../../src/core/scim/client';
import { DatabricksError } from '../../src/core/databricks/errors';
import { rotateToken, type RotateTokenOptions, type RotateTokenResult } from '../../src/core/tokens/rotate';
import type { TokenInfo } from '../../src/core/tokens/types';
import { httpFor, SCIM_BASE, startHarness, type ScimHarness } from './support/builders';

describe('token rotation against the emulator', function () {
  this.timeout(20000);
  let h: ScimHarness;
  let old: { tokenValue: string; tokenId: string };
  const opened: { close(): Promise<void> }[] = [];

  beforeEach(async () => {
    h = await startHarness({ dataset: 'empty' });
    old = h.emulator.state.issueToken({ comment: 'vscode-scim 2026-01-01', lifetimeSeconds: 86_400 });
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((c) => c.close()));
    await h.close();
  });

  function options(extra: Partial<RotateTokenOptions> = {}): RotateTokenOptions {
    return {
      host: h.emulator.url,
      currentToken: old.tokenValue,
      makeClient: (token) => httpFor(h.emulator.url, token),
      lifetimeSeconds: 7_776_000,
      comment: 'vscode-scim rotated',
      verifyAttempts: 2,
      verifyDelayMs: 5,
      ...extra,
    };
  }

  async function meWith(token: string): Promise<string> {
    const http = httpFor(h.emulator.url, token);
    opened.push(http);
    try {
      return (await new ScimClient({ host: h.emulator.url, http }).me()).userName;
    } catch (e) {
      return e instanceof DatabricksError ? `HTTP ${e.status}` : String(e);
    }
  }

  function assertNoTokenIn(result: RotateTokenResult, ...tokens: string[]): void {
    const texts = [
      result.message,
      ...(result.ok ? [] : [result.error.message, result.error.userMessage, result.error.detail]),
    ];
    for (const t of texts) for (const token of tokens) assert.ok(!t.includes(token), `token leaked into: ${t}`);
  }

  it('with the old token id: new token verified, stored, old one revoked (old 403, new works)', async () => {
    const stored: string[] = [];
    const result = await rotateToken(
      options({
        oldTokenId: old.tokenId,
        store: async (value) => {
          // The old token must still work while the new one is being stored.
          assert.ok(h.emulator.state.tokenIsValid(old.tokenValue));
          stored.push(value);
        },
      }),
    );
    assert.ok(result.ok, result.message);
    assert.equal(result.oldTokenRevoked, true);
    assert.equal(result.revokedTokenId, old.tokenId);
    assert.deepEqual(stored, [result.tokenValue]);
    assert.equal(result.info.comment, 'vscode-scim rotated');
    // Order on the wire: the token list as it was (old token), create (old), /Me (new), delete
    // (new token, naming the old id).
    const calls = h.emulator.log.map(
      (e) => `${e.method} ${e.path} ${e.authorization?.endsWith(old.tokenValue) ? 'old' : 'new'}`,
    );
    assert.deepEqual(calls, [
      `GET /api/2.0/token/list old`,
      `POST /api/2.0/token/create old`,
      `GET ${SCIM_BASE}/Me new`,
      `POST /api/2.0/token/delete new`,
    ]);
    assert.equal(await meWith(old.tokenValue), 'HTTP 403');
    assert.equal(await meWith(result.tokenValue), 'admin@contoso.com');
    assert.deepEqual(
      h.emulator.state
        .tokensOf(h.emulator.state.adminUser.id)
        .map((t) => t.token_id)
        .includes(old.tokenId),
      false,
    );
    assertNoTokenIn(result, old.tokenValue, result.tokenValue);
  });

  it('finds the old token by a unique comment and creation time', async () => {
    const info = h.emulator.state.tokens.find((t) => t.token_id === old.tokenId);
    assert.ok(info);
    const result = await rotateToken(
      options({ oldTokenHint: { comment: info.comment, creationTime: new Date(info.creation_time) } }),
    );
    assert.ok(result.ok && result.oldTokenRevoked, result.message);
    assert.equal(h.emulator.state.tokenIsValid(old.tokenValue), false);
  });

  it('revokes nothing when the old token cannot be identified for certain', async () => {
    const twin = h.emulator.state.issueToken({ comment: 'vscode-scim 2026-01-01' });
    const ambiguous = await rotateToken(options({ oldTokenHint: { comment: 'vscode-scim 2026-01-01' } }));
    assert.ok(ambiguous.ok);
    assert.equal(ambiguous.oldTokenRevoked, false);
    assert.match(ambiguous.message, /2 tokens match/);
    assert.ok(h.emulator.state.tokenIsValid(old.tokenValue) && h.emulator.state.tokenIsValid(twin.tokenValue));

    const unknown = await rotateToken(options());
    assert.ok(unknown.ok);
    assert.equal(unknown.oldTokenRevoked, false);
    assert.match(unknown.message, /not revoked: which token it is was not recorded/);
    assert.ok(h.emulator.state.tokenIsValid(old.tokenValue));
    assert.equal(h.emulator.log.filter((e) => e.path === '/api/2.0/token/delete').length, 0);
  });

  it('verification fails: the new token is revoked again and the old one kept', async () => {
    h.emulator.injectFaults({
      match: { path: `${SCIM_BASE}/Me` },
      times: 2,
      kind: 'status',
      status: 403,
      body: '{"error_code":403,"message":"Invalid access token."}',
      contentType: 'application/json',
    });
    const before = h.emulator.state.tokens.length;
    let storeCalled = false;
    const result = await rotateToken(
      options({ oldTokenId: old.tokenId, store: async () => void (storeCalled = true) }),
    );
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(result.newTokenRevoked, true);
    assert.equal(result.error.status, 403);
    assert.match(result.message, /keep using the current one/);
    assert.equal(storeCalled, false, 'an unverified token is never stored');
    assert.equal(h.emulator.state.tokens.length, before, 'no token left behind');
    assert.ok(h.emulator.state.tokenIsValid(old.tokenValue));
    assert.equal(await meWith(old.tokenValue), 'admin@contoso.com');
    assert.equal(
      h.emulator.log.filter((e) => e.path === `${SCIM_BASE}/Me`).length >= 2,
      true,
      'verification was retried',
    );
    assertNoTokenIn(result, old.tokenValue);
  });

  it('storing fails: the new token is revoked and the old one kept', async () => {
    const created: TokenInfo[] = [];
    const result = await rotateToken(
      options({
        oldTokenId: old.tokenId,
        store: async (_v, info) => {
          created.push(info);
          throw new Error('keychain locked');
        },
      }),
    );
    assert.ok(!result.ok);
    assert.equal(result.newTokenRevoked, true);
    assert.equal(result.error.code, 'STORE_FAILED');
    assert.equal(h.emulator.state.tokenById(created[0]?.tokenId ?? '')?.token_id, undefined);
    assert.ok(h.emulator.state.tokenIsValid(old.tokenValue));
  });

  it('creating fails: nothing changes', async () => {
    h.emulator.setKnobs({ tokenQuota: 1 });
    const result = await rotateToken(options({ oldTokenId: old.tokenId }));
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'QUOTA_EXCEEDED');
    assert.match(result.message, /nothing changed/);
    assert.ok(h.emulator.state.tokenIsValid(old.tokenValue));
    assert.equal(h.emulator.state.tokens.length, 2, 'the admin token and the old one');
  });

  it('an old token id that is already gone leaves the new token in use and says so', async () => {
    h.emulator.state.revokeToken(old.tokenId);
    const current = h.emulator.state.issueToken({ comment: 'current' });
    const result = await rotateToken(options({ currentToken: current.tokenValue, oldTokenId: old.tokenId }));
    assert.ok(result.ok);
    assert.equal(result.oldTokenRevoked, false);
    assert.match(result.message, /was not revoked/);
    assert.equal(await meWith(result.tokenValue), 'admin@contoso.com');
  });
});
