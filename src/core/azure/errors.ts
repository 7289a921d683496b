// One error type for every way an Azure Resource Manager call can fail. ARM answers
// `{"error":{"code","message"}}`; `userMessage` always says what to do next.

import { ApiError } from '../http/apiError';
import { HttpRetryError, HttpTransportError, type HttpTransportErrorKind } from '../http/errors';
import { REDACTED, maskJwts } from '../http/redact';
import type { HttpResponse } from '../http/types';
import { retryAfterSeconds } from '../http/retryAfter';
import { isRecord, parseJson, readString } from '../http/json';
import { capText } from '../text/cap';

export class ArmError extends ApiError {
  override readonly name = 'ArmError';

  /** Sign in again (401) or ask for a role (403). */
  get isAuthProblem(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

/** Where a failure happened, for messages. */
export interface ArmErrorContext {
  /** ARM origin, e.g. https://management.azure.com. */
  endpoint: string;
  method: string;
  /** Path without the query. */
  path: string;
  /** What the call was about, e.g. 'the subscriptions' or 'subscription "Contoso"'. */
  what: string;
  redact?: (text: string) => string;
}

const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi;

/** Redacts, then shortens: the other order could cut a token below what its shape needs. */
function scrub(text: string, ctx: ArmErrorContext): string {
  const out = maskJwts(capText(ctx.redact ? ctx.redact(text) : text)).replace(BEARER, REDACTED);
  return out.length > 500 ? `${out.slice(0, 497)}...` : out;
}

function userMessageFor(status: number, code: string, detail: string, ctx: ArmErrorContext, wait?: number): string {
  if (status === 401)
    return `Azure Resource Manager rejected the sign-in (${code}: ${detail}). Sign in to Azure again (az login).`;
  if (status === 403)
    return `Azure Resource Manager denied reading ${ctx.what} (${code}). The Reader role (or any role with Microsoft.Databricks/workspaces/read) on the subscription lets you list its workspaces.`;
  if (status === 404) return `Azure Resource Manager did not find ${ctx.what} (${code}: ${detail}).`;
  if (status === 429)
    return `Azure Resource Manager is rate-limiting requests (still after retries); try again in ${wait !== undefined ? `${wait} s` : 'a minute'}.`;
  if (status === 400)
    return `Azure Resource Manager refused the request for ${ctx.what} (${code}: ${detail}). This is a bug; please report it.`;
  if (status >= 500) return `Azure Resource Manager failed with HTTP ${status} (${detail}). Try again later.`;
  return `Azure Resource Manager answered HTTP ${status} for ${ctx.what} (${code}: ${detail}).`;
}

/** Maps a non-2xx ARM response. */
export function armErrorFromResponse(res: HttpResponse, ctx: ArmErrorContext, attempts = res.attempts): ArmError {
  const json = parseJson(res.bodyText);
  const e = isRecord(json) && isRecord(json['error']) ? json['error'] : undefined;
  const rawCode = e ? readString(e, 'code') : undefined;
  const code = rawCode === undefined ? `HTTP_${res.status}` : scrub(rawCode, ctx).slice(0, 100);
  const detail = scrub(
    (e ? readString(e, 'message') : undefined) ?? (res.bodyText.trim() || `HTTP ${res.status}`),
    ctx,
  );
  const wait = retryAfterSeconds(res.headers);
  return new ArmError({
    status: res.status,
    code,
    detail,
    userMessage: scrub(userMessageFor(res.status, code, detail, ctx, wait), ctx),
    method: ctx.method,
    path: ctx.path,
    attempts,
    ...(wait !== undefined ? { retryAfterSeconds: wait } : {}),
  });
}

const TRANSPORT_MESSAGES: Record<HttpTransportErrorKind, (endpoint: string) => string> = {
  timeout: (e) => `Azure Resource Manager (${e}) did not answer in time. Check the network and try again.`,
  aborted: () => 'The request was cancelled.',
  insecure: (e) => `The token was not sent: ${e} is plain http and not a loopback address. Use https://.`,
  redirect: (e) => `Azure Resource Manager (${e}) redirected to another address; the token was not sent there.`,
  proxy: (e) => `The proxy failed for ${e}. Check HTTPS_PROXY / the proxy settings.`,
  connection: (e) => `Could not reach Azure Resource Manager at ${e}. Check the endpoint and the network.`,
};

/** Maps anything the transport throws (an ArmError is returned as is). */
export function toArmError(err: unknown, ctx: ArmErrorContext): ArmError {
  if (err instanceof ArmError) return err;
  if (err instanceof HttpRetryError && err.lastResponse)
    return armErrorFromResponse(err.lastResponse, ctx, err.attempts);
  const kind: HttpTransportErrorKind =
    err instanceof HttpTransportError
      ? err.kind
      : err instanceof HttpRetryError
        ? (err.lastError?.kind ?? 'connection')
        : 'connection';
  return new ArmError({
    status: 0,
    code: kind.toUpperCase(),
    detail: scrub(err instanceof Error ? err.message : String(err), ctx),
    userMessage: scrub(TRANSPORT_MESSAGES[kind](ctx.endpoint), ctx),
    transportKind: kind,
    method: ctx.method,
    path: ctx.path,
    ...(err instanceof HttpRetryError ? { attempts: err.attempts } : {}),
  });
}

/** A nextLink that leaves the ARM host: refused before any request, so the token stays home. */
export function foreignNextLinkError(link: string, ctx: ArmErrorContext): ArmError {
  let target = 'an unparsable address';
  try {
    target = new URL(link).origin;
  } catch {
    // keep the generic wording
  }
  return new ArmError({
    status: 0,
    code: 'ForeignNextLink',
    detail: `nextLink points to ${scrub(target, ctx)}, not ${ctx.endpoint}`,
    userMessage: `Azure Resource Manager sent a next-page link for ${ctx.what} to ${scrub(target, ctx)}, outside ${ctx.endpoint}; it was not followed and the token was not sent there.`,
    method: ctx.method,
    path: ctx.path,
  });
}

/** An answer that is not what the call returns: never read as "nothing". */
export function invalidAnswer(ctx: ArmErrorContext, why = 'the answer is not the expected JSON'): ArmError {
  return new ArmError({
    status: 0,
    code: 'InvalidResponse',
    detail: why,
    userMessage: `Azure Resource Manager (${ctx.endpoint}) gave an answer for ${ctx.what} that cannot be used (${why}).`,
    method: ctx.method,
    path: ctx.path,
  });
}
