// One error type for every way a Databricks call can fail: SCIM error bodies,
// `error_code` bodies (string or numeric codes), HTML error pages, plain `CODE: message` text,
// empty bodies, exhausted retries and transport failures. Callers switch on `status` / the
// `is…` getters and show `userMessage`, which always says what to do next.

import { ApiError, type ApiErrorInit } from '../http/apiError';
import { HttpRetryError, HttpTransportError, type HttpTransportErrorKind } from '../http/errors';
import { REQUEST_DEADLINE } from '../http/transportFailure';
import { scrubSecrets } from '../http/redact';
import { retryAfterSeconds } from '../http/retryAfter';
import type { HttpResponse } from '../http/types';
import { describeBody, type ParsedErrorBody } from './errorBody';

export { statusName } from './errorBody';

export type TransportKind = HttpTransportErrorKind;

export interface DatabricksErrorInit extends ApiErrorInit {
  scimType?: string;
}

export class DatabricksError extends ApiError {
  override readonly name = 'DatabricksError';
  readonly scimType?: string;

  constructor(init: DatabricksErrorInit) {
    super(init);
    if (init.scimType !== undefined) this.scimType = init.scimType;
  }

  get isConflict(): boolean {
    return this.status === 409;
  }
  /** Duplicate create ("Group with name x already exists."): callers may look up and adopt. */
  get isAlreadyExists(): boolean {
    return this.status === 409 && /already exists/i.test(this.detail);
  }
  /** Adding a principal that is already a member: the goal is reached, treat as success. */
  get isAlreadyMember(): boolean {
    return (
      (this.status === 409 || this.status === 400) &&
      /already (?:a )?member|already (?:exists )?in (?:the )?group/i.test(this.detail)
    );
  }
  /** A write to an account group through workspace SCIM: needs the account API. */
  get isAccountGroupWrite(): boolean {
    return this.status === 400 && /account group|account level|account-level/i.test(this.detail);
  }
  /** The token is bad/expired or its owner lacks rights: the fix is a different token. */
  override get isAuthProblem(): boolean {
    return this.status === 401 || this.status === 403 || (this.status === 400 && TOKEN_WORDS.test(this.detail));
  }
}

/** Context for turning a failure into a DatabricksError: where it happened and how to redact. */
export interface ErrorContext {
  /** Origin or host shown in messages. */
  host: string;
  method?: string;
  /** Path below the API base, e.g. "/Groups/123" (no query: filters can hold personal data). */
  path?: string;
  /** What the request was about, for 404 messages ("group 123"). */
  what?: string;
  /** The transport's redactor; applied to every text that ends up in the error. */
  redact?: (text: string) => string;
}

const TOKEN_WORDS =
  /invalid access token|token is expired|expired ?jwt|expiredjwtexception|invalid token|token.*(?:expired|revoked|invalid)|unauthenticated|credential/i;
const ADMIN_WORDS = /admin|not authori[sz]ed|permission|not allowed|forbidden|insufficient/i;

/** Longest error code kept; a code is a word, anything longer is a server echoing input. */
const MAX_CODE = 100;

/** The transport's known secrets, then every token shape, even where the redactor was not told of one. */
function scrub(text: string, ctx: ErrorContext): string {
  return scrubSecrets(text, ctx.redact);
}

function userMessageFor(
  status: number,
  body: ParsedErrorBody,
  ctx: ErrorContext,
  retryAfter: number | undefined,
): string {
  const host = ctx.host;
  const detail = body.detail;
  const wait = retryAfter !== undefined ? `${retryAfter} s` : 'a few seconds';
  if (status === 401 || (status === 400 && TOKEN_WORDS.test(detail)) || (status === 403 && TOKEN_WORDS.test(detail))) {
    return `Databricks rejected the token for ${host} (${detail}): it is invalid, expired or revoked. Update the token.`;
  }
  if (status === 403) {
    const why = ADMIN_WORDS.test(detail) ? detail : `${detail}; the token's owner is probably not a workspace admin`;
    return `Databricks refused this request on ${host} (${why}). Update the token to one of a workspace admin.`;
  }
  if (status === 404) {
    const what = ctx.what ? capitalize(ctx.what) : 'The requested resource';
    return `${what} was not found on ${host} (${detail}). It may have been deleted; refresh and try again.`;
  }
  if (status === 409) return `Databricks reported a conflict on ${host}: ${detail}`;
  if (status === 429) return `Databricks is rate-limiting requests to ${host}; try again in ${wait}.`;
  if (status === 503) return `Databricks on ${host} is temporarily unavailable (HTTP 503); try again in ${wait}.`;
  if (status === 400) {
    if (body.scimType === 'invalidFilter' || /filter/i.test(`${body.code} ${detail}`)) {
      return `Databricks rejected the search filter: ${detail}`;
    }
    return `Databricks rejected the request on ${host}: ${detail}`;
  }
  if (status >= 500) return `Databricks on ${host} failed with HTTP ${status} (${detail}). Try again later.`;
  return `Databricks on ${host} answered HTTP ${status}: ${detail}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Where the failed call went, as every DatabricksError names it (an undefined field is left out by ApiError). */
function where(ctx: ErrorContext): Pick<DatabricksErrorInit, 'method' | 'path' | 'host'> {
  return { method: ctx.method, path: ctx.path, host: ctx.host };
}

/** Maps a non-2xx response. */
export function errorFromResponse(res: HttpResponse, ctx: ErrorContext, attempts = res.attempts): DatabricksError {
  const body = describeBody(res.status, res.bodyText, res.headers, (text) => scrub(text, ctx));
  const retryAfter = retryAfterSeconds(res.headers);
  const detail = scrub(body.detail, ctx);
  return new DatabricksError({
    status: res.status,
    code: scrub(body.code, ctx).slice(0, MAX_CODE),
    detail,
    userMessage: scrub(userMessageFor(res.status, { ...body, detail }, ctx, retryAfter), ctx),
    attempts,
    scimType: body.scimType,
    retryAfterSeconds: retryAfter,
    ...where(ctx),
  });
}

function transportMessage(
  kind: TransportKind,
  host: string,
  detail: string,
  attempts: number | undefined,
  code?: string,
): string {
  switch (kind) {
    case 'timeout':
      if (code === REQUEST_DEADLINE)
        return `${host} was too slow (${detail}). Check the network, or raise dbxScim.http.requestDeadlineSeconds.`;
      return `${host} did not answer in time. Check the network, or raise dbxScim.http.timeoutSeconds.`;
    case 'aborted':
      return 'The request was cancelled.';
    case 'insecure':
      return `The token was not sent: ${host} is plain http and not a loopback address. Use https://.`;
    case 'redirect':
      return `${host} redirected to another address; the token was not sent there. Check the workspace URL.`;
    case 'proxy':
      return `The proxy failed for ${host} (${detail}). Check HTTPS_PROXY / the proxy settings.`;
    case 'connection':
      return attempts !== undefined && attempts > 1
        ? `Could not reach ${host} after ${attempts} attempts (${detail}). Check the workspace URL and the network.`
        : `Could not reach ${host} (${detail}). Check the workspace URL and the network.`;
  }
}

function transportError(
  kind: TransportKind,
  rawDetail: string,
  ctx: ErrorContext,
  attempts?: number,
  code?: string,
): DatabricksError {
  const detail = scrub(rawDetail, ctx);
  return new DatabricksError({
    status: 0,
    code: kind.toUpperCase(),
    detail,
    userMessage: scrub(transportMessage(kind, ctx.host, detail, attempts, code), ctx),
    transportKind: kind,
    attempts,
    ...where(ctx),
  });
}

/**
 * A 2xx answer that is not what the call expects (an HTML sign-in page, `{}`, a list of another
 * shape, a server that ignores paging). Never read as "nothing there": that would empty a listing.
 */
export function unexpectedAnswerError(detail: string, ctx: ErrorContext): DatabricksError {
  const clean = scrub(detail, ctx);
  return new DatabricksError({
    status: 0,
    code: 'UNEXPECTED_ANSWER',
    detail: clean,
    userMessage:
      `${ctx.host} did not answer like Databricks SCIM (${clean}). A sign-in page or a proxy may have ` +
      'answered instead: check the workspace URL and the network.',
    ...where(ctx),
  });
}

/** Maps anything thrown by the transport (or a DatabricksError, returned as is). */
export function toDatabricksError(err: unknown, ctx: ErrorContext): DatabricksError {
  if (err instanceof DatabricksError) return err;
  if (err instanceof HttpRetryError) {
    if (err.lastResponse) return errorFromResponse(err.lastResponse, ctx, err.attempts);
    return transportError(err.lastError?.kind ?? 'connection', err.message, ctx, err.attempts);
  }
  if (err instanceof HttpTransportError) return transportError(err.kind, err.message, ctx, undefined, err.code);
  if (err instanceof Error && err.name === 'AbortError') return transportError('aborted', err.message, ctx);
  const text = err instanceof Error ? err.message : String(err);
  const detail = scrub(text, ctx);
  return new DatabricksError({
    status: 0,
    code: 'UNKNOWN',
    detail,
    userMessage: `The request to ${ctx.host} failed: ${detail}`,
    ...where(ctx),
  });
}
