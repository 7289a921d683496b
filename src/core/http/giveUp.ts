// The error a request ends with when a retriable condition outlived the attempts or the budget,
// and the word the log line uses for how a request ended.

import { HttpRetryError, HttpTransportError } from './errors';
import type { ExchangeResult } from './exchange';
import type { Redactor } from './redact';
import type { FailureRetry } from './retryPolicy';

export type AttemptOutcome =
  { response: ExchangeResult & { url: string } } | { failure: HttpTransportError; retry: FailureRetry };

export interface GiveUp {
  label: string;
  attempts: number;
  waitedMs: number;
  outcome: AttemptOutcome;
  /** Set when the server asked for a wait longer than the budget has left: said in the message. */
  retryAfterMs?: number;
  now?: number;
}

export function giveUpError(redactor: Redactor, g: GiveUp): HttpRetryError {
  const tries = `gave up after ${g.attempts} attempt${g.attempts === 1 ? '' : 's'} and ${g.waitedMs} ms of waiting`;
  const { outcome } = g;
  if ('failure' in outcome) {
    return new HttpRetryError(
      redactor.redact(`${g.label}: ${tries}; last error: ${outcome.failure.message}`),
      g.attempts,
      {
        error: outcome.failure,
      },
    );
  }
  const raw = outcome.response;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw.headers)) headers[name] = redactor.redact(value);
  const bodyText = redactor.redact(raw.bodyText);
  const snippet = bodyText.replace(/\s+/g, ' ').trim().slice(0, 300);
  const later = g.retryAfterMs === undefined ? '' : `; ${retryAfterWords(g.retryAfterMs, g.now ?? Date.now())}`;
  const message = `${g.label}: ${tries}; last response ${raw.status}${later}${snippet ? `: ${snippet}` : ''}`;
  return new HttpRetryError(redactor.redact(message), g.attempts, {
    response: { status: raw.status, headers, bodyText, url: raw.url, attempts: g.attempts },
  });
}

/** "the server asked to wait 300 s, more than the retry budget has left: retry after 12:05:00 UTC" */
export function retryAfterWords(ms: number, now: number): string {
  const at = new Date(now + ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  return `the server asked to wait ${Math.ceil(ms / 1000)} s, more than the retry budget has left: retry after ${at}`;
}

export function outcomeWord(error: unknown): string {
  if (error instanceof HttpTransportError) return error.kind;
  if (error instanceof HttpRetryError) {
    return `gave-up:${error.lastResponse?.status ?? error.lastError?.kind ?? 'unknown'}`;
  }
  return 'failed';
}
