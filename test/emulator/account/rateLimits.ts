// The account API's documented request limits, per caller-independent class of request: single
// reads, list reads, PATCH, and other writes. Sliding windows like the workspace GET limit; an
// excess request is refused with 429 and a Retry-After before it is handled.

import type { Reply } from '../context';

export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

export interface AccountRateLimits {
  readonly get: RateLimit;
  readonly list: RateLimit;
  readonly patch: RateLimit;
  readonly write: RateLimit;
}

export const ACCOUNT_RATE_LIMITS: AccountRateLimits = Object.freeze({
  get: Object.freeze({ limit: 20, windowMs: 1000 }),
  list: Object.freeze({ limit: 240, windowMs: 60_000 }),
  patch: Object.freeze({ limit: 2, windowMs: 1000 }),
  write: Object.freeze({ limit: 5, windowMs: 1000 }),
});

export type RateClass = keyof AccountRateLimits;

export class AccountRateLimiter {
  private readonly times: Record<RateClass, number[]> = { get: [], list: [], patch: [], write: [] };
  /** 429s answered so far. */
  refused = 0;

  /** undefined = admitted (and counted); otherwise the 429 to answer. */
  admit(limits: AccountRateLimits | null, cls: RateClass, now = Date.now()): Reply | undefined {
    if (!limits) return undefined;
    const { limit, windowMs } = limits[cls];
    const times = this.times[cls].filter((t) => t > now - windowMs);
    this.times[cls] = times;
    if (times.length >= limit) {
      this.refused++;
      const waitMs = (times[0] as number) + windowMs - now;
      return {
        status: 429,
        headers: { 'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))) },
        body: {
          error_code: 'REQUEST_LIMIT_EXCEEDED',
          message: `Account API rate limit exceeded (${limit} requests per ${windowMs / 1000} s for this kind of request).`,
        },
      };
    }
    times.push(now);
    return undefined;
  }
}

/** Which limit a request counts against. */
export function rateClassOf(method: string, isCollection: boolean): RateClass {
  if (method === 'GET') return isCollection ? 'list' : 'get';
  return method === 'PATCH' ? 'patch' : 'write';
}
