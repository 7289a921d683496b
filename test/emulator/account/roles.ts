// Who may do what at account level — every rule in one place:
// - account SCIM reads: any active account user; writes: account admins (`roles` holds `account_admin`);
// - permission assignments and rule sets: reads by any account user, writes by account admins;
//   a group's rule set may also be changed by a manager of that group;
// - Identity v2 on a workspace host: creating an account group needs a workspace admin (who then
//   manages the group) or an account admin; changing a group's direct members needs an account
//   admin or a manager of that group (a grant of `roles/group.manager` in its rule set, to the user,
//   to a group the user is in, or to a service principal);
// - workspace SCIM writes on extra workspaces need the workspace's ADMIN assignment (on workspace #1,
//   membership of `admins` too, as before).

import { databricksError } from '../errors';
import type { AccountState } from './accountState';

export const ACCOUNT_ADMIN_ROLE = 'account_admin';
export const GROUP_MANAGER_ROLE = 'roles/group.manager';

/** The refusal non-admins get from account-admin-only APIs. */
export function notAccountAdmin(): Error {
  return databricksError(
    403,
    'PERMISSION_DENIED',
    'This API is disabled for users without account admin status. Contact your administrator for more information.',
  );
}

export function isAccountAdmin(account: AccountState, userId: string): boolean {
  const rec = account.state.getPrincipal(userId);
  return rec !== undefined && rec.kind !== 'group' && rec.roles.includes(ACCOUNT_ADMIN_ROLE);
}

export function requireAccountAdmin(account: AccountState, userId: string): void {
  if (!isAccountAdmin(account, userId)) throw notAccountAdmin();
}

export function isWorkspaceAdmin(account: AccountState, workspaceId: string, userId: string): boolean {
  return account.permissionIn(workspaceId, userId) === 'ADMIN';
}

/** A grant of the group-manager role on the group's rule set names the principal or a group it is in. */
export function isGroupManager(account: AccountState, groupId: string, principalId: string): boolean {
  const rec = account.state.getPrincipal(principalId);
  if (!rec) return false;
  const names = new Set<string>();
  if (rec.kind === 'user') names.add(`users/${rec.userName}`);
  if (rec.kind === 'servicePrincipal') names.add(normalizePrincipalName(`servicePrincipals/${rec.applicationId}`));
  for (const gid of account.ancestors(principalId)) {
    const g = account.state.directory.groups.get(gid);
    if (g?.accountGroup) names.add(`groups/${g.displayName}`);
  }
  const rules = account.ruleSet(account.ruleSetName(groupId)).grantRules;
  return rules.some(
    (r) => r.role === GROUP_MANAGER_ROLE && r.principals.some((p) => names.has(normalizePrincipalName(p))),
  );
}

/** Membership changes through Identity v2. */
export function canManageMembers(account: AccountState, groupId: string, userId: string): boolean {
  return isAccountAdmin(account, userId) || isGroupManager(account, groupId, userId);
}

/** Application ids are GUIDs and compare without regard to case; user and group names as given. */
function normalizePrincipalName(name: string): string {
  const prefix = 'servicePrincipals/';
  return name.startsWith(prefix) ? prefix + name.slice(prefix.length).toLowerCase() : name;
}
