// List calls of the ScimClient: one page, all pages, and the route taken when the workspace refuses
// a filter attribute (see filterSupport.ts). The fallback gives the same items the filter would
// have: a handful of ids are read one by one; anything else is one unfiltered listing, projected
// to the attributes needed, in the largest pages a workspace serves, matched here.

import { DatabricksError } from '../databricks/errors';
import { toFilterString, type FilterNode } from './filter';
import { filterAttributes, idsOnly, matches, parseFilter } from './filterParse';
import type { FilterSupport } from './filterSupport';
import { pageThrough } from './paging';
import { listQuery, positiveInt } from './query';
import { parseListResponse } from './parse';
import type { KindSpec } from './resources';
import type { SendOptions } from '../databricks/send';
import type { ListAllOptions, ListPageOptions, ListQuery, ScimPage } from './types';

/** Up to this many ids are read one GET each when `id eq` is refused; more cost one listing. */
export const MAX_ID_LOOKUPS = 20;
/** The page the SDKs ask for; a fallback listing wants as few requests as possible. */
export const FALLBACK_PAGE_SIZE = 10_000;

export interface ListingDeps {
  getJson(path: string, opts: SendOptions): Promise<unknown>;
  getOne<T>(
    spec: KindSpec<T>,
    id: string,
    opts: { attributes?: readonly string[]; signal?: AbortSignal | undefined },
  ): Promise<T>;
  shapeError(method: string, path: string, detail: string): Error;
  filters: FilterSupport;
  pageSize: number;
  /** Page size of whole listings (all()), where fewer requests matter more than a quick first page. */
  listingPageSize: number;
  concurrency: number;
  /** The most a page may ask for, whatever the caller or the fallback wants (the account API takes 100). */
  maxPageSize?: number;
}

export class Listings {
  constructor(private readonly deps: ListingDeps) {}

  async page<T extends { id: string }>(spec: KindSpec<T>, opts: ListPageOptions): Promise<ScimPage<T>> {
    const startIndex = positiveInt(opts.startIndex, 1, 'startIndex');
    const count = this.capped(positiveInt(opts.count, this.deps.pageSize, 'count'));
    const tree = treeOf(spec, opts);
    const probe = tree ? await this.deps.filters.begin(spec.kind, filterAttributes(tree)) : undefined;
    const fallback = opts.onRefusedFilter !== 'throw';
    if (tree && fallback && probe?.route === 'fallback') return this.fallbackPage(spec, tree, opts, startIndex, count);
    try {
      const query = { ...listQuery(spec, opts), startIndex, count };
      const body = await this.deps.getJson(`/${spec.path}`, {
        query,
        signal: opts.signal,
        what: `the ${spec.noun} list`,
        listing: true,
      });
      const page = this.listResponse(spec, body, startIndex);
      probe?.accepted();
      return page;
    } catch (err) {
      if (tree && probe?.refused(err) && fallback) return this.fallbackPage(spec, tree, opts, startIndex, count);
      throw err;
    } finally {
      probe?.release();
    }
  }

  all<T extends { id: string }>(spec: KindSpec<T>, opts: ListAllOptions): AsyncGenerator<ScimPage<T>> {
    // Checked now, so a bad attribute name or page size fails at the call, not at the first page.
    listQuery(spec, opts);
    positiveInt(opts.pageSize, this.deps.listingPageSize, 'pageSize');
    positiveInt(opts.concurrency, this.deps.concurrency, 'concurrency');
    return this.allPages(spec, opts);
  }

  private async *allPages<T extends { id: string }>(
    spec: KindSpec<T>,
    opts: ListAllOptions,
  ): AsyncGenerator<ScimPage<T>> {
    const tree = treeOf(spec, opts);
    const probe = tree ? await this.deps.filters.begin(spec.kind, filterAttributes(tree)) : undefined;
    const fallback = opts.onRefusedFilter !== 'throw';
    try {
      if (tree && fallback && probe?.route === 'fallback') {
        yield* this.fallbackAll(spec, tree, opts);
        return;
      }
      const pages = this.server(spec, opts);
      let first: IteratorResult<ScimPage<T>>;
      try {
        first = await pages.next();
        probe?.accepted();
      } catch (err) {
        if (tree && probe?.refused(err) && fallback) {
          yield* this.fallbackAll(spec, tree, opts);
          return;
        }
        throw err;
      }
      if (first.done) return;
      yield first.value;
      yield* pages;
    } finally {
      probe?.release();
    }
  }

  private server<T extends { id: string }>(spec: KindSpec<T>, opts: ListAllOptions): AsyncGenerator<ScimPage<T>> {
    const pageSize = this.capped(positiveInt(opts.pageSize, this.deps.listingPageSize, 'pageSize'));
    const concurrency = positiveInt(opts.concurrency, this.deps.concurrency, 'concurrency');
    // Built once, so a bad attribute name fails before the first request.
    const base = listQuery(spec, opts);
    return pageThrough<T>(
      async (startIndex, count, signal) => {
        const body = await this.deps.getJson(`/${spec.path}`, {
          query: { ...base, startIndex, count },
          signal,
          what: `the ${spec.noun} list`,
          listing: true,
        });
        return this.listResponse(spec, body, startIndex);
      },
      {
        pageSize,
        concurrency,
        idOf: (item) => item.id,
        fail: (why) => this.deps.shapeError('GET', `/${spec.path}`, why),
        ...(opts.signal ? { signal: opts.signal } : {}),
      },
    );
  }

  private capped(size: number): number {
    return Math.min(size, this.deps.maxPageSize ?? size);
  }

  private listResponse<T>(spec: KindSpec<T>, body: unknown, startIndex: number): ScimPage<T> {
    const page = parseListResponse(body, startIndex, spec.parse);
    if (page === undefined)
      throw this.deps.shapeError('GET', `/${spec.path}`, `the ${spec.noun} list is not a SCIM ListResponse`);
    return page;
  }

  private async fallbackPage<T extends { id: string }>(
    spec: KindSpec<T>,
    tree: FilterNode,
    opts: ListPageOptions,
    startIndex: number,
    count: number,
  ): Promise<ScimPage<T>> {
    const all: T[] = [];
    for await (const page of this.fallbackAll(spec, tree, opts)) all.push(...page.items);
    const items = all.slice(startIndex - 1, startIndex - 1 + count);
    return { items, startIndex, totalResults: all.length, returned: items.length };
  }

  private async *fallbackAll<T extends { id: string }>(
    spec: KindSpec<T>,
    tree: FilterNode,
    opts: ListQuery,
  ): AsyncGenerator<ScimPage<T>> {
    const ids = idsOnly(tree);
    const wanted =
      opts.attributes === null
        ? null
        : [...new Set([...(opts.attributes ?? spec.listAttributes), ...filterAttributes(tree)])];
    if (ids && ids.length <= MAX_ID_LOOKUPS) {
      const found: Array<T | undefined> = await Promise.all(
        [...new Set(ids)].map((id) => this.byId(spec, id, wanted, opts.signal)),
      );
      const items = found.filter((item): item is T => item !== undefined);
      yield { items, startIndex: 1, totalResults: items.length, returned: items.length };
      return;
    }
    const { filter: _filter, ...rest } = opts;
    const scan = this.server(spec, { ...rest, attributes: wanted, pageSize: FALLBACK_PAGE_SIZE });
    let total = 0;
    for await (const page of scan) {
      const items = page.items.filter((item) => matches(tree, item));
      total += items.length;
      yield { items, startIndex: total - items.length + 1, totalResults: undefined, returned: items.length };
    }
  }

  private async byId<T>(
    spec: KindSpec<T>,
    id: string,
    attributes: readonly string[] | null,
    signal: AbortSignal | undefined,
  ): Promise<T | undefined> {
    try {
      const projection = attributes === null ? [] : attributes.filter((a) => !spec.neverListed.includes(a));
      return await this.deps.getOne(spec, id, { ...(projection.length > 0 ? { attributes: projection } : {}), signal });
    } catch (err) {
      // An id that is not there is simply not matched, as the filter would have said.
      if (err instanceof DatabricksError && err.status === 404) return undefined;
      throw err;
    }
  }
}

/**
 * Attributes a fallback can match locally: what the parsed items carry. A filter on anything else
 * (a typo, an attribute the workspace never had) keeps the server's refusal.
 */
const LOCAL_ATTRIBUTES: Record<KindSpec<unknown>['kind'], readonly string[]> = {
  user: ['id', 'externalid', 'username', 'displayname', 'active'],
  group: ['id', 'externalid', 'displayname'],
  servicePrincipal: ['id', 'externalid', 'applicationid', 'displayname', 'active'],
};

/** The filter as a tree when a fallback could answer it; undefined sends it as it is. */
function treeOf<T>(spec: KindSpec<T>, opts: ListQuery): FilterNode | undefined {
  if (opts.filter === undefined) return undefined;
  const tree = typeof opts.filter === 'string' ? parseFilter(toFilterString(opts.filter)) : opts.filter;
  if (!tree) return undefined;
  const local = LOCAL_ATTRIBUTES[spec.kind];
  return filterAttributes(tree).every((a) => local.includes(a.toLowerCase())) ? tree : undefined;
}
