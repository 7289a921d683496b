// Which pairs the per-group drift plan compares: every Databricks group with a matching Entra
// group, or the groups (Databricks or Entra) a caller names.

import type { GraphClient } from '../graph/client';
import { eq } from '../scim/filter';
import { collectAll } from '../scim/paging';
import { candidatesFor, lookupEntra } from './entraLookups';
import { entraRef, groupRef } from './groupRefs';
import { mapLimited, signalOf } from './limitedCalls';
import { findByName, type DatabricksGroupRef, type GroupMappings } from './matchGroups';
import { pairFromLookups } from './pairFromLookups';
import type { DriftClients, DriftTargets, WorkspaceDriftOptions } from './workspaceDriftTypes';

/** Groups whose Graph lookups run at once (the transport caps per host as well). */
export const LOOKUP_CONCURRENCY = 8;

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
    const groups = (
      await collectAll(clients.scim.listAll('group', { attributes: GROUP_ATTRIBUTES, ...signalOf(opts) }))
    ).map(groupRef);
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

async function targetForName(
  clients: DriftClients,
  name: string,
  mappings: GroupMappings,
  opts: WorkspaceDriftOptions,
): Promise<DriftTargets> {
  const dbx = await clients.scim.findByName('group', name, signalOf(opts));
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
    const mappedDbx = await clients.scim.findByName('group', mappedFrom, signalOf(opts));
    if (mappedDbx)
      return {
        targets: [{ databricks: groupRef(mappedDbx), entra: entraRef(entra), matchedBy: 'mapping' }],
        unresolved: [],
      };
  }
  // Renamed on one side: the Databricks group still carries the Entra object id.
  const linked = await collectAll(
    clients.scim.listAll('group', {
      filter: eq('externalId', entra.id),
      attributes: GROUP_ATTRIBUTES,
      ...signalOf(opts),
    }),
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
