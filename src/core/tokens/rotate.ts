// Token rotation: create a new PAT, prove it works, persist it, and only then revoke the old one.
// Every step that can fail leaves the user with one working token that they know about:
//  - the new token does not verify (or cannot be stored) → the new one is revoked, the old kept;
//  - the old token cannot be identified with certainty → nothing is revoked, and the result says
//    so (the Token API never lists token values, so "the token I am using" is only known by the id
//    recorded when it was created, or by a unique comment/creation-time match).

import { timerSleep } from '../http/abort';
import { ScimClient } from '../scim/client';
import { DatabricksError, toDatabricksError } from '../databricks/errors';
import { errorContext } from '../databricks/send';
import { TokenApi, type CreatedToken, type CreateTokenRequest, type TokenTransport } from './api';
import type { TokenInfo } from './types';

/** A transport for one token; closed by rotateToken when it is done with it. */
export type RotationTransport = TokenTransport & { close?(): Promise<void> };

export interface RotateTokenOptions {
  host: string;
  currentToken: string;
  /** Builds a transport that authenticates with `token` against `host`. */
  makeClient: (token: string) => RotationTransport;
  lifetimeSeconds?: number;
  comment?: string;
  /** Id of the current token, as recorded when it was created (the surest way to find it). */
  oldTokenId?: string;
  /** Otherwise what was recorded about it; exactly one other listed token must match. */
  oldTokenHint?: { comment?: string; creationTime?: Date };
  /** Persists the new token (e.g. in SecretStorage) before the old one is revoked. */
  store?: (tokenValue: string, info: TokenInfo) => Promise<void>;
  /** Verification attempts with the new token (a brand-new PAT can take a moment to be accepted). */
  verifyAttempts?: number;
  verifyDelayMs?: number;
  signal?: AbortSignal;
}

export type RotateTokenResult =
  | {
      ok: true;
      tokenValue: string;
      info: TokenInfo;
      /** The old token's id when it was revoked; undefined when it was left alone (see message). */
      revokedTokenId?: string;
      oldTokenRevoked: boolean;
      message: string;
    }
  | {
      ok: false;
      /** Why the rotation stopped; the old token is still the one to use. */
      error: DatabricksError;
      /** Whether the half-made new token was cleaned up (if not, the message says which to revoke). */
      newTokenRevoked: boolean;
      message: string;
    };

/** Creation times come from the same server clock, but allow for rounding in what was recorded. */
const CREATION_TIME_TOLERANCE_MS = 1000;

export async function rotateToken(opts: RotateTokenOptions): Promise<RotateTokenResult> {
  const signalOpt = opts.signal ? { signal: opts.signal } : {};
  const current = opts.makeClient(opts.currentToken);
  const made: RotationTransport[] = [current];
  try {
    const oldApi = new TokenApi({ host: opts.host, http: current });
    let created: CreatedToken;
    try {
      created = await oldApi.create(createRequest(opts), signalOpt);
    } catch (err) {
      const error = toDatabricksError(err, errorContext(current, opts.host, 'POST', '/api/2.0/token/create'));
      // A create that went wrong halfway has said itself what it revoked and what is left.
      const outcome = error.code.startsWith('TOKEN_CREATE_')
        ? 'Token rotation failed'
        : 'Token rotation failed, nothing changed';
      return { ok: false, error, newTokenRevoked: false, message: `${outcome}: ${error.userMessage}` };
    }

    let fresh: RotationTransport | undefined;
    let failure: DatabricksError | undefined;
    try {
      fresh = opts.makeClient(created.tokenValue);
      made.push(fresh);
      failure = await verifyAndStore(opts, fresh, created.tokenValue, created.info);
    } catch (err) {
      // Cancellation or an unexpected throw after the token exists: same cleanup as a failed check.
      failure = toDatabricksError(err, errorContext(current, opts.host, 'GET', '/Me'));
    }
    if (failure !== undefined || fresh === undefined) {
      const error =
        failure ??
        toDatabricksError(new Error('no transport for the new token'), errorContext(current, opts.host, 'GET', '/Me'));
      // No caller signal here: the half-made token must be cleaned up even when the caller cancelled.
      const newTokenRevoked = await revokeQuietly(oldApi, created.info.tokenId);
      const cleanup = newTokenRevoked
        ? 'The new token was revoked again; keep using the current one.'
        : `The new token (id ${created.info.tokenId}) could not be revoked; revoke it in the workspace settings. Keep using the current one.`;
      return { ok: false, error, newTokenRevoked, message: `Token rotation stopped: ${error.userMessage} ${cleanup}` };
    }

    // From here the new token is the one in use; trouble with the old one no longer fails the rotation.
    const rotated = { ok: true as const, tokenValue: created.tokenValue, info: created.info };
    const newApi = new TokenApi({ host: opts.host, http: fresh });
    const found = await findOldToken(newApi, fresh, opts, created.info, signalOpt);
    if (found.tokenId === undefined)
      return { ...rotated, oldTokenRevoked: false, message: `New token in use. ${found.why}` };
    try {
      await newApi.delete(found.tokenId, signalOpt);
    } catch (err) {
      const e = toDatabricksError(err, errorContext(fresh, opts.host, 'POST', '/api/2.0/token/delete'));
      return {
        ...rotated,
        oldTokenRevoked: false,
        message: `New token in use, but the old token (id ${found.tokenId}) was not revoked: ${e.userMessage}`,
      };
    }
    return {
      ...rotated,
      revokedTokenId: found.tokenId,
      oldTokenRevoked: true,
      message: 'New token in use; the old token was revoked.',
    };
  } finally {
    await Promise.allSettled(made.map((t) => t.close?.()));
  }
}

function createRequest(opts: RotateTokenOptions): CreateTokenRequest {
  const req: CreateTokenRequest = {};
  if (opts.lifetimeSeconds !== undefined) req.lifetimeSeconds = opts.lifetimeSeconds;
  if (opts.comment !== undefined) req.comment = opts.comment;
  return req;
}

/** undefined when the new token answered /Me and was stored; otherwise the reason it was not. */
async function verifyAndStore(
  opts: RotateTokenOptions,
  fresh: RotationTransport,
  tokenValue: string,
  info: TokenInfo,
): Promise<DatabricksError | undefined> {
  const scim = new ScimClient({ host: opts.host, http: fresh });
  const attempts = Math.max(1, opts.verifyAttempts ?? 3);
  const delayMs = opts.verifyDelayMs ?? 1000;
  let last: DatabricksError | undefined;
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await timerSleep(delayMs, opts.signal);
    try {
      await scim.me(opts.signal ? { signal: opts.signal } : {});
      last = undefined;
      break;
    } catch (err) {
      last = toDatabricksError(err, errorContext(fresh, opts.host, 'GET', '/Me'));
      // Only an auth answer can be the new token "not active yet"; anything else will not improve.
      if (!last.isAuthProblem) break;
    }
  }
  if (last) return last;
  if (!opts.store) return undefined;
  try {
    await opts.store(tokenValue, info);
    return undefined;
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return new DatabricksError({
      status: 0,
      code: 'STORE_FAILED',
      detail: fresh.redactor ? fresh.redactor.redact(detail) : detail,
      userMessage: 'The new token could not be saved.',
    });
  }
}

async function findOldToken(
  api: TokenApi,
  fresh: RotationTransport,
  opts: RotateTokenOptions,
  created: TokenInfo,
  signalOpt: { signal?: AbortSignal },
): Promise<{ tokenId?: string; why: string }> {
  if (opts.oldTokenId !== undefined && opts.oldTokenId !== '') {
    if (opts.oldTokenId === created.tokenId)
      return { why: 'The old token id equals the new one; nothing was revoked.' };
    return { tokenId: opts.oldTokenId, why: '' };
  }
  const hint = opts.oldTokenHint;
  if (!hint || (hint.comment === undefined && hint.creationTime === undefined)) {
    return {
      why: 'The old token was not revoked: which token it is was not recorded. Revoke it in the workspace settings once nothing uses it.',
    };
  }
  let tokens: TokenInfo[];
  try {
    tokens = await api.list(signalOpt);
  } catch (err) {
    const e = toDatabricksError(err, errorContext(fresh, opts.host, 'GET', '/api/2.0/token/list'));
    return { why: `The old token was not revoked: the token list could not be read (${e.userMessage}).` };
  }
  const matches = tokens.filter(
    (t) =>
      t.tokenId !== created.tokenId &&
      (hint.comment === undefined || t.comment === hint.comment) &&
      (hint.creationTime === undefined ||
        Math.abs(t.creationTime.getTime() - hint.creationTime.getTime()) <= CREATION_TIME_TOLERANCE_MS),
  );
  const only = matches[0];
  if (matches.length === 1 && only) return { tokenId: only.tokenId, why: '' };
  return {
    why:
      matches.length === 0
        ? 'The old token was not revoked: no listed token matches what was recorded about it (it may be revoked already).'
        : `The old token was not revoked: ${matches.length} tokens match what was recorded about it, so which one is in use is not certain.`,
  };
}

async function revokeQuietly(api: TokenApi, tokenId: string): Promise<boolean> {
  try {
    await api.delete(tokenId);
    return true;
  } catch {
    return false;
  }
}
