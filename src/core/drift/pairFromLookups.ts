// The matching shared by both drift plans: once each Databricks group's Entra candidates are
// known, matchGroups' precedence rules decide the pairs, and what stays unpaired is said in words.
// Pure: both plans do their reads first and hand the answers here.

import { entraRef } from './groupRefs';
import { compareText, matchGroups, type DatabricksGroupRef, type GroupMappings } from './matchGroups';
import type { EntraGroupRef } from './types';
import type { DriftTarget, DriftTargets, EntraLookup, UnresolvedGroup } from './workspaceDriftTypes';

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
