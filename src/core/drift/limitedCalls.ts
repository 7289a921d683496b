// Calls the drift plans make many of: bounded in number, cancelled by one signal.

import { ConcurrencyLimiter } from '../http/concurrency';

export function signalOf(opts: { signal?: AbortSignal }): { signal?: AbortSignal } {
  return opts.signal ? { signal: opts.signal } : {};
}

/** `items.map(work)` with at most `limit` running; results in input order; the first failure rejects. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal | undefined,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const limiter = new ConcurrencyLimiter(limit);
  return Promise.all(
    items.map(async (item) => {
      const release = await limiter.acquire(signal);
      try {
        return await work(item);
      } finally {
        release();
      }
    }),
  );
}
