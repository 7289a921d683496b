// Offset paging over a SCIM list, fast and safe under concurrent change.
//
// Cost is round trips, so once the first page reports `totalResults` the remaining
// pages are requested in parallel (a sliding window of `concurrency` requests). Pages are yielded
// strictly in startIndex order: a "Load more" UI and a CLI table then see a stable order, and
// the window bounds memory to `concurrency` pages.
//
// Offset paging is not a snapshot. If the data changes while we page, later pages report a
// different `totalResults`. A deletion before our position shifts items left, so an item could
// slip into a range we already read and be missed; an insertion shifts items right, so an item
// could be read twice. On a changed total we therefore stop the fan-out, step back by at least
// one page (more if the total moved by more), and continue one page at a time until an empty
// page. Re-read items are dropped by id, so nothing is yielded twice. A delete and an insert
// that cancel out leave the total unchanged and cannot be seen; that limitation is inherent to
// offset paging and documented in README.md.
//
// A server is not trusted to end a listing: start indexes are generated as needed (a claimed
// total of 4e9 once became an array that ran the process out of memory), a listing stops with
// an error past `maxPages`, and a page that repeats the previous page's ids on a later start
// index means the server ignores startIndex (one such server got 60,000 requests in 20 s).

import { setMaxListeners } from 'node:events';
import type { ScimPage } from './types';

export type PageFetcher<T> = (startIndex: number, count: number, signal: AbortSignal) => Promise<ScimPage<T>>;

export interface PagingOptions<T> {
  pageSize: number;
  concurrency: number;
  idOf: (item: T) => string;
  signal?: AbortSignal;
  /** Step-backs allowed after changes; past it paging just moves on (dedupe still holds). */
  maxRewinds?: number;
  /** Most requests one listing may make; default DEFAULT_MAX_PAGES. */
  maxPages?: number;
  /** Builds the error for an answer paging cannot go on with; a plain Error when absent. */
  fail?: (detail: string) => Error;
}

/** 10,000 pages: 5 million principals at the default page size, far past any workspace. */
export const DEFAULT_MAX_PAGES = 10_000;

interface Settled<T> {
  page?: ScimPage<T>;
  error?: unknown;
}

/**
 * Yields pages in order; each page's `items` hold only ids not yielded before. The first page is
 * always yielded (possibly empty, so a caller can show "no results"); later pages only when they
 * bring something new.
 */
export async function* pageThrough<T>(fetchPage: PageFetcher<T>, opts: PagingOptions<T>): AsyncGenerator<ScimPage<T>> {
  const pageSize = Math.max(1, Math.floor(opts.pageSize));
  const concurrency = Math.max(1, Math.floor(opts.concurrency));
  const maxRewinds = opts.maxRewinds ?? 10;
  const maxPages = Math.max(1, Math.floor(opts.maxPages ?? DEFAULT_MAX_PAGES));
  const fail = opts.fail ?? ((detail: string) => new Error(detail));
  const seen = new Set<string>();
  let requests = 0;
  const fetchCounted = async (start: number, count: number): Promise<ScimPage<T>> => {
    if (++requests > maxPages) throw fail(`the listing goes on for more than ${maxPages} pages`);
    return fetchPage(start, count, controller.signal);
  };
  /** The same ids as the page before it, read at a later start index, with an unchanged total. */
  const repeats = (page: ScimPage<T>, previous: ScimPage<T> | undefined): boolean => {
    if (!previous || page.startIndex <= previous.startIndex || page.items.length === 0) return false;
    if (page.totalResults !== previous.totalResults || page.items.length !== previous.items.length) return false;
    const before = previous.items.map(opts.idOf);
    return page.items.every((item, i) => opts.idOf(item) === before[i]);
  };
  const repeatError = (page: ScimPage<T>): Error =>
    fail(`the page at startIndex ${page.startIndex} repeats the previous page: the server ignores startIndex`);
  // Our own controller, so pages in flight can be dropped when the fan-out stops or the caller
  // breaks out of the loop, while a caller's signal still cancels everything.
  const controller = new AbortController();
  // Every page in the window listens on it in several places (host slot, waits, the socket):
  // past Node's default of 10 listeners that is expected here, not a leak worth a warning.
  setMaxListeners(Math.max(10, concurrency * 8), controller.signal);
  const onOuterAbort = (): void => controller.abort(opts.signal?.reason);
  if (opts.signal?.aborted) controller.abort(opts.signal.reason);
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });

  const fresh = (page: ScimPage<T>): ScimPage<T> => {
    const items: T[] = [];
    for (const item of page.items) {
      const id = opts.idOf(item);
      if (seen.has(id)) continue;
      seen.add(id);
      items.push(item);
    }
    return { ...page, items };
  };

  try {
    const first = await fetchCounted(1, pageSize);
    yield fresh(first);
    if (first.returned === 0) return;
    const total = first.totalResults;
    // A server that clamps `count` returns fewer than asked on a full page: its clamp is the stride.
    const stride = first.returned;
    let next = 1 + first.returned;
    if (total === undefined) {
      yield* sequential(next, undefined, first);
      return;
    }
    if (next > total) return;
    if (Math.ceil((total - first.returned) / stride) + 1 > maxPages) {
      throw fail(`the server reports ${total} results, more than ${maxPages} pages of ${stride}`);
    }

    // Parallel phase over the ranges the first page's total promises, start indexes made as needed.
    let nextStart = next;
    let previous: ScimPage<T> = first;
    const window: { start: number; result: Promise<Settled<T>> }[] = [];
    const launch = (): void => {
      if (nextStart > total) return;
      const start = nextStart;
      nextStart += stride;
      // Settled results, so an abandoned request can never become an unhandled rejection.
      const result = fetchCounted(start, stride).then(
        (page): Settled<T> => ({ page }),
        (error: unknown): Settled<T> => ({ error }),
      );
      window.push({ start, result });
    };
    for (let i = 0; i < concurrency; i++) launch();

    while (window.length > 0) {
      const head = window.shift();
      if (head === undefined) break;
      const settled = await head.result;
      if (settled.error !== undefined || settled.page === undefined) throw settled.error;
      const page = settled.page;
      if (page.totalResults !== total) {
        // The data changed between the first page and this one: see the header comment.
        abandon(window);
        yield fresh(page);
        const moved = page.totalResults === undefined ? 0 : Math.abs(page.totalResults - total);
        yield* sequential(Math.max(1, head.start - Math.max(stride, moved)), page.totalResults, undefined);
        return;
      }
      if (repeats(page, previous)) throw repeatError(page);
      previous = page;
      const out = fresh(page);
      if (out.items.length > 0) yield out;
      next = head.start + page.returned;
      if (page.returned < stride && next <= total) {
        // A short page before the end with an unchanged total: the server clamps lower than on
        // the first page. Continue from exactly where this page ended, one page at a time.
        abandon(window);
        yield* sequential(next, total, page);
        return;
      }
      launch();
    }
  } finally {
    opts.signal?.removeEventListener('abort', onOuterAbort);
    // Whatever is still in flight (caller stopped early, or an error) is not wanted any more.
    controller.abort();
  }

  function abandon(window: { start: number; result: Promise<Settled<T>> }[]): void {
    window.length = 0;
    // Aborting the shared controller would also cancel our next request, so in-flight pages are
    // left to finish (their results are settled and ignored) rather than aborted.
  }

  async function* sequential(
    from: number,
    knownTotal: number | undefined,
    before: ScimPage<T> | undefined,
  ): AsyncGenerator<ScimPage<T>> {
    let start = from;
    let total = knownTotal;
    let rewinds = 0;
    let previous = before;
    for (;;) {
      const page = await fetchCounted(start, pageSize);
      if (page.returned === 0) return;
      if (repeats(page, previous)) throw repeatError(page);
      previous = page;
      const out = fresh(page);
      if (out.items.length > 0) yield out;
      if (
        total !== undefined &&
        page.totalResults !== undefined &&
        page.totalResults !== total &&
        rewinds < maxRewinds
      ) {
        // Changed again while going one by one: the same step back, bounded so that constant
        // churn cannot keep us paging forever.
        rewinds++;
        const moved = Math.abs(page.totalResults - total);
        total = page.totalResults;
        start = Math.max(1, start - Math.max(pageSize, moved));
        continue;
      }
      if (page.totalResults !== undefined) total = page.totalResults;
      start += page.returned;
    }
  }
}

/** Drains every page into one array: SCIM listings and Graph listings alike (both pages hold `items`). */
export async function collectAll<T>(pages: AsyncIterable<{ readonly items: readonly T[] }>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page.items);
  return out;
}
