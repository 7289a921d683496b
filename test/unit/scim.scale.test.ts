// The `scale` data set (100,000 users) listed end to end over HTTP with 30 ms of latency per
// request: every id exactly once, within the time budget thanks to parallel pages.

import { strict as assert } from 'node:assert';
import { DEFAULT_LISTING_PAGE_SIZE } from '../../src/core/scim/client';
import { SCALE } from '../emulator/index';
import { startHarness, type ScimHarness } from './support/builders';
import { forSuite } from './support/lifecycle';

describe('scim listing at scale', function () {
  this.timeout(90000);
  let h: ScimHarness;
  forSuite(
    () => startHarness({ dataset: 'scale', knobs: { latencyMs: 30 } }),
    (started) => (h = started),
  );

  it('lists all users of the scale data set: unique ids, in well under 30 s', async () => {
    const expected = h.emulator.state.users.length;
    assert.ok(expected >= SCALE.users, `the data set holds ${expected} users`);
    const started = Date.now();
    const ids = new Set<string>();
    let yielded = 0;
    for await (const page of h.scim.listAll('user')) {
      for (const u of page.items) ids.add(u.id);
      yielded += page.items.length;
    }
    const elapsed = Date.now() - started;
    assert.equal(yielded, expected, 'nothing yielded twice');
    assert.equal(ids.size, expected);
    const gets = h.scimRequests('/Users', 'GET');
    assert.equal(
      gets.length,
      Math.ceil(expected / DEFAULT_LISTING_PAGE_SIZE),
      'one request per page of 10,000, none wasted',
    );
    assert.ok(elapsed < 30_000, `listing took ${elapsed} ms`);
  });

  it('lists the 5,000 groups without members, and fetches the big group on its own', async () => {
    const started = Date.now();
    let count = 0;
    for await (const page of h.scim.listAll('group')) {
      count += page.items.length;
      assert.ok(page.items.every((g) => g.members === undefined));
    }
    assert.equal(count, h.emulator.state.groups.length);
    const big = h.emulator.state.groups.toArray().reduce((a, b) => (b.members.size > a.members.size ? b : a));
    const group = await h.scim.get('group', big.id);
    assert.equal(group.members?.length, big.members.size);
    assert.ok(Date.now() - started < 30_000);
  });
});
