// Exponential backoff with jitter, for retries where the server did not say how long to wait.
// Without jitter, every client throttled at the same moment retries at the same moment.

export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  jitter?: 'full' | 'equal';
}

/**
 * Wait before retry number `retry` (1 = the first retry): a step of base · 2^(retry-1), capped at
 * maxDelayMs, then randomised. 'equal' keeps at least half the step, so waits still grow;
 * 'full' may go down to zero and spreads clients furthest apart.
 */
export function backoffDelayMs(retry: number, opts: BackoffOptions, random: () => number = Math.random): number {
  const exponent = Math.max(0, retry - 1);
  const step = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  const delay = (opts.jitter ?? 'equal') === 'full' ? step * r : step / 2 + (step / 2) * r;
  return Math.round(delay);
}
