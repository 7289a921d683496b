// Expiry arithmetic and wording.

import { strict as assert } from 'node:assert';
import { daysUntilExpiry, describeExpiry, isExpired, isExpiringSoon } from '../../src/core/tokens/expiry';
import { parseTokenInfo } from '../../src/core/tokens/types';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const now = new Date('2026-06-01T12:00:00Z');
const at = (ms: number): { expiryTime: Date | null } => ({ expiryTime: new Date(now.getTime() + ms) });
const never = { expiryTime: null };

describe('token expiry helpers', () => {
  it('counts whole days toward zero, null for never', () => {
    assert.equal(daysUntilExpiry(at(12.9 * DAY), now), 12);
    assert.equal(daysUntilExpiry(at(-3.2 * DAY), now), -3);
    assert.equal(daysUntilExpiry(at(-0.5 * DAY), now), 0);
    assert.ok(!Object.is(daysUntilExpiry(at(-0.5 * DAY), now), -0));
    assert.equal(daysUntilExpiry(never, now), null);
  });

  it('describes the expiry in words', () => {
    assert.equal(describeExpiry(at(12 * DAY + HOUR), now), 'expires in 12 days');
    assert.equal(describeExpiry(at(DAY + 1), now), 'expires in 1 day');
    assert.equal(describeExpiry(at(90 * DAY - 1000), now), 'expires in 90 days', 'a 90-day token made a second ago');
    assert.equal(describeExpiry(at(5 * HOUR + 10), now), 'expires in 5 hours');
    assert.equal(describeExpiry(at(HOUR), now), 'expires in 1 hour');
    assert.equal(describeExpiry(at(60_000), now), 'expires in less than an hour');
    assert.equal(describeExpiry(never, now), 'never expires');
    assert.equal(describeExpiry(at(-3 * DAY - HOUR), now), 'expired 3 days ago');
    assert.equal(describeExpiry(at(-2 * HOUR), now), 'expired 2 hours ago');
    assert.equal(describeExpiry(at(0), now), 'expired just now');
  });

  it('flags expired and soon-expiring tokens', () => {
    assert.equal(isExpired(at(-1), now), true);
    assert.equal(isExpired(at(0), now), true);
    assert.equal(isExpired(at(1), now), false);
    assert.equal(isExpired(never, now), false);
    assert.equal(isExpiringSoon(at(6 * DAY), 7, now), true);
    assert.equal(isExpiringSoon(at(8 * DAY), 7, now), false);
    assert.equal(isExpiringSoon(at(-DAY), 7, now), true, 'an expired token needs action too');
    assert.equal(isExpiringSoon(never, 7, now), false);
  });

  it('reads PublicTokenInfo with -1 as never', () => {
    const info = parseTokenInfo({ token_id: 'ab', creation_time: 1621287738473, expiry_time: -1, comment: 'c' });
    assert.deepEqual(info, { tokenId: 'ab', comment: 'c', creationTime: new Date(1621287738473), expiryTime: null });
    assert.equal(
      parseTokenInfo({ token_id: 'ab', creation_time: 1, expiry_time: 1621417338473 })?.expiryTime?.getTime(),
      1621417338473,
    );
    assert.equal(parseTokenInfo({ creation_time: 1 }), undefined);
  });
});
