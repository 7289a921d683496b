import { strict as assert } from 'node:assert';
import { backoffDelayMs } from '../../src/core/http/backoff';
import { HttpTransportError } from '../../src/core/http/errors';
import {
  isIdempotentByDefault,
  isRetriableFailure,
  isRetriableStatus,
  nextWaitMs,
} from '../../src/core/http/retryPolicy';

describe('http: backoffDelayMs', () => {
  const opts = { baseDelayMs: 250, maxDelayMs: 20_000 };

  it('doubles the step per retry (equal jitter by default keeps at least half)', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => backoffDelayMs(n, opts, () => 0)),
      [125, 250, 500, 1000],
    );
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => backoffDelayMs(n, opts, () => 1)),
      [250, 500, 1000, 2000],
    );
  });

  it('full jitter ranges from zero to the step', () => {
    const full = { ...opts, jitter: 'full' as const };
    assert.equal(
      backoffDelayMs(3, full, () => 0),
      0,
    );
    assert.equal(
      backoffDelayMs(3, full, () => 0.5),
      500,
    );
    assert.equal(
      backoffDelayMs(3, full, () => 1),
      1000,
    );
  });

  it('caps the step at maxDelayMs, even for very high retry numbers', () => {
    assert.equal(
      backoffDelayMs(10, opts, () => 1),
      20_000,
    );
    assert.equal(
      backoffDelayMs(5000, opts, () => 1),
      20_000,
    );
    assert.equal(
      backoffDelayMs(5000, opts, () => 0),
      10_000,
    );
  });

  it('stays within bounds with the real random source', () => {
    for (let i = 0; i < 200; i++) {
      const d = backoffDelayMs(3, opts);
      assert.ok(d >= 500 && d <= 1000, String(d));
    }
  });
});

describe('http: retry policy', () => {
  it('GET, PUT and DELETE are idempotent by default; POST and PATCH are not', () => {
    assert.deepEqual((['GET', 'PUT', 'DELETE', 'POST', 'PATCH'] as const).map(isIdempotentByDefault), [
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('retries 429 and 503 always, 502 and 504 only when idempotent, nothing else', () => {
    for (const idempotent of [true, false]) {
      assert.equal(isRetriableStatus(429, idempotent), true);
      assert.equal(isRetriableStatus(503, idempotent), true);
      assert.equal(isRetriableStatus(502, idempotent), idempotent);
      assert.equal(isRetriableStatus(504, idempotent), idempotent);
      for (const status of [200, 400, 401, 403, 404, 409, 500, 501])
        assert.equal(isRetriableStatus(status, idempotent), false);
    }
  });

  it('retries failures before sending always, after sending only when idempotent, aborts never', () => {
    const reset = new HttpTransportError('connection', 'reset');
    assert.equal(isRetriableFailure(reset, 'before-send', false), true);
    assert.equal(isRetriableFailure(reset, 'after-send', true), true);
    assert.equal(isRetriableFailure(reset, 'after-send', false), false);
    assert.equal(isRetriableFailure(reset, 'never', true), false);
    assert.equal(isRetriableFailure(new HttpTransportError('aborted', 'x'), 'before-send', true), false);
  });

  it('stops at maxAttempts and when the next wait would exceed the budget', () => {
    const base = { maxAttempts: 4, waitedMs: 0, budgetMs: 60_000, proposedMs: 1000, maxDelayMs: 20_000 };
    assert.equal(nextWaitMs({ ...base, attemptsSoFar: 3 }), 1000);
    assert.equal(nextWaitMs({ ...base, attemptsSoFar: 4 }), undefined);
    assert.equal(nextWaitMs({ ...base, attemptsSoFar: 1, proposedMs: 90_000 }), 20_000);
    assert.equal(nextWaitMs({ ...base, attemptsSoFar: 1, waitedMs: 40_000, proposedMs: 20_000 }), 20_000);
    assert.equal(nextWaitMs({ ...base, attemptsSoFar: 1, waitedMs: 40_001, proposedMs: 20_000 }), undefined);
  });
});
