// Server-side search across users, groups and service principals: one small filtered page per
// kind, in parallel, so a 100k-user workspace answers as fast as a small one. No `vscode` here:
// the live picker and the search command both use it.
import type { ScimClient } from '../../core/scim/client';
import { co, or, sw, type FilterNode } from '../../core/scim/filter';
import type { GroupSource, ListPageOptions, PrincipalKind, ScimPage, ScimUser } from '../../core/scim/types';

export interface PrincipalHit {
  kind: PrincipalKind;
  id: string;
  displayName: string;
  /** userName (users) or applicationId (service principals). */
  userName?: string;
  applicationId?: string;
  source?: GroupSource;
}

export interface SearchOptions {
  /** Results per kind. */
  count?: number;
  kinds?: readonly PrincipalKind[];
  signal?: AbortSignal;
}

export const ALL_KINDS: readonly PrincipalKind[] = ['user', 'group', 'servicePrincipal'];

/** The name a hit is known by in programmatic arguments (userName, applicationId, group name). */
export function hitName(hit: PrincipalHit): string {
  return hit.userName ?? hit.applicationId ?? hit.displayName;
}

/**
 * One letter matches too much with `co`; `sw` keeps a first keystroke's answer meaningful.
 * An empty query lists the first few of each kind, so the picker is never blank.
 */
function match(attrs: readonly string[], query: string): FilterNode | undefined {
  if (query === '') return undefined;
  const op = query.length === 1 ? sw : co;
  return or(...attrs.map((a) => op(a, query)));
}

type PageOf = (filter: FilterNode | undefined) => ListPageOptions;

/**
 * By userName and displayName where the workspace filters on both. Some refuse displayName on
 * users: listing every user instead would make each keystroke a full scan, so the search then
 * narrows to userName (learned once per host, see FilterSupport).
 */
async function searchUsers(client: ScimClient, query: string, page: PageOf): Promise<ScimPage<ScimUser>> {
  const byUserName = () => client.listPage('user', page(match(['userName'], query)));
  if (query === '' || client.filterSupport.accepts('user', 'displayName') === false) return byUserName();
  try {
    return await client.listPage('user', {
      ...page(match(['userName', 'displayName'], query)),
      onRefusedFilter: 'throw',
    });
  } catch (err) {
    if (client.filterSupport.accepts('user', 'displayName') === false) return byUserName();
    throw err;
  }
}

export async function searchPrincipals(
  client: ScimClient,
  rawQuery: string,
  opts: SearchOptions = {},
): Promise<PrincipalHit[]> {
  const query = rawQuery.trim();
  const kinds = opts.kinds ?? ALL_KINDS;
  const count = opts.count ?? 10;
  const page: PageOf = (filter) => ({
    count,
    ...(filter ? { filter } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const searches = kinds.map(async (kind): Promise<PrincipalHit[]> => {
    if (kind === 'user')
      return (await searchUsers(client, query, page)).items.map((u) => ({
        kind,
        id: u.id,
        displayName: u.displayName ?? u.userName,
        userName: u.userName,
      }));
    if (kind === 'servicePrincipal')
      return (
        await client.listPage('servicePrincipal', page(match(['displayName', 'applicationId'], query)))
      ).items.map((sp) => ({
        kind,
        id: sp.id,
        displayName: sp.displayName ?? sp.applicationId,
        applicationId: sp.applicationId,
      }));
    return (await client.listPage('group', page(match(['displayName'], query)))).items.map((g) => ({
      kind,
      id: g.id,
      displayName: g.displayName,
      ...(g.source ? { source: g.source } : {}),
    }));
  });
  return (await Promise.all(searches)).flat();
}
