// The adaptive concurrency limit on its own (a fake clock, no network), the longer retry budget of
// background jobs, and /Me on a workspace where entitlements make it slow.
import assert from 'node:assert/strict';
import { AdaptiveLimit, type Slot } from '../../src/core/http/adaptiveLimit';
import { RateLimiter } from '../../src/core/http/rateLimit';
import { forEachTest } from './support/lifecycle';
import { SCIM_BASE, startHarness, type ScimHarness } from './support/builders';

function limiter(max = 8, growAfter = 2): { limit: AdaptiveLimit; clock: { t: number } } {
  const clock = { t: 0 };
  return { limit: new AdaptiveLimit({ max, start: 3, growAfter, ceilingMemoryMs: 60_000, now: () => clock.t }), clock };
}

async function hold(limit: AdaptiveLimit, n: number): Promise<Slot[]> {
  return Promise.all(Array.from({ length: n }, () => limit.acquire()));
}

describe('http: adaptive concurrency limit', () => {
  it('starts at 3 and admits no more until one is released', async () => {
    const { limit } = limiter();
    const slots = await hold(limit, 3);
    let fourth = false;
    const next = limit.acquire().then((s) => ((fourth = true), s));
    await Promise.resolve();
    assert.equal(fourth, false);
    slots[0]?.release();
    (await next).release();
    assert.equal(fourth, true);
  });

  it('halves on a refusal (never below 1), and one burst of refusals counts once', async () => {
    const { limit } = limiter();
    const slots = await hold(limit, 3);
    assert.deepEqual(limit.throttled(slots[2] as Slot), { from: 3, to: 1 });
    assert.equal(limit.throttled(slots[1] as Slot), undefined, 'sent before the first refusal was heard');
    for (const s of slots) s.release();
    const again = await limit.acquire();
    assert.deepEqual(limit.throttled(again), { from: 1, to: 1 });
  });

  it('grows by one after a run of clean answers with the limit full, up to the configured maximum', async () => {
    const { limit } = limiter(4, 2);
    for (let round = 0; round < 6; round++) {
      const slots = await hold(limit, limit.limit);
      for (const s of slots) {
        limit.succeeded(s);
        s.release();
      }
    }
    assert.equal(limit.limit, 4);
    // One request at a time says nothing about whether the host takes more.
    const { limit: idle } = limiter(8, 2);
    for (let i = 0; i < 10; i++) {
      const s = await idle.acquire();
      idle.succeeded(s);
      s.release();
    }
    assert.equal(idle.limit, 3);
  });

  it('never grows back past the level the host refused, until that is long ago', async () => {
    const { limit, clock } = limiter(8, 1);
    const grow = async (): Promise<void> => {
      for (let round = 0; round < 10; round++) {
        const slots = await hold(limit, limit.limit);
        for (const s of slots) {
          limit.succeeded(s);
          s.release();
        }
      }
    };
    await grow();
    assert.equal(limit.limit, 8);
    // Refused with 6 in flight: the host takes at most 5.
    const slots = await hold(limit, 6);
    limit.throttled(slots[5] as Slot);
    for (const s of slots) s.release();
    assert.equal(limit.limit, 4);
    await grow();
    assert.equal(limit.limit, 5);
    clock.t += 61_000;
    await grow();
    assert.equal(limit.limit, 8, 'a ceiling learned long ago is forgotten');
  });
});

describe('http: GET bucket', () => {
  it('a burst, then the steady rate; a pause the server asked for holds every GET', () => {
    let t = 0;
    const bucket = new RateLimiter(4, 10, () => t);
    const waits = Array.from({ length: 12 }, () => bucket.reserve());
    assert.deepEqual(waits.slice(0, 10), Array(10).fill(0));
    assert.deepEqual(waits.slice(10), [250, 500]);
    t = 10_000;
    bucket.holdFor(3000);
    assert.ok(bucket.reserve() >= 3000);
  });
});

describe('scim: background jobs and /Me', () => {
  let h: ScimHarness;
  forEachTest(
    () =>
      startHarness({
        dataset: 'demo',
        knobs: { slowMeMs: 1500 },
        retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, budgetMs: 60_000 },
      }),
    (started) => (h = started),
  );

  it('a background client waits out more refusals than a click does, with the same filters record', async () => {
    h.emulator.injectFaults({
      kind: 'status',
      status: 503,
      match: { path: `${SCIM_BASE}/Users` },
      times: 3,
      retryAfter: '0',
    });
    await assert.rejects(h.scim.listPage('user'), /503|unavailable/i);
    assert.equal(h.scimRequests('/Users', 'GET').length, 3);
    h.emulator.clearLog();
    h.emulator.injectFaults({
      kind: 'status',
      status: 503,
      match: { path: `${SCIM_BASE}/Users` },
      times: 4,
      retryAfter: '0',
    });
    const background = h.scim.background();
    assert.equal(background.filterSupport, h.scim.filterSupport);
    const page = await background.listPage('user');
    assert.ok(page.items.length > 0);
    assert.equal(h.scimRequests('/Users', 'GET').length, 5);
  });

  it('/Me asks for id and names only, so a workspace that is slow with entitlements answers at once', async () => {
    const started = performance.now();
    const me = await h.scim.me();
    assert.equal(me.userName, 'admin@contoso.com');
    assert.ok(performance.now() - started < 1000, 'not held up by the permission scan');
    assert.equal(h.scimRequests('/Me', 'GET')[0]?.query['attributes'], 'id,userName,displayName');
  });
});
