// The I/O around computeDrift for the extension: which Entra group mirrors a Databricks group
// (DESIGN §3: mapping, then externalId, then displayName), both sides read (loadEntraSide over
// Graph, loadDatabricksSide over SCIM), then the pure compare. No `vscode` import.
//
// Written here because no shared orchestrator (src/core/drift/workspaceDrift.ts) existed when the
// UI needed one; it reuses every core piece and only adds the per-group Entra lookup, which costs
// one Graph request per Databricks group instead of listing every group of the tenant.
import { computeDrift } from '../../core/drift/computeDrift';
import { loadDatabricksSide } from '../../core/drift/databricksSide';
import { loadEntraSide } from '../../core/drift/entraSide';
import { findByName, type GroupMappings } from '../../core/drift/matchGroups';
import type { EntraGroupRef, GroupDrift, UserKey } from '../../core/drift/types';
import type { GraphClient } from '../../core/graph/client';
import { GraphError } from '../../core/graph/errors';
import { ConcurrencyLimiter } from '../../core/http/concurrency';
import type { ScimClient } from '../../core/scim/client';
import { collectAll } from '../../core/scim/paging';

export interface CompareOptions {
  userKey: UserKey;
  transitive: boolean;
  groupMappings: GroupMappings;
  signal?: AbortSignal;
}

export interface DatabricksGroupLite {
  id: string;
  displayName: string;
  externalId?: string;
}

/** A Databricks group with no Entra counterpart is not managed from Entra: no drift, a reason. */
export interface GroupComparison {
  group: DatabricksGroupLite;
  drift?: GroupDrift;
  /** Why nothing was compared (no Entra group, a mapping that names none, …). */
  notCompared?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The Entra group `group` mirrors, or a reason why there is none. */
export async function findEntraGroup(graph: GraphClient, group: DatabricksGroupLite, mappings: GroupMappings, signal?: AbortSignal): Promise<EntraGroupRef | string> {
  const call = signal ? { signal } : {};
  const mapped = findByName(Object.keys(mappings), group.displayName, (k) => k);
  if (mapped && 'item' in mapped) {
    const target = mappings[mapped.item] ?? '';
    const found = await graph.resolveGroup(target, call);
    return found ? ref(found) : `dbxScim.drift.groupMappings maps it to "${target}", which is not an Entra group.`;
  }
  if (group.externalId && GUID.test(group.externalId.trim())) {
    try {
      return ref(await graph.getGroup(group.externalId.trim(), call));
    } catch (err) {
      if (!(err instanceof GraphError && err.isNotFound)) throw err;
      // Linked to an Entra object that is gone: pairing it with a namesake would compare the wrong group.
      return `its externalId ${group.externalId} names no Entra group.`;
    }
  }
  const hit = findByName(await graph.findGroups(group.displayName, call), group.displayName, (g) => g.displayName);
  if (!hit) return 'no Entra group has its name.';
  if (!('item' in hit)) return `several Entra groups are named "${group.displayName}"; map it in dbxScim.drift.groupMappings.`;
  return ref(hit.item);
}

export async function compareGroup(scim: ScimClient, graph: GraphClient, group: DatabricksGroupLite, opts: CompareOptions): Promise<GroupComparison> {
  const entra = await findEntraGroup(graph, group, opts.groupMappings, opts.signal);
  if (typeof entra === 'string') return { group, notCompared: entra };
  const entraSide = await loadEntraSide(graph, entra, { transitive: opts.transitive, ...(opts.signal ? { signal: opts.signal } : {}) });
  const dbx = await loadDatabricksSide(scim, group.id, entraSide.members, { userKey: opts.userKey, ...(opts.signal ? { signal: opts.signal } : {}) });
  const drift = computeDrift({
    databricksGroup: dbx.group,
    directory: dbx.directory,
    entraGroup: entra,
    entraMembers: entraSide.members,
    options: { userKey: opts.userKey, transitive: opts.transitive },
  });
  return { group, drift };
}

/** The Databricks group by id or displayName (a name as typed, matched like matchGroups does). */
export async function findDatabricksGroup(scim: ScimClient, idOrName: string, signal?: AbortSignal): Promise<DatabricksGroupLite | undefined> {
  const groups = await listDatabricksGroups(scim, signal);
  const byId = groups.find((g) => g.id === idOrName);
  if (byId) return byId;
  const hit = findByName(groups, idOrName, (g) => g.displayName);
  return hit && 'item' in hit ? hit.item : undefined;
}

export async function listDatabricksGroups(scim: ScimClient, signal?: AbortSignal): Promise<DatabricksGroupLite[]> {
  const groups = await collectAll(scim.listGroups({ attributes: ['id', 'displayName', 'externalId'], ...(signal ? { signal } : {}) }));
  return groups.map((g) => ({ id: g.id, displayName: g.displayName, ...(g.externalId ? { externalId: g.externalId } : {}) }));
}

/**
 * Every Databricks group of a workspace against Entra, a few at a time; plus a `groupMissing`
 * drift for each mapped Entra group whose Databricks group does not exist.
 */
export async function compareWorkspace(
  scim: ScimClient,
  graph: GraphClient,
  opts: CompareOptions & { concurrency?: number; onGroupDone?: (done: number, total: number) => void },
): Promise<{ comparisons: GroupComparison[]; missingGroups: GroupDrift[] }> {
  const groups = await listDatabricksGroups(scim, opts.signal);
  const limiter = new ConcurrencyLimiter(opts.concurrency ?? 4);
  let done = 0;
  const comparisons = await Promise.all(
    groups.map(async (g) => {
      const release = await limiter.acquire(opts.signal);
      try {
        return await compareGroup(scim, graph, g, opts);
      } finally {
        release();
        opts.onGroupDone?.(++done, groups.length);
      }
    }),
  );
  const missingGroups: GroupDrift[] = [];
  for (const [dbxName, entraRef] of Object.entries(opts.groupMappings)) {
    if (findByName(groups, dbxName, (g) => g.displayName)) continue;
    const entra = await graph.resolveGroup(entraRef, opts.signal ? { signal: opts.signal } : {});
    if (entra) missingGroups.push(computeDrift({ databricksGroup: undefined, directory: { users: [], servicePrincipals: [], groups: [] }, entraGroup: ref(entra), entraMembers: [] }));
  }
  return { comparisons, missingGroups };
}

function ref(g: { id: string; displayName: string }): EntraGroupRef {
  return { id: g.id, displayName: g.displayName };
}
