// What the error mapping of every service shares: scrubbing server text, reading the Microsoft-style
// error body (Graph and Resource Manager both answer `{"error":{"code","message"}}`), naming a
// transport failure, and the two refusals a paging client makes on its own (a next-page link to
// another origin, an answer that is not the expected shape). Each service adds its own words.
import type { ApiErrorInit } from './apiError';
import { HttpRetryError, HttpTransportError, type HttpTransportErrorKind } from './errors';
import { isRecord, parseJson, readString } from './json';
import { scrubSecrets } from './redact';
import { retryAfterSeconds } from './retryAfter';
import type { HttpResponse } from './types';

export interface ServiceErrorContext {
  /** Origin of the service, e.g. https://graph.microsoft.com. */
  endpoint: string;
  method: string;
  /** Path without the query (filters can hold names). */
  path: string;
  redact?: (text: string) => string;
}

const MAX_DETAIL = 500;

/** Redacts, then shortens: the other order could cut a token below what its shape needs. */
export function scrubDetail(text: string, ctx: Pick<ServiceErrorContext, 'redact'>): string {
  const out = scrubSecrets(text, ctx.redact);
  return out.length > MAX_DETAIL ? `${out.slice(0, MAX_DETAIL - 3)}...` : out;
}

export interface MicrosoftErrorBody {
  code?: string;
  message?: string;
  requestId?: string;
}

export function parseMicrosoftErrorBody(text: string): MicrosoftErrorBody {
  const json = parseJson(text);
  if (!isRecord(json) || !isRecord(json['error'])) return {};
  const e = json['error'];
  const out: MicrosoftErrorBody = {};
  const code = readString(e, 'code');
  const message = readString(e, 'message');
  if (code) out.code = code;
  if (message) out.message = message;
  const inner = e['innerError'] ?? e['innererror'];
  const requestId = isRecord(inner) ? readString(inner, 'request-id') : undefined;
  if (requestId) out.requestId = requestId;
  return out;
}

/** The fields of an error for a non-2xx answer in the Microsoft shape; `words` writes the sentence. */
export function microsoftResponseInit(
  res: HttpResponse,
  ctx: ServiceErrorContext,
  attempts: number | undefined,
  words: (code: string, detail: string, wait: number | undefined) => string,
): ApiErrorInit {
  const body = parseMicrosoftErrorBody(res.bodyText);
  const code = body.code === undefined ? `HTTP_${res.status}` : scrubDetail(body.code, ctx).slice(0, 100);
  const detail = scrubDetail(body.message ?? (res.bodyText.trim() || `HTTP ${res.status}`), ctx);
  const wait = retryAfterSeconds(res.headers);
  return {
    status: res.status,
    code,
    detail,
    userMessage: scrubDetail(words(code, detail, wait), ctx),
    method: ctx.method,
    path: ctx.path,
    ...(attempts === undefined ? {} : { attempts }),
    ...(wait === undefined ? {} : { retryAfterSeconds: wait }),
    ...(body.requestId === undefined ? {} : { requestId: body.requestId }),
  };
}

/** The fields of an error for a failure without an HTTP answer; `words` names it for people. */
export function transportInit(
  err: unknown,
  ctx: ServiceErrorContext,
  words: Record<HttpTransportErrorKind, (endpoint: string) => string>,
): ApiErrorInit {
  const kind: HttpTransportErrorKind =
    err instanceof HttpTransportError
      ? err.kind
      : err instanceof HttpRetryError
        ? (err.lastError?.kind ?? 'connection')
        : 'connection';
  return {
    status: 0,
    code: kind.toUpperCase(),
    detail: scrubDetail(err instanceof Error ? err.message : String(err), ctx),
    userMessage: scrubDetail(words[kind](ctx.endpoint), ctx),
    transportKind: kind,
    method: ctx.method,
    path: ctx.path,
    ...(err instanceof HttpRetryError ? { attempts: err.attempts } : {}),
  };
}

/**
 * Maps anything the transport throws to a service's error: its own errors as they are, a retry
 * budget that ended on an answer as that answer, anything else as a transport failure.
 */
export function toServiceError<E extends Error>(
  err: unknown,
  ctx: ServiceErrorContext,
  service: {
    isOwn: (err: unknown) => err is E;
    fromResponse: (res: HttpResponse, attempts: number) => E;
    make: (init: ApiErrorInit) => E;
    transportWords: Record<HttpTransportErrorKind, (endpoint: string) => string>;
  },
): E {
  if (service.isOwn(err)) return err;
  if (err instanceof HttpRetryError && err.lastResponse) return service.fromResponse(err.lastResponse, err.attempts);
  return service.make(transportInit(err, ctx, service.transportWords));
}

/** A next-page link that leaves the service's origin: refused before any request, so the token stays home. */
export function foreignNextLinkInit(service: string, link: string, ctx: ServiceErrorContext, of = ''): ApiErrorInit {
  let target = 'an unparsable address';
  try {
    target = scrubDetail(new URL(link).origin, ctx);
  } catch {
    // keep the generic wording
  }
  return {
    status: 0,
    code: 'ForeignNextLink',
    detail: `the next-page link points to ${target}, not ${ctx.endpoint}`,
    userMessage: `${service} sent a next-page link${of} to ${target}, outside ${ctx.endpoint}; it was not followed and the token was not sent there.`,
    method: ctx.method,
    path: ctx.path,
  };
}

/** An answer that is not what the call returns: never read as "nothing". */
export function invalidAnswerInit(service: string, ctx: ServiceErrorContext, why: string, rest: string): ApiErrorInit {
  return {
    status: 0,
    code: 'InvalidResponse',
    detail: why,
    userMessage: `${service} (${ctx.endpoint}) gave an answer${rest}`,
    method: ctx.method,
    path: ctx.path,
  };
}
