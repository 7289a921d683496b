// GET /Users, /Groups, /ServicePrincipals: filter, sort, page, project. Paging 100,000 users 100 at
// a time must not filter and sort 100,000 records per request, so the filtered and sorted list is
// cached per (resource, filter, sort) and reused until the directory's generation changes.

import type { Directory } from './directory';
import { compileFilter } from './filter';
import { LIST_SCHEMA, Projection, renderPrincipal } from './render';
import type { PrincipalKind, PrincipalRecord } from './records';
import type { Knobs } from './types';

/** Which records a host sees (a workspace, or the account); part of the cache key. */
export interface ListScope {
  readonly key: string;
  generation(): number;
  visible(rec: PrincipalRecord): boolean;
}

export type ListParams = Partial<
  Record<'filter' | 'sortBy' | 'sortOrder' | 'startIndex' | 'count' | 'attributes' | 'excludedAttributes', string>
>;

interface CacheEntry {
  dir: Directory;
  generation: number;
  records: readonly PrincipalRecord[];
}

const MAX_CACHE_ENTRIES = 64;

type SortKey = (r: PrincipalRecord) => string | undefined;

/** sortBy values Databricks documents (`userName`, `name.givenName`, `emails`, …), lower case. */
const SORT_KEYS: ReadonlyMap<string, SortKey> = new Map<string, SortKey>([
  ['username', (r) => (r.kind === 'user' ? r.userName : undefined)],
  ['displayname', (r) => r.displayName],
  ['id', (r) => r.id],
  ['applicationid', (r) => (r.kind === 'servicePrincipal' ? r.applicationId : undefined)],
  ['externalid', (r) => r.externalId],
  ['name.givenname', (r) => (r.kind === 'user' ? r.givenName : undefined)],
  ['name.familyname', (r) => (r.kind === 'user' ? r.familyName : undefined)],
  ['emails', (r) => (r.kind === 'user' ? r.emails[0] : undefined)],
  ['emails.value', (r) => (r.kind === 'user' ? r.emails[0] : undefined)],
]);

function mapOf(dir: Directory, kind: PrincipalKind): ReadonlyMap<string, PrincipalRecord> {
  return kind === 'user' ? dir.users : kind === 'group' ? dir.groups : dir.servicePrincipals;
}

export class ListCache {
  private readonly entries = new Map<string, CacheEntry>();

  /** Filtered and sorted records; throws the filter's 400 when it is not supported. */
  select(
    dir: Directory,
    kind: PrincipalKind,
    params: ListParams,
    knobs: Readonly<Knobs>,
    scope?: ListScope,
  ): readonly PrincipalRecord[] {
    const filter = params.filter?.trim() ?? '';
    const sortBy = params.sortBy?.trim().toLowerCase() ?? '';
    const descending = params.sortOrder?.toLowerCase().startsWith('desc') ?? false;
    const key = JSON.stringify([
      kind,
      filter,
      sortBy,
      descending,
      knobs.userNameCaseSensitive,
      knobs.maxFilterNodes,
      knobs.filterableAttributes,
      scope ? `${scope.key}@${scope.generation()}` : '',
    ]);
    const hit = this.entries.get(key);
    if (hit && hit.dir === dir && hit.generation === dir.generation) return hit.records;

    let records = [...mapOf(dir, kind).values()];
    if (scope) records = records.filter((r) => scope.visible(r));
    if (filter) {
      const predicate = compileFilter(kind, filter, {
        maxNodes: knobs.maxFilterNodes,
        userNameCaseSensitive: knobs.userNameCaseSensitive,
        filterable: knobs.filterableAttributes,
      });
      records = records.filter(predicate);
    }
    const sortKey = SORT_KEYS.get(sortBy);
    if (sortKey) {
      // Precompute keys once: comparing lower-cased strings 1.7M times for 100k records is the
      // cost worth avoiding. Missing values sort last; Array#sort is stable, so ties keep creation order.
      const keyed = records.map((r) => ({ r, k: sortKey(r)?.toLowerCase() }));
      keyed.sort((a, b) => {
        if (a.k === b.k) return 0;
        if (a.k === undefined) return 1;
        if (b.k === undefined) return -1;
        return (a.k < b.k ? -1 : 1) * (descending ? -1 : 1);
      });
      records = keyed.map((x) => x.r);
    } else if (descending) {
      records.reverse();
    }
    this.entries.delete(key);
    this.entries.set(key, { dir, generation: dir.generation, records });
    if (this.entries.size > MAX_CACHE_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return records;
  }
}

function intParam(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? Math.trunc(n) : undefined;
}

/** The ListResponse body: itemsPerPage is the number actually returned. */
export function listResponse(
  dir: Directory,
  cache: ListCache,
  kind: PrincipalKind,
  params: ListParams,
  knobs: Readonly<Knobs>,
  scope?: ListScope,
): Record<string, unknown> {
  const records = cache.select(dir, kind, params, knobs, scope);
  const startIndex = Math.max(1, intParam(params.startIndex) ?? 1);
  const count = Math.min(knobs.pageCap, Math.max(0, intParam(params.count) ?? knobs.defaultCount));
  const page = records.slice(startIndex - 1, startIndex - 1 + count);
  const projection = Projection.parse(params.attributes, params.excludedAttributes);
  const body: Record<string, unknown> = {
    schemas: [LIST_SCHEMA],
    totalResults: records.length,
    startIndex,
    itemsPerPage: page.length,
  };
  if (page.length > 0 || !knobs.omitEmptyResources) {
    body.Resources = page.map((r) => renderPrincipal(dir, r, projection, scope?.visible));
  }
  return body;
}
