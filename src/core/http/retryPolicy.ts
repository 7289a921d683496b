// Which outcomes may be retried. The line is drawn at "could repeating this do something twice":
// 429 and 503 mean the server did not act, so any method may repeat; 502/504 and a broken
// connection leave that open, so only idempotent requests repeat.

import type { HttpTransportError } from './errors';
import type { HttpMethod } from './types';

export function isIdempotentByDefault(method: HttpMethod): boolean {
  return method === 'GET' || method === 'PUT' || method === 'DELETE';
}

export function isRetriableStatus(status: number, idempotent: boolean): boolean {
  if (status === 429 || status === 503) return true;
  return idempotent && (status === 502 || status === 504);
}

/**
 * When a transport failure may be retried: 'before-send' failures (refused connection, connect
 * timeout) never reached the server, so any method may repeat; 'after-send' ones (reset,
 * headers/body timeout, truncated body) only when idempotent.
 */
export type FailureRetry = 'before-send' | 'after-send' | 'never';

export function isRetriableFailure(error: HttpTransportError, retry: FailureRetry, idempotent: boolean): boolean {
  if (error.kind === 'aborted') return false;
  if (retry === 'before-send') return true;
  return retry === 'after-send' && idempotent;
}

/** The wait before the next attempt, or undefined when the attempts or the budget are spent. */
export function nextWaitMs(args: {
  attemptsSoFar: number;
  maxAttempts: number;
  waitedMs: number;
  budgetMs: number;
  proposedMs: number;
  maxDelayMs: number;
}): number | undefined {
  if (args.attemptsSoFar >= args.maxAttempts) return undefined;
  const wait = Math.max(0, Math.min(args.proposedMs, args.maxDelayMs));
  if (args.waitedMs + wait > args.budgetMs) return undefined;
  return wait;
}
