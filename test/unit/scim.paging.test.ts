// The pager in isolation: a scripted in-memory list stands in for the server, so page timing and
// data changes between pages are exact. The same behaviour over HTTP is in scim.list.test.ts.

import { strict as assert } from 'node:assert';
import { collectAll, pageThrough, type PageFetcher } from '../../src/core/scim/paging';
import type { ScimPage } from '../../src/core/scim/types';

interface Item {
  id: string;
}

/** A server over `data` that clamps `count` to `cap` and counts concurrent requests. */
class FakeList {
  data: Item[];
  cap: number;
  inFlight = 0;
  peak = 0;
  calls: { startIndex: number; count: number }[] = [];
  /** Runs before answering request number n (1-based), e.g. to change the data. */
  before = new Map<number, () => void>();
  omitTotal = false;

  constructor(n: number, cap = Infinity) {
    this.data = Array.from({ length: n }, (_, i) => ({ id: `u${i + 1}` }));
    this.cap = cap;
  }

  fetch: PageFetcher<Item> = async (startIndex, count) => {
    this.calls.push({ startIndex, count });
    const n = this.calls.length;
    this.inFlight++;
    this.peak = Math.max(this.peak, this.inFlight);
    await new Promise((r) => setTimeout(r, 2));
    this.before.get(n)?.();
    this.inFlight--;
    const items = this.data.slice(startIndex - 1, startIndex - 1 + Math.min(count, this.cap));
    const page: ScimPage<Item> = {
      items,
      startIndex,
      totalResults: this.omitTotal ? undefined : this.data.length,
      returned: items.length,
    };
    return page;
  };
}

const ids = (items: Item[]): string[] => items.map((i) => i.id);
const range = (a: number, b: number): string[] => Array.from({ length: b - a + 1 }, (_, i) => `u${a + i}`);

describe('scim paging (scripted server)', () => {
  it('fetches the pages after the first in parallel, bounded, and yields them in order', async () => {
    const list = new FakeList(95);
    const pages: number[] = [];
    const items: Item[] = [];
    for await (const page of pageThrough(list.fetch, { pageSize: 10, concurrency: 4, idOf: (i) => i.id })) {
      pages.push(page.startIndex);
      items.push(...page.items);
    }
    assert.deepEqual(ids(items), range(1, 95));
    assert.deepEqual(pages, [1, 11, 21, 31, 41, 51, 61, 71, 81, 91]);
    assert.equal(list.peak, 4, 'four requests in flight at the peak, never more');
    assert.equal(list.calls.length, 10, 'no extra request past totalResults');
  });

  it('follows a server that clamps count below the page size', async () => {
    const list = new FakeList(50, 7);
    const items = await collectAll(pageThrough(list.fetch, { pageSize: 20, concurrency: 3, idOf: (i) => i.id }));
    assert.deepEqual(ids(items), range(1, 50));
    assert.ok(
      list.calls.slice(1).every((c) => c.count === 7),
      'later pages ask for the clamp',
    );
  });

  it('continues one page at a time when a later page comes back short', async () => {
    const list = new FakeList(40);
    // The clamp drops from 10 to 4 after the first page, with the total unchanged.
    list.before.set(2, () => (list.cap = 4));
    const items = await collectAll(pageThrough(list.fetch, { pageSize: 10, concurrency: 1, idOf: (i) => i.id }));
    assert.deepEqual(ids(items), range(1, 40));
  });

  it('loses nothing and repeats nothing when items before our position are deleted mid-listing', async () => {
    const list = new FakeList(60);
    // While page 3 is being served, u2..u6 (already read) are deleted: everything shifts left by 5.
    list.before.set(3, () => (list.data = list.data.filter((i) => !['u2', 'u3', 'u4', 'u5', 'u6'].includes(i.id))));
    const items = await collectAll(pageThrough(list.fetch, { pageSize: 10, concurrency: 2, idOf: (i) => i.id }));
    const got = ids(items);
    assert.equal(new Set(got).size, got.length, 'no duplicates');
    for (const id of range(7, 60)) assert.ok(got.includes(id), `${id} existed throughout and was missed`);
  });

  it('loses nothing and repeats nothing when items are inserted at the front mid-listing', async () => {
    const list = new FakeList(60);
    list.before.set(4, () => (list.data = [...range(100, 112).map((id) => ({ id })), ...list.data]));
    const items = await collectAll(pageThrough(list.fetch, { pageSize: 10, concurrency: 3, idOf: (i) => i.id }));
    const got = ids(items);
    assert.equal(new Set(got).size, got.length, 'no duplicates');
    for (const id of range(1, 60)) assert.ok(got.includes(id), `${id} existed throughout and was missed`);
  });

  it('handles a delete burst larger than a page', async () => {
    const list = new FakeList(100);
    list.before.set(
      5,
      () => (list.data = list.data.filter((i) => Number(i.id.slice(1)) > 25 || Number(i.id.slice(1)) <= 2)),
    );
    const items = await collectAll(pageThrough(list.fetch, { pageSize: 10, concurrency: 4, idOf: (i) => i.id }));
    const got = ids(items);
    assert.equal(new Set(got).size, got.length);
    for (const id of range(26, 100)) assert.ok(got.includes(id), `${id} missed`);
  });

  it('pages sequentially until an empty page when the server sends no totalResults', async () => {
    const list = new FakeList(23);
    list.omitTotal = true;
    const items = await collectAll(pageThrough(list.fetch, { pageSize: 10, concurrency: 4, idOf: (i) => i.id }));
    assert.deepEqual(ids(items), range(1, 23));
    assert.deepEqual(
      list.calls.map((c) => c.startIndex),
      [1, 11, 21, 24],
    );
    assert.equal(list.peak, 1);
  });

  it('yields the first page even when empty, and stops', async () => {
    const list = new FakeList(0);
    const pages = [];
    for await (const p of pageThrough(list.fetch, { pageSize: 10, concurrency: 4, idOf: (i) => i.id })) pages.push(p);
    assert.equal(pages.length, 1);
    assert.equal(pages[0]?.items.length, 0);
    assert.equal(list.calls.length, 1);
  });

  it('aborts pages in flight when the caller stops early', async () => {
    const signals: AbortSignal[] = [];
    const fetch: PageFetcher<Item> = (startIndex, _count, signal) => {
      signals.push(signal);
      return new Promise((resolve, reject) => {
        const t = setTimeout(
          () => resolve({ items: [{ id: `x${startIndex}` }], startIndex, totalResults: 100, returned: 1 }),
          5,
        );
        signal.addEventListener('abort', () => {
          clearTimeout(t);
          reject(new Error('aborted'));
        });
      });
    };
    for await (const page of pageThrough(fetch, { pageSize: 1, concurrency: 4, idOf: (i) => i.id })) {
      if (page.startIndex === 2) break;
    }
    assert.ok(signals.length >= 2);
    assert.ok(
      signals.every((s) => s.aborted),
      'every request signal is aborted once the loop is left',
    );
  });

  it('passes a caller abort through and rejects', async () => {
    const ac = new AbortController();
    const list = new FakeList(100);
    const fetch: PageFetcher<Item> = async (s, c, signal) => {
      if (s > 1) ac.abort(new Error('user cancelled'));
      if (signal.aborted) throw signal.reason;
      return list.fetch(s, c, signal);
    };
    await assert.rejects(
      collectAll(pageThrough(fetch, { pageSize: 10, concurrency: 2, idOf: (i) => i.id, signal: ac.signal })),
      /user cancelled/,
    );
  });
});
