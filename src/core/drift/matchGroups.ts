// Which Entra group does each Databricks group mirror? In order: (1) explicit mapping,
// (2) Databricks externalId = Entra object id, (3) equal displayName. Pure.
//
// Decisions (README.md has the reasons in full):
//  - Names compare case-insensitively (Entra treats displayNames so, and nobody means two different
//    groups by "Data-Eng" and "data-eng"); an exact-case match wins over case-only ones; a tie that
//    remains is ambiguous and matches nothing rather than guessing.
//  - A mapping is trusted: it wins over everything, several Databricks groups may map to one Entra
//    group, and a mapping whose Entra group is not found is reported, never silently replaced by
//    the externalId or name rule.
//  - A Databricks group whose externalId names another Entra object is linked to that object, so
//    it is not paired with a different Entra group just because the names are equal.

import type { EntraGroupRef } from './types';

export interface DatabricksGroupRef {
  id: string;
  displayName: string;
  externalId?: string;
}

export type MatchedBy = 'mapping' | 'externalId' | 'displayName';

export interface GroupPair {
  databricks: DatabricksGroupRef;
  entra: EntraGroupRef;
  matchedBy: MatchedBy;
  /** Linked by externalId, yet the names differ (computeDrift reports it as `renamed`). */
  renamed: boolean;
}

export type UnresolvedReason =
  'databricksGroupNotFound' | 'databricksGroupAmbiguous' | 'entraGroupNotFound' | 'entraGroupAmbiguous';

export interface UnresolvedMapping {
  databricksGroup: string;
  entraGroup: string;
  reason: UnresolvedReason;
}

export interface GroupMatching {
  /** Sorted by Databricks displayName. */
  pairs: GroupPair[];
  /** Entra groups no Databricks group mirrors (→ groupMissing when someone asked for them). */
  entraOnly: EntraGroupRef[];
  /** Databricks groups with no Entra counterpart: not managed from Entra, so not drift. */
  databricksOnly: DatabricksGroupRef[];
  unresolvedMappings: UnresolvedMapping[];
}

/** Databricks group displayName → Entra group object id or displayName (`dbxScim.drift.groupMappings`). */
export type GroupMappings = Readonly<Record<string, string>>;

type NameHit<T> = { item: T } | { ambiguous: true } | undefined;

/** Exact-case match first, then a unique case-insensitive one. */
export function findByName<T>(items: readonly T[], name: string, nameOf: (item: T) => string): NameHit<T> {
  const exact = items.filter((i) => nameOf(i) === name);
  if (exact.length === 1 && exact[0] !== undefined) return { item: exact[0] };
  if (exact.length > 1) return { ambiguous: true };
  const lower = name.toLowerCase();
  const loose = items.filter((i) => nameOf(i).toLowerCase() === lower);
  if (loose.length === 1 && loose[0] !== undefined) return { item: loose[0] };
  return loose.length > 1 ? { ambiguous: true } : undefined;
}

export function sameId(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Linked by externalId but named differently: the group was renamed on one side. */
export function isRenamed(databricks: DatabricksGroupRef, entra: EntraGroupRef): boolean {
  return sameId(databricks.externalId, entra.id) && databricks.displayName !== entra.displayName;
}

export function matchGroups(
  databricksGroups: readonly DatabricksGroupRef[],
  entraGroups: readonly EntraGroupRef[],
  mappings: GroupMappings = {},
): GroupMatching {
  const pairs: GroupPair[] = [];
  const unresolvedMappings: UnresolvedMapping[] = [];
  const pairedDbx = new Set<string>();
  const pairedEntra = new Set<string>();
  const pair = (databricks: DatabricksGroupRef, entra: EntraGroupRef, matchedBy: MatchedBy): void => {
    pairs.push({ databricks, entra, matchedBy, renamed: isRenamed(databricks, entra) });
    pairedDbx.add(databricks.id);
    pairedEntra.add(entra.id);
  };

  // (1) explicit mappings, in a stable order so a report does not reshuffle between runs
  for (const [dbxName, entraRef] of Object.entries(mappings).sort(([a], [b]) => compareText(a, b))) {
    const dbx = findByName(databricksGroups, dbxName, (g) => g.displayName);
    if (!dbx || !('item' in dbx)) {
      unresolvedMappings.push({
        databricksGroup: dbxName,
        entraGroup: entraRef,
        reason: dbx ? 'databricksGroupAmbiguous' : 'databricksGroupNotFound',
      });
      continue;
    }
    const byId = entraGroups.find((e) => sameId(e.id, entraRef));
    const entra = byId ? { item: byId } : findByName(entraGroups, entraRef, (e) => e.displayName);
    if (!entra || !('item' in entra)) {
      unresolvedMappings.push({
        databricksGroup: dbx.item.displayName,
        entraGroup: entraRef,
        reason: entra ? 'entraGroupAmbiguous' : 'entraGroupNotFound',
      });
      // Still claimed: the admin said which group this is, so no weaker rule may pair it.
      pairedDbx.add(dbx.item.id);
      continue;
    }
    if (pairedDbx.has(dbx.item.id)) continue;
    pair(dbx.item, entra.item, 'mapping');
  }

  // (2) externalId = Entra object id (indexed: a workspace has thousands of groups)
  const entraById = groupBy(entraGroups, (e) => e.id.trim().toLowerCase());
  for (const dbx of databricksGroups) {
    if (pairedDbx.has(dbx.id) || dbx.externalId === undefined) continue;
    const entra = (entraById.get(dbx.externalId.trim().toLowerCase()) ?? []).find((e) => !pairedEntra.has(e.id));
    if (entra) pair(dbx, entra, 'externalId');
  }

  // (3) equal displayName, among groups not linked elsewhere. findByName only ever looks at
  // groups whose name is equal ignoring case, so each lookup needs only those.
  const unlinked = groupBy(
    databricksGroups.filter((d) => d.externalId === undefined),
    (d) => d.displayName.toLowerCase(),
  );
  for (const entra of entraGroups) {
    if (pairedEntra.has(entra.id)) continue;
    const free = (unlinked.get(entra.displayName.toLowerCase()) ?? []).filter((d) => !pairedDbx.has(d.id));
    const hit = findByName(free, entra.displayName, (g) => g.displayName);
    if (hit && 'item' in hit) pair(hit.item, entra, 'displayName');
  }

  return {
    pairs: pairs.sort((a, b) => compareText(a.databricks.displayName, b.databricks.displayName)),
    entraOnly: entraGroups.filter((e) => !pairedEntra.has(e.id)),
    databricksOnly: databricksGroups.filter((d) => !pairedDbx.has(d.id)),
    unresolvedMappings,
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Locale-independent order, so output is identical on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
