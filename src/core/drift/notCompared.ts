// Why an Entra member could not be compared, in words an admin can act on. A member that cannot
// be compared makes its group incomplete (GroupDrift.complete): every Databricks member could be
// that person, so nothing is removed on the strength of the comparison.

import type { EntraMember, NotComparedMember, UserKey } from './types';

/** Graph's "limited information" object: only `id` and `@odata.type` came back. */
export function isIdOnly(m: EntraMember): boolean {
  if (m.displayName) return false;
  if (m.type === 'user') return m.userPrincipalName === undefined && m.mail === undefined;
  if (m.type === 'servicePrincipal') return m.appId === undefined;
  return true;
}

export function notComparedReason(m: EntraMember, userKey: UserKey): string {
  if (isIdOnly(m)) {
    if (m.type === 'user') {
      return 'Microsoft Graph returned only its object id: the Graph sign-in lacks the permission User.ReadBasic.All. An Entra admin grants User.ReadBasic.All to the app that reads Graph (or gives admin consent for it); then compare again.';
    }
    if (m.type === 'servicePrincipal') {
      return 'Microsoft Graph returned only its object id: the Graph sign-in lacks the permission Application.Read.All (needed for its appId). An Entra admin grants it to the app that reads Graph (or gives admin consent for it); then compare again.';
    }
    return 'Microsoft Graph returned only its object id (no name), and no Databricks group is linked to that id, so it cannot be matched.';
  }
  if (m.type === 'user')
    return `has no ${userKey}, the attribute users are compared by (set it in Entra, or compare by ${userKey === 'mail' ? 'userPrincipalName' : 'mail'})`;
  return 'has no appId, the attribute service principals are compared by';
}

export function notComparedOf(m: EntraMember, userKey: UserKey): NotComparedMember {
  return { entraId: m.id, displayName: m.displayName ?? m.id, reason: notComparedReason(m, userKey) };
}

/** A nested group below the depth that was walked: its members were never read. */
export function cutNesting(group: { id: string; displayName: string }, maxDepth: number): NotComparedMember {
  return {
    entraId: group.id,
    displayName: group.displayName || group.id,
    reason: `nested group deeper than ${maxDepth} level${maxDepth === 1 ? '' : 's'}: its members were not read, so the comparison does not know them`,
  };
}
