// A token made just now with a lifetime of N days is N days away, in words and in the number the
// tree and the warnings use, for every lifetime offered and for the moments that pass between its
// creation and the look (the answer's way back, a dialog, a clock apart from the server's).
import { strict as assert } from 'node:assert';
import { daysUntilExpiry, describeExpiry } from '../../src/core/tokens/expiry';

const DAY = 86_400_000;
const now = new Date('2026-11-30T06:00:00Z');

describe('expiry of a token made just now', () => {
  for (const days of [1, 30, 60, 90, 180, 365]) {
    for (const elapsedMs of [0, 1, 1000, 5 * 60_000, 59 * 60_000]) {
      it(`${days} days, looked at ${elapsedMs} ms after creation`, () => {
        const token = { expiryTime: new Date(now.getTime() - elapsedMs + days * DAY) };
        const plural = days === 1 ? 'day' : 'days';
        assert.equal(describeExpiry(token, now), `expires in ${days} ${plural}`);
        assert.equal(daysUntilExpiry(token, now), days);
      });
    }
  }

  it('a whole day less still counts down: 89 days and a half hour is 89', () => {
    const token = { expiryTime: new Date(now.getTime() + 89 * DAY + 30 * 60_000) };
    assert.equal(describeExpiry(token, now), 'expires in 89 days');
    assert.equal(daysUntilExpiry(token, now), 89);
  });
});
