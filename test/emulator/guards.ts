// Rules every SCIM write shares: the target must exist, account groups' names and members are
// read-only at workspace level (their entitlements are per workspace and may be set there), system
// groups keep their names, group names are unique. One place, so PUT, PATCH and DELETE refuse the
// same things with the same words.

import type { Services } from './context';
import type { Change } from './directory';
import { scimError } from './errors';
import { nounOf, SYSTEM_GROUPS, type GroupRecord, type PrincipalKind, type PrincipalRecord } from './records';
import { withMembers } from './state';

export function requirePrincipal<K extends PrincipalKind>(
  s: Services,
  kind: K,
  id: string,
): Extract<PrincipalRecord, { kind: K }> {
  const rec = s.state.directory.get(id);
  if (!rec || rec.kind !== kind || (s.scope && !s.scope.visible(rec)))
    throw scimError(404, `${nounOf(kind)} not found.`);
  return rec as Extract<PrincipalRecord, { kind: K }>;
}

/**
 * With identity federation, account groups show up in the workspace but cannot be changed through
 * it. The real wording was not captured; this one says what to do.
 */
export function refuseAccountGroup(s: Services, group: GroupRecord): void {
  if (!group.accountGroup || s.scope?.accountLevel) return;
  throw scimError(
    400,
    `Group ${group.displayName} is an account group and cannot be modified through the workspace SCIM API. ` +
      'Manage it at account level (account console or account SCIM API).',
    'mutability',
  );
}

/**
 * A PATCH on an account group through a workspace: only `entitlements` may change there (they are
 * per workspace); anything else it touches (members, displayName, externalId, roles) is refused.
 */
export function refuseAccountGroupPatch(s: Services, group: GroupRecord, touched: ReadonlySet<string>): void {
  if ([...touched].every((attribute) => attribute === 'entitlements')) return;
  refuseAccountGroup(s, group);
}

export function refuseSystemGroup(group: GroupRecord, action: 'delete' | 'rename'): void {
  if (!SYSTEM_GROUPS.has(group.displayName)) return;
  throw scimError(400, `Cannot ${action} the system group ${group.displayName}.`, 'mutability');
}

/** Validates a new displayName for an existing group: system groups keep theirs, names stay unique. */
export function checkGroupRename(s: Services, group: GroupRecord, newName: string): void {
  if (newName === group.displayName) return;
  if (!newName) throw scimError(400, 'Required attribute displayName is missing.', 'invalidValue');
  refuseSystemGroup(group, 'rename');
  const clash = s.state.directory.groupByName(newName);
  if (clash && clash.id !== group.id) throw scimError(409, `Group with name ${newName} already exists.`);
}

/**
 * The changes that make `principalId` a direct member of exactly `wanted` groups (PUT `groups`).
 * Account groups are outside the workspace's reach: memberships in them are left as they are,
 * and asking to join one is refused.
 */
export function reconcileParents(s: Services, principalId: string, wanted: readonly string[]): Change[] {
  const dir = s.state.directory;
  const want = new Set(wanted);
  const changes: Change[] = [];
  for (const gid of want) {
    const group = dir.groups.get(gid);
    if (!group) throw scimError(400, `Group with id ${gid} does not exist.`, 'invalidValue');
    if (group.members.has(principalId)) continue;
    refuseAccountGroup(s, group);
    changes.push({ put: withMembers(group, [...group.members, principalId]) });
  }
  for (const gid of dir.parentsOf(principalId)) {
    const group = dir.groups.get(gid);
    if (!group || want.has(gid) || (group.accountGroup && !s.scope?.accountLevel)) continue;
    changes.push({
      put: withMembers(
        group,
        [...group.members].filter((m) => m !== principalId),
      ),
    });
  }
  return changes;
}
