// Literal builders for the drift tests: a test row states only the principals it is about.

import type {
  DatabricksDirectory,
  DatabricksGroup,
  DatabricksMember,
  DriftFinding,
  EntraGroupRef,
  EntraMember,
} from '../../src/core/drift/types';
import type { GroupNode } from '../../src/ui/explorer/nodes';

export const ENTRA_GROUP: EntraGroupRef = { id: 'e0000000-0000-0000-0000-000000000001', displayName: 'data-eng' };

export function dbxGroup(members: DatabricksMember[], over: Partial<DatabricksGroup> = {}): DatabricksGroup {
  return { id: '900', displayName: 'data-eng', externalId: ENTRA_GROUP.id, members, ...over };
}

export const dUser = (id: string, userName: string, displayName?: string): DatabricksMember => ({
  id,
  type: 'user',
  userName,
  ...(displayName ? { displayName } : {}),
});
export const dSp = (id: string, applicationId: string, displayName: string): DatabricksMember => ({
  id,
  type: 'servicePrincipal',
  applicationId,
  displayName,
});
export const dGroup = (id: string, displayName: string, externalId?: string): DatabricksMember => ({
  id,
  type: 'group',
  displayName,
  ...(externalId ? { externalId } : {}),
});

/** The explorer's row of dbxGroup() on a workspace at `host`. */
export function dbxGroupNode(host: string, over: Partial<GroupNode> = {}): GroupNode {
  return { kind: 'group', key: 'g', host, parent: undefined, id: '900', displayName: 'data-eng', ...over };
}

export function directory(over: Partial<DatabricksDirectory> = {}): DatabricksDirectory {
  return { users: [], servicePrincipals: [], groups: [], ...over };
}

export const eUser = (id: string, upn: string, extra: Partial<EntraMember> = {}): EntraMember => ({
  id,
  type: 'user',
  userPrincipalName: upn,
  displayName: upn.split('@')[0],
  ...extra,
});
export const eSp = (id: string, appId: string, displayName: string, extra: Partial<EntraMember> = {}): EntraMember => ({
  id,
  type: 'servicePrincipal',
  appId,
  displayName,
  ...extra,
});
export const eGroup = (id: string, displayName: string, extra: Partial<EntraMember> = {}): EntraMember => ({
  id,
  type: 'group',
  displayName,
  ...extra,
});
export const via = (...groups: EntraGroupRef[]): { via: EntraGroupRef[] } => ({ via: groups });

/**
 * An expected finding, in the order a reader checks it: what, whose, which key, shown as, fixable, via which
 * groups.
 */
export const finding = (
  kind: DriftFinding['kind'],
  principalType: DriftFinding['principalType'],
  key: string,
  displayName: string,
  connectorWillFix: boolean,
  viaNames?: string[],
): DriftFinding => ({
  kind,
  principalType,
  key,
  displayName,
  ...(viaNames ? { via: viaNames } : {}),
  connectorWillFix,
});
