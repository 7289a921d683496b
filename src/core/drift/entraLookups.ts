// One Databricks group's Entra candidates, looked up in Graph; what they mean is pairFromLookups'.

import { GraphError } from '../graph/errors';
import type { GraphClient } from '../graph/client';
import { signalOf } from './limitedCalls';
import { findByName, type DatabricksGroupRef, type GroupMappings } from './matchGroups';
import type { EntraLookup, WorkspaceDriftOptions } from './workspaceDriftTypes';

/** A Databricks group's Entra candidates: by mapping, else by externalId, else by name. */
export async function candidatesFor(
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
