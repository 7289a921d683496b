// Cancellation helpers. Every wait in the client is raced against the caller's signal here, so a
// cancel is prompt even if a replacement sleep function ignores its signal.

/** Default `sleep`: a real timer that stops early (rejecting with the abort reason) when the signal fires. */
export function timerSleep(ms: number, signal?: AbortSignal): Promise<void> {
  const reason = (): Error => (signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(reason());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(reason());
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Settles like `work`, unless `signal` fires first: then rejects with `makeError()` at once.
 * A rejection of `work` caused by the abort is reported as `makeError()` too.
 */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal | undefined, makeError: () => Error): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(makeError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(makeError());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(signal.aborted ? makeError() : error);
      },
    );
  });
}
