// How the access commands name principals: the account SCIM lookup a typed name needs, the rule-set
// names of group managers and back, and the words for permission levels. No `vscode` here, so the
// unit tests read it directly.
import type { AccountClient } from '../../core/account/client';
import type { WorkspacePermission } from '../../core/account/assignments';
import type { ManagerPrincipal } from '../../core/account/groupManagers';
import { kindOfName } from '../../core/scim/resolve';
import type { PrincipalKind } from '../../core/scim/types';

/** An account principal as the commands need it; its id is also its workspace SCIM id. */
export interface AccessPrincipal {
  kind: PrincipalKind;
  id: string;
  /** userName, applicationId or group displayName. */
  name: string;
}

/** A group manager as people know it; `other` for a rule-set name of a form we do not know. */
export interface ManagerRef {
  kind: PrincipalKind | 'other';
  name: string;
}

export const PERMISSION_WORDS: Record<WorkspacePermission, string> = {
  USER: 'user (may use the workspace)',
  ADMIN: 'admin (workspace admin)',
};

const KIND_WORDS: Record<PrincipalKind, string> = {
  user: 'user',
  group: 'group',
  servicePrincipal: 'service principal',
};

export function kindWord(kind: PrincipalKind | 'other'): string {
  return kind === 'other' ? 'principal' : KIND_WORDS[kind];
}

export function isPermission(value: unknown): value is WorkspacePermission {
  return value === 'USER' || value === 'ADMIN';
}

/** A user name, application id or group name looked up in account SCIM (one filtered request). */
export async function findAccountPrincipal(client: AccountClient, name: string): Promise<AccessPrincipal> {
  const kind = kindOfName(name);
  const found =
    kind === 'user'
      ? await client.findByName('user', name)
      : kind === 'servicePrincipal'
        ? await client.findByName('servicePrincipal', name)
        : await client.findByName('group', name);
  if (!found)
    throw new Error(
      `There is no ${KIND_WORDS[kind]} "${name}" in the Databricks account. ` +
        'Name a user by user name, a service principal by application id, a group by its exact name.',
    );
  if ('userName' in found) return { kind, id: found.id, name: found.userName };
  if ('applicationId' in found) return { kind, id: found.id, name: found.applicationId };
  return { kind, id: found.id, name: found.displayName };
}

export function managerPrincipalOf(p: Pick<AccessPrincipal, 'kind' | 'name'>): ManagerPrincipal {
  switch (p.kind) {
    case 'user':
      return { kind: 'user', userName: p.name };
    case 'servicePrincipal':
      return { kind: 'servicePrincipal', applicationId: p.name };
    case 'group':
      return { kind: 'group', displayName: p.name };
  }
}

const RULE_PREFIXES: ReadonlyArray<[prefix: string, kind: PrincipalKind]> = [
  ['users/', 'user'],
  ['servicePrincipals/', 'servicePrincipal'],
  ['groups/', 'group'],
];

/** `users/ben@x` → { user, ben@x }: the rule set's way of naming a principal, as people read it. */
export function managerRefOf(ruleName: string): ManagerRef {
  for (const [prefix, kind] of RULE_PREFIXES) {
    if (ruleName.startsWith(prefix)) return { kind, name: ruleName.slice(prefix.length) };
  }
  return { kind: 'other', name: ruleName };
}

/** Whether a listed name is the one typed: group names are exact, user names and application ids ignore case. */
export function sameName(kind: PrincipalKind | 'other' | 'unknown', listed: string, typed: string): boolean {
  const wanted = typed.trim();
  if (kind === 'user' || kind === 'servicePrincipal') return listed.toLowerCase() === wanted.toLowerCase();
  return listed === wanted;
}

/** Whether a listed manager is the principal `name`. */
export function sameManager(ref: ManagerRef, name: string): boolean {
  return sameName(ref.kind, ref.name, name);
}
