// The Databricks side of one comparison, indexed by the keys Entra members are matched on: the
// group's own members, and the workspace directory for those not in it.

import { findByName, sameId } from './matchGroups';
import type { DatabricksDirectory, DatabricksGroup, DatabricksMember } from './types';
import type { PrincipalKind } from '../scim/types';

/** A Databricks principal, as a group member or as a workspace directory entry. */
export interface DbxPrincipal {
  id: string;
  key: string;
  displayName?: string;
}

export function databricksKeyOf(m: DatabricksMember): string {
  if (m.type === 'user') return (m.userName ?? m.id).toLowerCase();
  if (m.type === 'servicePrincipal') return (m.applicationId ?? m.id).toLowerCase();
  return m.displayName ?? m.id;
}

export interface PrincipalIndex {
  users: Map<string, DbxPrincipal>;
  servicePrincipals: Map<string, DbxPrincipal>;
  groups: Array<DbxPrincipal & { externalId?: string }>;
}

export function groupIndexOf(group: DatabricksGroup): PrincipalIndex {
  const index: PrincipalIndex = { users: new Map(), servicePrincipals: new Map(), groups: [] };
  for (const m of group.members) {
    const p = { id: m.id, key: databricksKeyOf(m), ...(m.displayName ? { displayName: m.displayName } : {}) };
    if (m.type === 'user' && m.userName) index.users.set(p.key, p);
    else if (m.type === 'servicePrincipal' && m.applicationId) index.servicePrincipals.set(p.key, p);
    else if (m.type === 'group') index.groups.push({ ...p, ...(m.externalId ? { externalId: m.externalId } : {}) });
  }
  return index;
}

export function directoryIndexOf(dir: DatabricksDirectory): PrincipalIndex {
  const index: PrincipalIndex = { users: new Map(), servicePrincipals: new Map(), groups: [] };
  for (const u of dir.users) {
    const key = u.userName.toLowerCase();
    index.users.set(key, { id: u.id, key, ...(u.displayName ? { displayName: u.displayName } : {}) });
  }
  for (const s of dir.servicePrincipals) {
    const key = s.applicationId.toLowerCase();
    index.servicePrincipals.set(key, { id: s.id, key, ...(s.displayName ? { displayName: s.displayName } : {}) });
  }
  for (const g of dir.groups)
    index.groups.push({
      id: g.id,
      key: g.displayName,
      displayName: g.displayName,
      ...(g.externalId ? { externalId: g.externalId } : {}),
    });
  return index;
}

/**
 * Users by userName ↔ the Entra key, case-insensitively; service principals by applicationId ↔
 * appId; groups by externalId = Entra object id, then by name among groups not linked to another
 * Entra object (the same rule as matchGroups).
 */
export class Resolver {
  constructor(private readonly index: PrincipalIndex) {}

  find(type: PrincipalKind, entraKey: string, entra: { id: string }): DbxPrincipal | undefined {
    if (type === 'user') return this.index.users.get(entraKey.toLowerCase());
    if (type === 'servicePrincipal') return this.index.servicePrincipals.get(entraKey.toLowerCase());
    const linked = this.index.groups.find((g) => sameId(g.externalId, entra.id));
    if (linked) return linked;
    const hit = findByName(
      this.index.groups.filter((g) => g.externalId === undefined),
      entraKey,
      (g) => g.key,
    );
    return hit && 'item' in hit ? hit.item : undefined;
  }
}
