// The Entra side of one comparison, merged per principal: whether it is a direct member and every
// nested path by which it reaches the group.

import { compareText } from './matchGroups';
import type { EntraGroupRef, EntraMember } from './types';

/** An Entra principal with every path by which it reaches the compared group. */
export interface Reach {
  member: EntraMember;
  direct: boolean;
  /** Nested paths (each non-empty), outermost group first. */
  chains: EntraGroupRef[][];
}

/** Merges the per-path entries of one Entra object; without `transitive` only direct entries count. */
export function reachesOf(members: readonly EntraMember[], transitive: boolean): Reach[] {
  const byId = new Map<string, Reach>();
  for (const m of members) {
    const chain = m.via ?? [];
    if (chain.length > 0 && !transitive) continue;
    const reach = byId.get(m.id) ?? { member: { id: m.id, type: m.type }, direct: false, chains: [] };
    // An entry from a call that lacked rights may carry only id and type: fill from any entry.
    reach.member = { ...m, ...definedOnly(reach.member), via: [] };
    if (chain.length === 0) reach.direct = true;
    else reach.chains.push([...chain]);
    byId.set(m.id, reach);
  }
  return [...byId.values()];
}

function definedOnly(m: EntraMember): Partial<EntraMember> {
  return Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) as Partial<EntraMember>;
}

/** Fewest hops first, then by names, so `via` is the same on every run. */
export function shortest(chains: EntraGroupRef[][]): EntraGroupRef[] {
  const label = (c: EntraGroupRef[]) => c.map((g) => g.displayName).join('\u0000');
  return [...chains].sort((a, b) => a.length - b.length || compareText(label(a), label(b)))[0] ?? [];
}
