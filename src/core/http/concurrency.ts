// Client-side cap on requests in flight. Databricks throttles per workspace; sending 50 page
// requests at once only buys 429s, so we queue in the client, first come first served.

export type ReleaseSlot = () => void;

interface Waiter {
  grant: (release: ReleaseSlot) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export class ConcurrencyLimiter {
  private activeCount = 0;
  private readonly waiters: Waiter[] = [];

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
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const waiter: Waiter = { grant: resolve };
      if (signal) {
        waiter.signal = signal;
        waiter.onAbort = () => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          reject(makeAbortError());
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiters.push(waiter);
    });
  }

  private releaser(): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) {
        // Hand the slot straight over, so a newcomer cannot overtake the queue.
        if (next.signal && next.onAbort) next.signal.removeEventListener('abort', next.onAbort);
        next.grant(this.releaser());
      } else {
        this.activeCount--;
      }
    };
  }
}
