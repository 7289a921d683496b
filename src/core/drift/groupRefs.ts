// The group references drift passes around, built from SCIM and Graph answers.

import type { GraphGroup } from '../graph/types';
import type { DatabricksGroupRef } from './matchGroups';
import type { EntraGroupRef } from './types';

export function groupRef(g: { id: string; displayName: string; externalId?: string }): DatabricksGroupRef {
  return { id: g.id, displayName: g.displayName, ...(g.externalId ? { externalId: g.externalId } : {}) };
}

export function entraRef(g: GraphGroup): EntraGroupRef {
  return { id: g.id, displayName: g.displayName };
}
