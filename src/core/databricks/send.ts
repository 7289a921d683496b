// One Databricks REST call through the transport, with every failure turned into a DatabricksError.
// Shared by the SCIM client and the Token API, which fail in the same shapes.

import { definedFields } from '../http/fields';
import type { LimitEvent } from '../http/hostLimits';
import type { HttpMethod, HttpRequest, HttpResponse, HttpTransport, RetryOptions } from '../http/types';
import { errorFromResponse, toDatabricksError, type ErrorContext } from './errors';

/** The part of HostLimitsRegistry a ScimClient listens to. */
export interface LimitEvents {
  onChange(listener: (event: LimitEvent) => void): () => void;
}

export interface SendOptions {
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  idempotent?: boolean;
  /** See HttpRequest.retryUnavailable. */
  retryUnavailable?: boolean;
  signal?: AbortSignal;
  /** What the call is about, for 404 messages ("group 123"). */
  what?: string;
  /** See HttpRequest.retry. */
  retry?: Partial<RetryOptions>;
  /** See HttpRequest.listing. */
  listing?: boolean;
  /** See HttpRequest.anonymous. */
  anonymous?: boolean;
}

/** The options that pass to the transport as they are. */
const REQUEST_FIELDS = [
  'json',
  'signal',
  'idempotent',
  'retryUnavailable',
  'retry',
  'listing',
  'anonymous',
] as const satisfies ReadonlyArray<keyof SendOptions & keyof HttpRequest>;

export function errorContext(
  http: HttpTransport,
  host: string,
  method: string,
  path: string,
  what?: string,
): ErrorContext {
  const ctx: ErrorContext = { host, method, path };
  if (what !== undefined) ctx.what = what;
  const redactor = http.redactor;
  if (redactor) ctx.redact = (t) => redactor.redact(t);
  return ctx;
}

/**
 * Sends `method baseUrl+path?query`; resolves only for 2xx. `path` (without the query, which can
 * hold personal data in filters) is what errors and messages show.
 */
export async function send(
  http: HttpTransport,
  host: string,
  baseUrl: string,
  method: HttpMethod,
  path: string,
  opts: SendOptions = {},
): Promise<HttpResponse> {
  const ctx = errorContext(http, host, method, path, opts.what);
  const req: HttpRequest = {
    method,
    url: baseUrl + path + queryString(opts.query),
    headers: { Accept: 'application/json' },
    ...definedFields(opts, REQUEST_FIELDS),
  };
  let res: HttpResponse;
  try {
    res = await http.request(req);
  } catch (err) {
    throw toDatabricksError(err, ctx);
  }
  if (res.status < 200 || res.status >= 300) throw errorFromResponse(res, ctx);
  return res;
}

/** %20 rather than URLSearchParams' "+", as the SCIM references show filters encoded. */
export function queryString(query: Record<string, string | number | undefined> | undefined): string {
  if (!query) return '';
  const parts = Object.entries(query)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}
