// Drift of every group of a workspace by the fewest requests the services allow. The per-group
// plan (workspaceDrift.ts) costs, for G Databricks groups, about 2·G SCIM GETs and 3·G Graph
// requests: 5,000 groups take some 40 minutes at a workspace's ~255 GETs a minute. Here:
//
//  - Databricks: three listings (databricksSnapshot.ts) — groups with their members in pages sized
//    from the first page, all users, all service principals. No filter, no per-group GET: a few
//    dozen requests whatever G is (100,000 users are 10 pages). Users and service principals are
//    listed while Graph is read; only the comparison needs them.
//  - Entra groups: those linked by externalId through directoryObjects/getByIds (1,000 ids a
//    call; an id that comes back absent is a deleted group) when the sign-in has Directory.Read.All,
//    else `GET /groups/{id}` 20 a `$batch`; those matched by name through `$batch` (20 name filters
//    a call); mappings one by one as before (there are few).
//  - Entra members: loadEntraSides (src/core/graph/memberLists.ts) — first pages of 20 groups a
//    `$batch`, nextLinks for big groups, each nested group read once for all groups holding it.
//
// The results are those of the per-group plan: the same matching (pairFromLookups), the same
// trees (memberTree over the lists) and the same Databricks side (SnapshotIndex.sideOf answers
// what loadDatabricksSide would) — tests compare the two plans on whole orgs.

import { batchGet, batchItemError, lookupGroupsByIds, type IdLookup } from '../graph/batch';
import { GROUP_SELECT, MAX_PAGE_SIZE, type GraphClient } from '../graph/client';
import { invalidAnswer } from '../graph/errors';
import { parseCollection, parseGroup } from '../graph/parse';
import { displayNameEquals, graphQuery } from '../graph/query';
import type { GraphGroup } from '../graph/types';
import { listDirectory, listGroupsWithMembers, SnapshotIndex } from './databricksSnapshot';
import { loadEntraSides } from './entraSide';
import { findByName, type DatabricksGroupRef, type GroupMappings } from './matchGroups';
import type { EntraGroupRef, GroupDrift } from './types';
import {
  LOOKUP_CONCURRENCY,
  addMappedEntraGroups,
  compareRead,
  compareUnread,
  groupRef,
  lookupEntra,
  mapLimited,
  pairFromLookups,
  signalOf,
  type DriftClients,
  type DriftTarget,
  type EntraLookup,
  type UnresolvedGroup,
  type WorkspaceDriftOptions,
} from './workspaceDrift';

export interface WorkspaceDrift {
  targets: DriftTarget[];
  /** One per target, in the targets' order. */
  drifts: GroupDrift[];
  unresolved: UnresolvedGroup[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function driftAllGroups(clients: DriftClients, opts: WorkspaceDriftOptions = {}): Promise<WorkspaceDrift> {
  const mappings = opts.mappings ?? {};
  // Users and service principals are needed only to compare: they are listed while Graph works.
  const directory = listDirectory(clients.scim, opts.signal);
  directory.catch(() => undefined); // awaited below; a failure there must not go unhandled meanwhile
  const grouped = await listGroupsWithMembers(clients.scim, opts.signal);
  const groups = grouped.groups.map(groupRef);
  const lookups = await lookupAll(clients.graph, groups, mappings, opts);
  const found = pairFromLookups(groups, lookups, mappings, false);
  await addMappedEntraGroups(clients.graph, groups, found, opts);

  const toRead = found.targets.filter((t) => compareUnread(t, opts) === undefined);
  const entraGroups = new Map<string, EntraGroupRef>(toRead.map((t) => [t.entra.id, t.entra]));
  const sides = await loadEntraSides(clients.graph, [...entraGroups.values()], {
    transitive: opts.transitive ?? true,
    ...signalOf(opts),
  });
  const index = new SnapshotIndex({ groups: grouped.groups, groupPageSize: grouped.pageSize, ...(await directory) });
  const drifts = found.targets.map((t) => {
    const unread = compareUnread(t, opts);
    if (unread) return unread;
    const entra = sides.get(t.entra.id);
    if (!entra || !t.databricks) throw new Error(`drift of ${t.entra.displayName}: a side was not read`);
    return compareRead(
      t,
      entra,
      index.sideOf(t.databricks.id, entra.members, opts.userKey ?? 'userPrincipalName'),
      opts,
    );
  });
  return { targets: found.targets, drifts, unresolved: found.unresolved };
}

/**
 * Each group's Entra candidates, as the per-group lookup finds them (mapping, else externalId,
 * else name), read in bulk. An externalId that is not an object id links nothing (Graph answers
 * such a GET with 400); one that getByIds does not return is a deleted group (a GET would be 404).
 */
export async function lookupAll(
  graph: GraphClient,
  groups: readonly DatabricksGroupRef[],
  mappings: GroupMappings,
  opts: WorkspaceDriftOptions,
): Promise<EntraLookup[]> {
  const out: Array<EntraLookup | undefined> = groups.map(() => undefined);
  const mapped: number[] = [];
  const byId: number[] = [];
  const byName: number[] = [];
  groups.forEach((g, i) => {
    const m = findByName(Object.keys(mappings), g.displayName, (k) => k);
    if (m && 'item' in m) mapped.push(i);
    else if (g.externalId === undefined) byName.push(i);
    else if (GUID.test(g.externalId)) byId.push(i);
    else out[i] = { groups: [] };
  });

  const [, found, named] = await Promise.all([
    mapLimited(mapped, LOOKUP_CONCURRENCY, opts.signal, async (i) => {
      const g = groups[i] as DatabricksGroupRef;
      const m = findByName(Object.keys(mappings), g.displayName, (k) => k);
      const target = m && 'item' in m ? (mappings[m.item] ?? '') : '';
      out[i] = await lookupEntra(
        graph,
        target,
        opts,
        `The mapping ${g.displayName}=${target} names no Entra group.`,
        g.displayName,
      );
    }),
    byId.length > 0
      ? lookupGroupsByIds(
          graph,
          byId.map((i) => groups[i]?.externalId ?? ''),
          signalOf(opts),
        )
      : Promise.resolve(new Map<string, IdLookup>()),
    findGroupsByNames(
      graph,
      byName.map((i) => groups[i]?.displayName ?? ''),
      opts,
    ),
  ]);
  for (const i of byId) {
    const g = found.get(groups[i]?.externalId ?? '');
    out[i] =
      g === 'invalid'
        ? { groups: [] }
        : g === undefined || g === 'missing'
          ? { groups: [], deleted: true }
          : { groups: [g] };
  }
  byName.forEach((i, k) => {
    out[i] = { groups: named[k] ?? [] };
  });
  return out.map((l) => l ?? { groups: [] });
}

/**
 * `findGroups` for many names: the same filter, 20 names a `$batch`; a name with more than a page of groups follows
 * its nextLink.
 */
async function findGroupsByNames(
  graph: GraphClient,
  names: readonly string[],
  opts: WorkspaceDriftOptions,
): Promise<GraphGroup[][]> {
  const requests = names.map((n) => ({
    url: `/groups${graphQuery({ $filter: displayNameEquals(n), $select: GROUP_SELECT, $top: MAX_PAGE_SIZE })}`,
  }));
  const answers = await batchGet(graph, requests, signalOf(opts));
  return Promise.all(
    answers.map(async (answer, k) => {
      const what = `the Entra group named "${names[k] ?? ''}"`;
      if (answer.status < 200 || answer.status >= 300) throw batchItemError(graph, '/groups', answer, what);
      const first = parseCollection(answer.body);
      if (!first) throw invalidAnswer(graph.context('/groups', { what }), 'the answer has no "value" list');
      const groups: GraphGroup[] = [];
      for await (const page of graph.restOfListing('/groups', first, { what, signal: opts.signal })) {
        for (const v of page.values) {
          const g = parseGroup(v);
          if (g) groups.push(g);
        }
      }
      return groups;
    }),
  );
}
