// Client-side rate limit as a token bucket that hands out reservations: each caller takes a
// token now (possibly going into debt) and is told how long to wait. Because the wait is
// computed up front, it can go through the client's replaceable `sleep`, and tests can read
// the schedule instead of sleeping through it.

export class RateLimiter {
  private tokens: number;
  private last: number;

  /**
   * @param ratePerSecond sustained rate
   * @param burst bucket size: how many requests may go at once after a quiet spell
   * @param now monotonic clock in ms
   */
  constructor(
    readonly ratePerSecond: number,
    readonly burst: number = Math.max(1, Math.floor(ratePerSecond)),
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError(`ratePerSecond must be positive, got ${ratePerSecond}`);
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one token and returns how many ms the caller must wait before sending. */
  reserve(): number {
    this.refill();
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / this.ratePerSecond);
  }

  /** Nobody gets a token for `ms` (the server asked for a pause); debts already taken still count. */
  holdFor(ms: number): void {
    this.refill();
    this.tokens = Math.min(this.tokens, (-ms * this.ratePerSecond) / 1000);
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) * this.ratePerSecond) / 1000);
    this.last = t;
  }
}
