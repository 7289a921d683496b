// The error mapping Microsoft Graph and Azure Resource Manager share: both answer
// `{"error":{"code","message"}}`, fail in the transport the same ways, and get the same two refusals
// from a paging client (a next-page link to another origin, an answer that is not the expected
// shape). `microsoftService` builds that mapping once; each service brings its error class and words.
import type { ApiError, ApiErrorInit } from './apiError';
import { HttpRetryError, HttpTransportError, type HttpTransportErrorKind } from './errors';
import { isRecord, parseJson, readString } from './json';
import { scrubSecrets } from './redact';
import { retryAfterSeconds } from './retryAfter';
import type { HttpRequest, HttpResponse, HttpTransport } from './types';

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
function scrubDetail(text: string, ctx: Pick<ServiceErrorContext, 'redact'>): string {
  const out = scrubSecrets(text, ctx.redact);
  return out.length > MAX_DETAIL ? `${out.slice(0, MAX_DETAIL - 3)}...` : out;
}

interface MicrosoftErrorBody {
  code?: string;
  message?: string;
  requestId?: string;
}

function parseMicrosoftErrorBody(text: string): MicrosoftErrorBody {
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

/** What a service's errors say, in its own words. */
export interface MicrosoftServiceWords<C extends ServiceErrorContext> {
  /** How messages name the service, e.g. 'Microsoft Graph'. */
  name: string;
  /** The sentence for a non-2xx answer; `wait` is the Retry-After in seconds. */
  answer: (status: number, code: string, detail: string, ctx: C, wait: number | undefined) => string;
  /** The sentence for a failure without an answer, by kind. */
  transport: Record<HttpTransportErrorKind, (endpoint: string) => string>;
  /** What the call was for, as it follows "a next-page link" or "an answer" (e.g. ' for the subscriptions'). */
  about?: (ctx: C) => string;
  /** Said after an answer that cannot be used, e.g. which setting names the endpoint. */
  unusableAdvice?: string;
}

/** A service's errors; every member is a plain function, so it can be passed or exported on its own. */
export interface MicrosoftService<E extends ApiError, C extends ServiceErrorContext> {
  /** Maps a non-2xx answer. */
  fromResponse: (res: HttpResponse, ctx: C, attempts?: number) => E;
  /**
   * Maps anything the transport throws: the service's own error as it is, a retry budget that
   * ended on an answer as that answer, anything else as a transport failure.
   */
  toError: (err: unknown, ctx: C) => E;
  /** A next-page link that leaves the service's origin: refused before any request, so the token stays home. */
  foreignNextLink: (link: string, ctx: C) => E;
  /** An answer that is not what the call returns: never read as "nothing". */
  invalidAnswer: (ctx: C, why?: string) => E;
  /** Sends `req`: the JSON of a 2xx answer, or one of the errors above. */
  requestJson: (http: HttpTransport, req: HttpRequest, ctx: C, signal?: AbortSignal) => Promise<unknown>;
}

export function microsoftService<E extends ApiError, C extends ServiceErrorContext>(
  ErrorType: new (init: ApiErrorInit) => E,
  words: MicrosoftServiceWords<C>,
): MicrosoftService<E, C> {
  const about = (ctx: C): string => words.about?.(ctx) ?? '';
  const fromResponse = (res: HttpResponse, ctx: C, attempts = res.attempts): E =>
    new ErrorType(
      responseInit(res, ctx, attempts, (code, detail, wait) => words.answer(res.status, code, detail, ctx, wait)),
    );
  const toError = (err: unknown, ctx: C): E => {
    if (err instanceof ErrorType) return err;
    if (err instanceof HttpRetryError && err.lastResponse) return fromResponse(err.lastResponse, ctx, err.attempts);
    return new ErrorType(transportInit(err, ctx, words.transport));
  };
  const invalidAnswer = (ctx: C, why = 'the answer is not the expected JSON'): E =>
    new ErrorType({
      status: 0,
      code: 'InvalidResponse',
      detail: why,
      userMessage: `${words.name} (${ctx.endpoint}) gave an answer${about(ctx)} that cannot be used (${why}).${words.unusableAdvice ?? ''}`,
      method: ctx.method,
      path: ctx.path,
    });
  return {
    fromResponse,
    toError,
    invalidAnswer,
    foreignNextLink: (link, ctx) => new ErrorType(foreignNextLinkInit(words.name, link, ctx, about(ctx))),
    requestJson: async (http, req, ctx, signal) => {
      let res: HttpResponse;
      try {
        res = await http.request(signal ? { ...req, signal } : req);
      } catch (e) {
        throw toError(e, ctx);
      }
      if (res.status < 200 || res.status >= 300) throw fromResponse(res, ctx);
      const body = parseJson(res.bodyText);
      if (body === undefined) throw invalidAnswer(ctx);
      return body;
    },
  };
}

/** The fields of an error for a non-2xx answer in the Microsoft shape; `words` writes the sentence. */
function responseInit(
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
    attempts,
    retryAfterSeconds: wait,
    requestId: body.requestId,
  };
}

/** The fields of an error for a failure without an HTTP answer; `words` names it for people. */
function transportInit(
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
    attempts: err instanceof HttpRetryError ? err.attempts : undefined,
  };
}

function foreignNextLinkInit(service: string, link: string, ctx: ServiceErrorContext, of: string): ApiErrorInit {
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
