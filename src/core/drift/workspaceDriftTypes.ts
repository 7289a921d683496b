// The shapes both drift plans share: the clients and options they take, the pairs they compare
// and the names they could not pair.

import type { GraphClient } from '../graph/client';
import type { GraphGroup } from '../graph/types';
import type { ScimClient } from '../scim/client';
import type { DatabricksGroupRef, GroupMappings, MatchedBy } from './matchGroups';
import type { DriftOptions, EntraGroupRef } from './types';

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

/** `deleted`: the externalId lookup answered 404 — the linked Entra group is gone. */
export type EntraLookup = { groups: GraphGroup[]; deleted?: true } | { unresolved: UnresolvedGroup };
