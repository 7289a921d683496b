import { strict as assert } from 'node:assert';
import { parseRetryAfterMs, retryAfterSeconds } from '../../src/core/http/retryAfter';

describe('http: parseRetryAfterMs', () => {
  const now = Date.parse('Tue, 01 Dec 2026 10:00:00 GMT');

  it('reads integer seconds', () => {
    assert.equal(parseRetryAfterMs('3', now), 3000);
    assert.equal(parseRetryAfterMs(' 0 ', now), 0);
    assert.equal(parseRetryAfterMs('120', now), 120_000);
  });

  it('accepts a decimal number of seconds', () => {
    assert.equal(parseRetryAfterMs('1.5', now), 1500);
  });

  it('reads an HTTP date relative to now', () => {
    assert.equal(parseRetryAfterMs('Tue, 01 Dec 2026 10:00:07 GMT', now), 7000);
  });

  it('measures a date against the response Date header when present (clock skew)', () => {
    const serverDate = 'Tue, 01 Dec 2026 09:00:00 GMT';
    assert.equal(parseRetryAfterMs('Tue, 01 Dec 2026 09:00:04 GMT', now, serverDate), 4000);
  });

  it('falls back to now when the Date header is unreadable', () => {
    assert.equal(parseRetryAfterMs('Tue, 01 Dec 2026 10:00:02 GMT', now, 'garbage'), 2000);
  });

  it('treats a date in the past as no wait', () => {
    assert.equal(parseRetryAfterMs('Tue, 01 Dec 2026 09:59:00 GMT', now), 0);
  });

  it('returns undefined for absent or unreadable values', () => {
    assert.equal(parseRetryAfterMs(undefined, now), undefined);
    assert.equal(parseRetryAfterMs('', now), undefined);
    assert.equal(parseRetryAfterMs('-1', now), undefined);
    assert.equal(parseRetryAfterMs('soon', now), undefined);
    assert.equal(parseRetryAfterMs('1e3', now), undefined);
  });
});

describe('http: retryAfterSeconds (error messages)', () => {
  const now = Date.parse('Tue, 01 Dec 2026 10:00:00 GMT');

  it('reads the header like parseRetryAfterMs, rounded up to whole seconds', () => {
    assert.equal(retryAfterSeconds({ 'retry-after': '7' }, now), 7);
    assert.equal(retryAfterSeconds({ 'retry-after': '1.2' }, now), 2);
    assert.equal(retryAfterSeconds({ 'retry-after': 'Tue, 01 Dec 2026 10:00:04 GMT' }, now), 4);
  });

  it("measures a date against the response's Date header, and refuses what the parser refuses", () => {
    const headers = { 'retry-after': 'Tue, 01 Dec 2026 09:00:05 GMT', date: 'Tue, 01 Dec 2026 09:00:00 GMT' };
    assert.equal(retryAfterSeconds(headers, now), 5);
    assert.equal(retryAfterSeconds({}, now), undefined);
    assert.equal(retryAfterSeconds({ 'retry-after': '-1' }, now), undefined);
    assert.equal(retryAfterSeconds({ 'retry-after': '1e3' }, now), undefined);
  });
});
