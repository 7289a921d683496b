// Drift of a workspace: which Databricks groups mirror which Entra groups, and each pair's
// findings. The I/O edge around the pure core: it reads SCIM and Graph, then hands plain data to
// matchGroups and computeDrift, so the matching rules and finding rules live in one place each.
//
// This file is the per-group plan, for named groups (a click on one group, `dbx-scim drift NAME`):
// the group by name, one Graph lookup for its Entra group (mapping, else externalId, else name),
// the Entra member lists (loadEntraSide: batched, nested groups level by level) and the
// Databricks side (databricksSide.ts: the group, member details, directory lookups only for Entra
// members not already in the group). All groups of a workspace go through allGroupsDrift.ts,
// which reads the same things for every group in a few listings and batches instead.

import { ConcurrencyLimiter } from '../http/concurrency';
import { GraphError } from '../graph/errors';
import type { GraphClient } from '../graph/client';
import type { GraphGroup } from '../graph/types';
import type { ScimClient } from '../scim/client';
import { eq } from '../scim/filter';
import { collectAll } from '../scim/paging';
import { computeDrift } from './computeDrift';
import { loadDatabricksSide, type DatabricksSide } from './databricksSide';
import { loadEntraSide, type EntraSide } from './entraSide';
import {
  compareText,
  findByName,
  matchGroups,
  type DatabricksGroupRef,
  type GroupMappings,
  type MatchedBy,
} from './matchGroups';
import type { DriftOptions, EntraGroupRef, GroupDrift } from './types';

export interface DriftClients {
  scim: ScimClient;
  graph: GraphClient;
}

export interface WorkspaceDriftOptions extends DriftOptions {
  /** Databricks group displayName → Entra group object id or displayName. */
  mappings?: GroupMappings;
  signal?: AbortSignal;
}

/** One comparison to make. `databricks` undefined: the Entra group has no Databricks group. */
export interface DriftTarget {
  databricks?: DatabricksGroupRef;
  entra: EntraGroupRef;
  matchedBy?: MatchedBy;
  /** The Databricks group's externalId names an Entra group Graph no longer has (404): stale access. */
  entraGroupDeleted?: boolean;
}

export type UnresolvedReason =
  /** Neither a Databricks nor an Entra group has this name. */
  | 'notFound'
  /** The Databricks group exists; no Entra group matches it by mapping, externalId or name. */
  | 'noEntraGroup'
  /** Several Entra groups carry the name: guessing would compare against the wrong one. */
  | 'ambiguous'
  /** A mapping names an Entra group that does not exist. */
  | 'mappingNotFound';

export interface UnresolvedGroup {
  name: string;
  reason: UnresolvedReason;
  message: string;
}

export interface DriftTargets {
  targets: DriftTarget[];
  unresolved: UnresolvedGroup[];
}

/** Groups whose Graph lookups run at once (the transport caps per host as well). */
export const LOOKUP_CONCURRENCY = 8;
/** Pairs compared at once: each is itself a few parallel listings. */
export const COMPARE_CONCURRENCY = 4;

const GROUP_ATTRIBUTES = ['id', 'displayName', 'externalId'];

/**
 * Without names: every Databricks group that has a matching Entra group (Databricks groups with
 * none are not managed from Entra, so they are not drift). With names: each name is a Databricks
 * group, or an Entra group — then without a Databricks group it becomes a groupMissing target.
 */
export async function findDriftTargets(
  clients: DriftClients,
  names: readonly string[] | undefined,
  opts: WorkspaceDriftOptions = {},
): Promise<DriftTargets> {
  const mappings = opts.mappings ?? {};
  if (!names || names.length === 0) {
    const groups = (await collectAll(clients.scim.listGroups({ attributes: GROUP_ATTRIBUTES, ...signalOf(opts) }))).map(
      groupRef,
    );
    const found = await pairUp(clients.graph, groups, mappings, opts, false);
    await addMappedEntraGroups(clients.graph, groups, found, opts);
    return found;
  }
  const out: DriftTargets = { targets: [], unresolved: [] };
  const seen = new Set<string>();
  for (const name of names) {
    const found = await targetForName(clients, name, mappings, opts);
    for (const t of found.targets) {
      const key = `${t.databricks?.id ?? ''}|${t.entra.id}`;
      if (!seen.has(key)) out.targets.push(t);
      seen.add(key);
    }
    out.unresolved.push(...found.unresolved);
  }
  return out;
}

/** A mapping whose Databricks group does not exist names an Entra group that should be mirrored. */
export async function addMappedEntraGroups(
  graph: GraphClient,
  groups: readonly DatabricksGroupRef[],
  found: DriftTargets,
  opts: WorkspaceDriftOptions,
): Promise<void> {
  for (const [dbxName, ref] of Object.entries(opts.mappings ?? {})) {
    if (findByName(groups, dbxName, (g) => g.displayName)) continue;
    const lookup = await lookupEntra(graph, ref, opts, `The mapping ${dbxName}=${ref} names no Entra group.`, dbxName);
    if ('unresolved' in lookup) found.unresolved.push(lookup.unresolved);
    const entra = 'groups' in lookup ? lookup.groups[0] : undefined;
    if (entra && !found.targets.some((t) => t.entra.id === entra.id))
      found.targets.push({ entra: entraRef(entra), matchedBy: 'mapping' });
  }
}

/** Compares each target, COMPARE_CONCURRENCY at a time; results in the targets' order. */
export async function compareTargets(
  clients: DriftClients,
  targets: readonly DriftTarget[],
  opts: WorkspaceDriftOptions = {},
): Promise<GroupDrift[]> {
  return mapLimited(targets, COMPARE_CONCURRENCY, opts.signal, (t) => compareTarget(clients, t, opts));
}

/** One pair → its drift (reads both sides, then the pure computeDrift). */
export async function compareTarget(
  clients: DriftClients,
  target: DriftTarget,
  opts: WorkspaceDriftOptions = {},
): Promise<GroupDrift> {
  return compareUnread(target, opts) ?? compareBothSides(clients, target, opts);
}

/** The targets that need no read (an Entra group without a Databricks group, a deleted Entra group), else undefined. */
export function compareUnread(target: DriftTarget, opts: DriftOptions): GroupDrift | undefined {
  const options = driftOptions(opts);
  if (!target.databricks) {
    // Nothing to compare members with: the one finding is the missing group itself.
    return computeDrift({
      databricksGroup: undefined,
      directory: { users: [], servicePrincipals: [], groups: [] },
      entraGroup: target.entra,
      entraMembers: [],
      options,
    });
  }
  if (target.entraGroupDeleted) {
    const group = { id: target.databricks.id, displayName: target.databricks.displayName, members: [] };
    return computeDrift({
      databricksGroup: group,
      directory: { users: [], servicePrincipals: [], groups: [] },
      entraGroup: target.entra,
      entraMembers: [],
      entraGroupDeleted: true,
      options,
    });
  }
  return undefined;
}

async function compareBothSides(
  clients: DriftClients,
  target: DriftTarget,
  opts: WorkspaceDriftOptions,
): Promise<GroupDrift> {
  if (!target.databricks) throw new Error('compareBothSides needs a Databricks group');
  const entra = await loadEntraSide(clients.graph, target.entra, {
    transitive: opts.transitive ?? true,
    ...signalOf(opts),
  });
  const dbx = await loadDatabricksSide(clients.scim, target.databricks.id, entra.members, {
    userKey: opts.userKey ?? 'userPrincipalName',
    ...signalOf(opts),
  });
  return compareRead(target, entra, dbx, opts);
}

/** A target whose two sides were read → its drift (pure). */
export function compareRead(
  target: DriftTarget,
  entra: EntraSide,
  dbx: DatabricksSide,
  opts: DriftOptions,
): GroupDrift {
  return computeDrift({
    databricksGroup: dbx.group,
    directory: dbx.directory,
    entraGroup: target.entra,
    entraMembers: entra.members,
    notRead: entra.notRead,
    options: driftOptions(opts),
  });
}

function driftOptions(opts: DriftOptions): DriftOptions {
  const options: DriftOptions = {};
  if (opts.userKey) options.userKey = opts.userKey;
  if (opts.transitive !== undefined) options.transitive = opts.transitive;
  return options;
}

// ---- finding the pairs ----------------------------------------------------------------------

/** `deleted`: the externalId lookup answered 404 — the linked Entra group is gone. */
export type EntraLookup = { groups: GraphGroup[]; deleted?: true } | { unresolved: UnresolvedGroup };

async function targetForName(
  clients: DriftClients,
  name: string,
  mappings: GroupMappings,
  opts: WorkspaceDriftOptions,
): Promise<DriftTargets> {
  const dbx = await clients.scim.findGroupByDisplayName(name, signalOf(opts));
  if (dbx) return pairUp(clients.graph, [groupRef(dbx)], mappings, opts, true);

  // Not a Databricks group. The name of the Entra side of a mapping?
  const mappedFrom = Object.entries(mappings).find(
    ([, entraRef]) => entraRef.toLowerCase() === name.toLowerCase(),
  )?.[0];
  const lookup = await lookupEntra(clients.graph, name, opts, `No Databricks or Entra group is named "${name}".`);
  if ('unresolved' in lookup) return { targets: [], unresolved: [lookup.unresolved] };
  const entra = lookup.groups[0];
  if (!entra)
    return {
      targets: [],
      unresolved: [{ name, reason: 'notFound', message: `No Databricks or Entra group is named "${name}".` }],
    };
  if (mappedFrom) {
    const mappedDbx = await clients.scim.findGroupByDisplayName(mappedFrom, signalOf(opts));
    if (mappedDbx)
      return {
        targets: [{ databricks: groupRef(mappedDbx), entra: entraRef(entra), matchedBy: 'mapping' }],
        unresolved: [],
      };
  }
  // Renamed on one side: the Databricks group still carries the Entra object id.
  const linked = await collectAll(
    clients.scim.listGroups({ filter: eq('externalId', entra.id), attributes: GROUP_ATTRIBUTES, ...signalOf(opts) }),
  );
  const dbxLinked = linked[0];
  if (dbxLinked)
    return {
      targets: [{ databricks: groupRef(dbxLinked), entra: entraRef(entra), matchedBy: 'externalId' }],
      unresolved: [],
    };
  return { targets: [{ entra: entraRef(entra) }], unresolved: [] };
}

/**
 * Looks up each Databricks group's Entra candidate (mapping, else externalId, else name), then
 * lets matchGroups apply the precedence rules to what was found.
 */
async function pairUp(
  graph: GraphClient,
  groups: DatabricksGroupRef[],
  mappings: GroupMappings,
  opts: WorkspaceDriftOptions,
  explicit: boolean,
): Promise<DriftTargets> {
  const lookups = await mapLimited(groups, LOOKUP_CONCURRENCY, opts.signal, (g) =>
    candidatesFor(graph, g, mappings, opts),
  );
  return pairFromLookups(groups, lookups, mappings, explicit);
}

/** The pairs (and what stays unresolved) once each group's Entra candidates are known, in `groups`' order. */
export function pairFromLookups(
  groups: DatabricksGroupRef[],
  lookups: readonly EntraLookup[],
  mappings: GroupMappings,
  explicit: boolean,
): DriftTargets {
  const candidates = new Map<string, EntraGroupRef>();
  const unresolved: UnresolvedGroup[] = [];
  for (const l of lookups) {
    if ('unresolved' in l) unresolved.push(l.unresolved);
    else for (const g of l.groups) candidates.set(g.id, entraRef(g));
  }
  const matching = matchGroups(groups, [...candidates.values()], mappings);
  // A group linked to a deleted Entra group is stale access, exactly what an admin must see.
  const unpaired = new Set(matching.databricksOnly);
  const deleted = groups.filter((g, i) => isDeleted(lookups[i]) && unpaired.has(g));
  for (const m of matching.unresolvedMappings) {
    if (
      unresolved.some((u) => u.name === m.databricksGroup) ||
      !groups.some((g) => g.displayName === m.databricksGroup)
    )
      continue;
    unresolved.push({
      name: m.databricksGroup,
      reason: m.reason === 'entraGroupNotFound' ? 'mappingNotFound' : 'ambiguous',
      message: `The mapping ${m.databricksGroup}=${m.entraGroup} names no single Entra group.`,
    });
  }
  if (explicit) {
    for (const g of matching.databricksOnly) {
      if (deleted.includes(g) || unresolved.some((u) => u.name === g.displayName)) continue;
      const several = lookups.some(
        (l) =>
          'groups' in l &&
          l.groups.length > 1 &&
          l.groups.every((e) => e.displayName.toLowerCase() === g.displayName.toLowerCase()),
      );
      unresolved.push(
        several
          ? {
              name: g.displayName,
              reason: 'ambiguous',
              message: `Several Entra groups are named "${g.displayName}". Map one: --map "${g.displayName}=<object id>".`,
            }
          : {
              name: g.displayName,
              reason: 'noEntraGroup',
              message: `No Entra group matches the Databricks group "${g.displayName}" (by mapping, externalId or name). Map one: --map "${g.displayName}=<Entra group>".`,
            },
      );
    }
  }
  const targets: DriftTarget[] = matching.pairs.map((p) => ({
    databricks: p.databricks,
    entra: p.entra,
    matchedBy: p.matchedBy,
  }));
  for (const g of deleted) {
    const id = g.externalId ?? '';
    targets.push({ databricks: g, entra: { id, displayName: id }, matchedBy: 'externalId', entraGroupDeleted: true });
  }
  targets.sort((a, b) => compareText(a.databricks?.displayName ?? '', b.databricks?.displayName ?? ''));
  return { targets, unresolved };
}

export function isDeleted(lookup: EntraLookup | undefined): boolean {
  return lookup !== undefined && 'deleted' in lookup && lookup.deleted === true;
}

async function candidatesFor(
  graph: GraphClient,
  group: DatabricksGroupRef,
  mappings: GroupMappings,
  opts: WorkspaceDriftOptions,
): Promise<EntraLookup> {
  const mapped = findByName(Object.keys(mappings), group.displayName, (k) => k);
  if (mapped && 'item' in mapped) {
    const target = mappings[mapped.item] ?? '';
    return lookupEntra(
      graph,
      target,
      opts,
      `The mapping ${group.displayName}=${target} names no Entra group.`,
      group.displayName,
    );
  }
  if (group.externalId !== undefined) {
    // Linked to one Entra object: only that object may match (matchGroups' rule), so no name search.
    try {
      return { groups: [await graph.getGroup(group.externalId, signalOf(opts))] };
    } catch (e) {
      if (e instanceof GraphError && e.isNotFound) return { groups: [], deleted: true };
      // 400: not an object id at all (set by some other tool); not a link to anything.
      if (e instanceof GraphError && e.status === 400) return { groups: [] };
      throw e;
    }
  }
  return { groups: await graph.findGroups(group.displayName, signalOf(opts)) };
}

/** An object id or a name → the group; several groups with that name → unresolved, not an error. */
export async function lookupEntra(
  graph: GraphClient,
  idOrName: string,
  opts: WorkspaceDriftOptions,
  notFound: string,
  reportAs = idOrName,
): Promise<EntraLookup> {
  try {
    const g = await graph.resolveGroup(idOrName, signalOf(opts));
    if (g) return { groups: [g] };
    return reportAs === idOrName
      ? { groups: [] }
      : { unresolved: { name: reportAs, reason: 'mappingNotFound', message: notFound } };
  } catch (e) {
    if (e instanceof GraphError && e.code === 'AmbiguousGroupName')
      return { unresolved: { name: reportAs, reason: 'ambiguous', message: e.userMessage } };
    throw e;
  }
}

// ---- small helpers --------------------------------------------------------------------------

export function groupRef(g: { id: string; displayName: string; externalId?: string }): DatabricksGroupRef {
  return { id: g.id, displayName: g.displayName, ...(g.externalId ? { externalId: g.externalId } : {}) };
}

export function entraRef(g: GraphGroup): EntraGroupRef {
  return { id: g.id, displayName: g.displayName };
}

export function signalOf(opts: { signal?: AbortSignal }): { signal?: AbortSignal } {
  return opts.signal ? { signal: opts.signal } : {};
}

/** `items.map(work)` with at most `limit` running; results in input order; the first failure rejects. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal | undefined,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const limiter = new ConcurrencyLimiter(limit);
  return Promise.all(
    items.map(async (item) => {
      const release = await limiter.acquire(signal);
      try {
        return await work(item);
      } finally {
        release();
      }
    }),
  );
}
