// One HTTP request/response over a dispatcher, body read in full. No retries, no redirects, no
// policy: errors are thrown raw and classified by the caller (transportFailure.ts).

import type { Dispatcher } from 'undici';
import { BODY_TOO_LARGE, REQUEST_DEADLINE } from './transportFailure';
import type { HttpMethod } from './types';

export interface ExchangeRequest {
  url: URL;
  method: HttpMethod;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** From dispatch until the response headers are in (connection setup included). */
  headersTimeoutMs: number;
  /** Longest gap between two body chunks. */
  bodyTimeoutMs: number;
  /** Longest the whole exchange may take, however steadily the body trickles in. */
  deadlineMs: number;
  maxBodyBytes: number;
}

export interface ExchangeResult {
  status: number;
  headers: Record<string, string>;
  bodyText: string;
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function coded(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

export async function exchange(dispatcher: Dispatcher, req: ExchangeRequest): Promise<ExchangeResult> {
  // Our own timers rather than undici's: undici runs its parser timeouts on a coarse shared
  // clock (about half a second of slack), which makes short timeouts imprecise. Undici's own
  // timeouts stay set to the same values as a backstop.
  const deadline = new AbortController();
  let expired: string | undefined;
  const expire = (code: string) => (): void => {
    expired = code;
    deadline.abort();
  };
  let timer = setTimeout(expire('UND_ERR_HEADERS_TIMEOUT'), req.headersTimeoutMs);
  const overall = setTimeout(expire(REQUEST_DEADLINE), req.deadlineMs);
  const signal = req.signal ? AbortSignal.any([req.signal, deadline.signal]) : deadline.signal;

  const options: Dispatcher.RequestOptions = {
    origin: req.url.origin,
    path: `${req.url.pathname}${req.url.search}`,
    method: req.method,
    headers: req.headers,
    headersTimeout: req.headersTimeoutMs,
    bodyTimeout: req.bodyTimeoutMs,
    signal,
  };
  if (req.body !== undefined) options.body = req.body;

  try {
    const response = await dispatcher.request(options);
    clearTimeout(timer);
    timer = setTimeout(expire('UND_ERR_BODY_TIMEOUT'), req.bodyTimeoutMs);
    // Errors reach us through the iterator below; this listener only keeps a destroy() from
    // surfacing as an unhandled 'error' event.
    response.body.on('error', () => undefined);
    const headers = flattenHeaders(response.headers);

    const declared = Number(headers['content-length']);
    if (Number.isFinite(declared) && declared > req.maxBodyBytes) {
      response.body.destroy();
      throw coded('response body too large', BODY_TOO_LARGE);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      timer.refresh();
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      if (size > req.maxBodyBytes) {
        response.body.destroy();
        throw coded('response body too large', BODY_TOO_LARGE);
      }
      chunks.push(buffer);
    }
    clearTimeout(timer);
    // Undici hands the socket back to its pool one macrotask after the body ends; without this
    // pause a caller that sends its next request at once (paging) opens a second connection.
    await new Promise<void>((resolve) => setImmediate(resolve));
    return { status: response.statusCode, headers, bodyText: Buffer.concat(chunks).toString('utf8') };
  } catch (error) {
    if (expired !== undefined && !req.signal?.aborted) throw coded('timeout', expired);
    throw error;
  } finally {
    clearTimeout(timer);
    clearTimeout(overall);
  }
}
