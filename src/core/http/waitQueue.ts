// A first-come-first-served queue of callers waiting for a slot, shared by the fixed and the
// adaptive concurrency limits. A caller whose signal fires gives up its place without delaying
// anyone behind it.

export class WaitQueue<T> {
  private readonly waiters: Array<{ grant: (value: T) => void; signal?: AbortSignal; onAbort?: () => void }> = [];

  get length(): number {
    return this.waiters.length;
  }

  /** Resolves with what `grantNext` hands over; rejects with `makeAbortError()` when the signal fires first. */
  wait(signal: AbortSignal | undefined, makeAbortError: () => Error): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: { grant: (value: T) => void; signal?: AbortSignal; onAbort?: () => void } = { grant: resolve };
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

  /** Hands `make()` to the longest waiter; false when nobody waits (`make` is not called then). */
  grantNext(make: () => T): boolean {
    const next = this.waiters.shift();
    if (!next) return false;
    if (next.signal && next.onAbort) next.signal.removeEventListener('abort', next.onAbort);
    next.grant(make());
    return true;
  }
}
