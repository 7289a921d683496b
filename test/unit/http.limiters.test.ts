import { strict as assert } from 'node:assert';
import { raceAbort, timerSleep } from '../../src/core/http/abort';
import { ConcurrencyLimiter } from '../../src/core/http/concurrency';
import { RateLimiter } from '../../src/core/http/rateLimit';

describe('http: ConcurrencyLimiter', () => {
  it('grants up to the limit at once and queues the rest first come, first served', async () => {
    const limiter = new ConcurrencyLimiter(2);
    const order: number[] = [];
    const a = await limiter.acquire();
    const b = await limiter.acquire();
    const waiting = [3, 4, 5].map((n) =>
      limiter.acquire().then((release) => {
        order.push(n);
        return release;
      }),
    );
    assert.equal(limiter.active, 2);
    assert.equal(limiter.queued, 3);
    a();
    a(); // releasing twice must not free a second slot
    const r3 = await waiting[0];
    assert.deepEqual(order, [3]);
    assert.equal(limiter.queued, 2);
    b();
    r3();
    await Promise.all(waiting.slice(1)).then((rs) => rs.forEach((r) => r()));
    assert.deepEqual(order, [3, 4, 5]);
    assert.equal(limiter.active, 0);
  });

  it('drops an aborted waiter from the queue without disturbing the others', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const held = await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal, () => new Error('cancelled'));
    const next = limiter.acquire();
    controller.abort();
    await assert.rejects(aborted, /cancelled/);
    assert.equal(limiter.queued, 1);
    held();
    (await next)();
    assert.equal(limiter.active, 0);
  });

  it('refuses at once when the signal is already aborted', async () => {
    const limiter = new ConcurrencyLimiter(1);
    await assert.rejects(
      limiter.acquire(AbortSignal.abort(), () => new Error('pre')),
      /pre/,
    );
    assert.equal(limiter.active, 0);
  });
});

describe('http: RateLimiter', () => {
  it('lets a burst through, then spaces requests at the rate', () => {
    let now = 0;
    const limiter = new RateLimiter(10, 10, () => now);
    const waits = Array.from({ length: 13 }, () => limiter.reserve());
    assert.deepEqual(waits, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100, 200, 300]);
    now = 1000; // a second later the debt is paid and 7 tokens are back
    const later = Array.from({ length: 8 }, () => limiter.reserve());
    assert.deepEqual(later, [0, 0, 0, 0, 0, 0, 0, 100]);
  });

  it('defaults the burst to the rate (at least one)', () => {
    const now = 0;
    assert.deepEqual(
      Array.from(
        { length: 3 },
        (
          (l) => () =>
            l.reserve()
        )(new RateLimiter(0.5, undefined, () => now)),
      ),
      [0, 2000, 4000],
    );
  });
});

describe('http: abort helpers', () => {
  it('timerSleep waits, and stops early when aborted', async () => {
    const t0 = performance.now();
    await timerSleep(20);
    assert.ok(performance.now() - t0 >= 15);
    const controller = new AbortController();
    const sleeping = timerSleep(10_000, controller.signal);
    setTimeout(() => controller.abort(), 5);
    const t1 = performance.now();
    await assert.rejects(sleeping);
    assert.ok(performance.now() - t1 < 1000);
  });

  it('raceAbort rejects with the given error as soon as the signal fires, even if the work never settles', async () => {
    const controller = new AbortController();
    const never = new Promise<void>(() => undefined);
    const raced = raceAbort(never, controller.signal, () => new Error('stop'));
    controller.abort();
    await assert.rejects(raced, /stop/);
    assert.equal(await raceAbort(Promise.resolve(7), new AbortController().signal, () => new Error('x')), 7);
  });
});
