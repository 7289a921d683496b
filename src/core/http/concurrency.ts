// Client-side cap on requests in flight. Databricks throttles per workspace; sending 50 page
// requests at once only buys 429s, so we queue in the client, first come first served.

import { WaitQueue } from './waitQueue';

export type ReleaseSlot = () => void;

export class ConcurrencyLimiter {
  private activeCount = 0;
  private readonly waiters = new WaitQueue<ReleaseSlot>();

  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError(`maxConcurrency must be at least 1, got ${limit}`);
  }

  get active(): number {
    return this.activeCount;
  }

  get queued(): number {
    return this.waiters.length;
  }

  /**
   * Resolves with a release function once a slot is free. Rejects with `makeAbortError()` if the
   * signal fires while queued; the queue position is given up, nobody else is delayed.
   */
  acquire(signal?: AbortSignal, makeAbortError: () => Error = () => new Error('aborted')): Promise<ReleaseSlot> {
    if (signal?.aborted) return Promise.reject(makeAbortError());
    if (this.activeCount < this.limit) {
      this.activeCount++;
      return Promise.resolve(this.releaser());
    }
    return this.waiters.wait(signal, makeAbortError);
  }

  private releaser(): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Hand the slot straight over, so a newcomer cannot overtake the queue.
      if (!this.waiters.grantNext(() => this.releaser())) this.activeCount--;
    };
  }
}
