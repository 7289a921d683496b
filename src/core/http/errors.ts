// The two ways a request can fail without an ordinary HTTP response. Messages are redacted by the
// client before these are constructed; neither error keeps the raw undici error as `cause`,
// because undici's messages can echo proxy URLs and headers that we do not control.

import type { HttpResponse } from './types';

export type HttpTransportErrorKind = 'timeout' | 'aborted' | 'connection' | 'insecure' | 'redirect' | 'proxy';

export class HttpTransportError extends Error {
  override readonly name = 'HttpTransportError';
  readonly kind: HttpTransportErrorKind;
  /** Low-level code when there is one (ECONNRESET, UND_ERR_HEADERS_TIMEOUT…), for diagnostics. */
  readonly code?: string;

  constructor(kind: HttpTransportErrorKind, message: string, code?: string) {
    super(message);
    this.kind = kind;
    if (code !== undefined) this.code = code;
  }
}

/**
 * A retriable condition (429, 503, or for idempotent requests 502/504, a reset or a timeout)
 * outlived the attempts or the wait budget. `lastResponse` is set when the last attempt got an
 * HTTP response; `lastError` when it failed at the transport level. The response's body and
 * headers are redacted: this object exists to be shown or logged, and error bodies sometimes echo
 * the request's token.
 */
export class HttpRetryError extends Error {
  override readonly name = 'HttpRetryError';
  readonly attempts: number;
  readonly lastResponse?: HttpResponse;
  readonly lastError?: HttpTransportError;

  constructor(message: string, attempts: number, last: { response?: HttpResponse; error?: HttpTransportError }) {
    super(message);
    this.attempts = attempts;
    if (last.response) this.lastResponse = last.response;
    if (last.error) this.lastError = last.error;
  }
}
