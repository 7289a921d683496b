// The transport's defaults, and how partial options are laid over them.

import type { RetryOptions, TimeoutOptions } from './types';

export const DEFAULT_RETRY: Readonly<Required<RetryOptions>> = {
  maxAttempts: 6,
  baseDelayMs: 250,
  maxDelayMs: 20_000,
  budgetMs: 60_000,
  jitter: 'equal',
};
/**
 * For jobs nobody is waiting on (the drift schedule, a reconcile): a workspace busy with other
 * clients may refuse for minutes, and giving up then costs the whole run, not one click.
 */
export const BACKGROUND_RETRY: Readonly<Partial<RetryOptions>> = {
  maxAttempts: 12,
  maxDelayMs: 60_000,
  budgetMs: 10 * 60_000,
};
/**
 * `deadlineMs` bounds one attempt from dispatch to the last body byte: the gap timers alone let a
 * server that drips a byte every few seconds hold a request open forever. Two minutes is far
 * past any real SCIM or Graph page (500 users ≈ 75 KB) and still ends a stuck CLI run.
 */
export const DEFAULT_TIMEOUTS: Readonly<TimeoutOptions> = {
  connectMs: 10_000,
  headersMs: 30_000,
  bodyMs: 30_000,
  deadlineMs: 120_000,
};
export const DEFAULT_MAX_CONCURRENCY = 8;
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
export const DEFAULT_USER_AGENT = 'databricks-scim-explorer';

/** Drops keys whose value is undefined, so `{ maxAttempts: undefined }` keeps the default. */
export function definedOnly<T extends object>(partial: T): Partial<T> {
  return Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) as Partial<T>;
}
