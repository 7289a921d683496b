// Turns whatever undici or the socket threw into our error kinds, a readable reason, and
// whether the request may be repeated. Codes rather than messages are matched wherever undici
// gives one, because messages change between versions.

import type { HttpTransportErrorKind } from './errors';
import type { FailureRetry } from './retryPolicy';
import type { TimeoutOptions } from './types';

export const BODY_TOO_LARGE = 'DBX_BODY_TOO_LARGE';
/** The attempt's total deadline passed (TimeoutOptions.deadlineMs). */
export const REQUEST_DEADLINE = 'DBX_REQUEST_DEADLINE';

export interface ClassifiedFailure {
  kind: HttpTransportErrorKind;
  detail: string;
  retry: FailureRetry;
  code?: string;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

const RESET_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

function isTlsCode(code: string): boolean {
  return /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/.test(code);
}

export function classifyFailure(
  error: unknown,
  ctx: {
    proxied: boolean;
    timeouts: Omit<TimeoutOptions, 'deadlineMs'> & Partial<TimeoutOptions>;
    maxBodyBytes: number;
  },
): ClassifiedFailure {
  const code = errorCode(error);
  const message = errorMessage(error);
  const withCode = (c: Omit<ClassifiedFailure, 'code'>): ClassifiedFailure => (code === undefined ? c : { ...c, code });

  // ProxyAgent reports a refused CONNECT only in its message: "Proxy response (407) !== 200…".
  const tunnel = /Proxy response \((\d{3})\)/.exec(message);
  if (tunnel) {
    const status = Number(tunnel[1]);
    const why =
      status === 407
        ? 'proxy authentication failed (407); check the proxy credentials'
        : `the proxy refused the tunnel (${status})`;
    // A gateway error from the proxy never reached the target, so repeating is harmless.
    return withCode({ kind: 'proxy', detail: why, retry: status >= 502 && status <= 504 ? 'before-send' : 'never' });
  }
  if (code === BODY_TOO_LARGE) {
    const mib = Math.round(ctx.maxBodyBytes / 1024 / 1024);
    return { kind: 'connection', detail: `response body larger than ${mib} MiB`, retry: 'never' };
  }
  switch (code) {
    case REQUEST_DEADLINE:
      // Not retried: an answer this slow is not a blip, and another attempt would double the wait.
      return withCode({
        kind: 'timeout',
        detail: `too slow: no complete answer within ${ctx.timeouts.deadlineMs === undefined ? 'the request deadline' : `${ctx.timeouts.deadlineMs} ms (request deadline)`}`,
        retry: 'never',
      });
    case 'UND_ERR_CONNECT_TIMEOUT':
      return withCode({
        kind: 'timeout',
        detail: `could not connect${ctx.proxied ? ' to the proxy' : ''} within ${ctx.timeouts.connectMs} ms (timeout)`,
        retry: 'before-send',
      });
    case 'UND_ERR_HEADERS_TIMEOUT':
      return withCode({
        kind: 'timeout',
        detail: `no response headers within ${ctx.timeouts.headersMs} ms (timeout)`,
        retry: 'after-send',
      });
    case 'UND_ERR_BODY_TIMEOUT':
      return withCode({
        kind: 'timeout',
        detail: `response body stalled for more than ${ctx.timeouts.bodyMs} ms (timeout)`,
        retry: 'after-send',
      });
    case 'ECONNREFUSED':
      return withCode({
        kind: ctx.proxied ? 'proxy' : 'connection',
        detail: ctx.proxied ? 'could not connect to the proxy (connection refused)' : 'connection refused',
        retry: ctx.proxied ? 'never' : 'before-send',
      });
    case 'ENOTFOUND':
      return withCode({
        kind: ctx.proxied ? 'proxy' : 'connection',
        detail: `host not found${ctx.proxied ? ' (proxy)' : ''}`,
        retry: 'never',
      });
    case 'EAI_AGAIN':
      return withCode({ kind: 'connection', detail: 'DNS lookup failed temporarily', retry: 'before-send' });
    default:
      break;
  }
  if (code !== undefined && RESET_CODES.has(code)) {
    return withCode({
      kind: 'connection',
      detail: `connection closed by the server before the response was complete (${code})`,
      retry: 'after-send',
    });
  }
  if (code !== undefined && isTlsCode(code)) {
    return withCode({ kind: 'connection', detail: `TLS failed (${code}): ${message}`, retry: 'never' });
  }
  return withCode({ kind: 'connection', detail: `request failed: ${message}`, retry: 'never' });
}
