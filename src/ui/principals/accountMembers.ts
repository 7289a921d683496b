// Members of an ACCOUNT group, changed where they live: through the workspace's Identity v2 (Beta)
// direct-member routes when the workspace offers them (group managers may use them), else through
// account SCIM (account admins). Every write is read back, because the service has answered 2xx to
// membership writes it then dropped; such a write is said as exactly that. Who may do what, and
// the words for a refusal, come from core/account/routing.ts: the caller's role is not known up
// front, so the change is tried and a 403 is answered with the refusal for that route.
import type { AccountClient } from '../../core/account/client';
import { MembershipNotAppliedError } from '../../core/account/errors';
import { NotAnEntraTokenError } from '../../core/account/entraToken';
import type { IdentityV2Client } from '../../core/account/identityV2';
import { verifyMembership } from '../../core/account/membershipCheck';
import { routeFor, type GroupOperation, type Route } from '../../core/account/routing';
import { DatabricksError } from '../../core/databricks/errors';
import type { AccountAccess } from '../common/connection';

export interface AccountMemberChange {
  groupId: string;
  groupName: string;
  add: readonly string[];
  remove: readonly string[];
  /** Names people know the principals by, per id (for the messages). */
  names: ReadonlyMap<string, string>;
}

/** Which route a membership change takes: Identity v2 where the workspace has it, else account SCIM. */
export function memberRoute(operation: GroupOperation, identityV2: boolean): Route {
  // Tried as the role that route is for; a 403 then says what role is missing.
  const decision = routeFor({
    kind: 'account',
    role: identityV2 ? 'groupManager' : 'accountAdmin',
    operation,
    identityV2,
  });
  if (!decision.ok) throw new Error(decision.message);
  return decision.route;
}

/** The routing table's refusal for a 403 on `route`. */
export function refusalFor(operation: GroupOperation, route: Route): string {
  const decision =
    route === 'identityV2'
      ? routeFor({ kind: 'account', role: 'none', operation, identityV2: true })
      : routeFor({ kind: 'account', role: 'groupManager', operation, identityV2: false });
  return decision.ok ? 'Databricks refused the change.' : decision.message;
}

export async function changeAccountMembers(access: AccountAccess, change: AccountMemberChange): Promise<Route> {
  const operation: GroupOperation = change.add.length > 0 ? 'addMember' : 'removeMember';
  const route = memberRoute(operation, await access.identityV2.available());
  try {
    if (route === 'identityV2') await viaIdentityV2(access.identityV2, change);
    else await viaAccountScim(access.client, change);
  } catch (err) {
    throw explain(err, change, operation, route);
  }
  return route;
}

/** One request per member (the API has no batch), then the members read back. */
async function viaIdentityV2(v2: IdentityV2Client, change: AccountMemberChange): Promise<void> {
  for (const id of change.add) {
    try {
      await v2.addDirectMember(change.groupId, id);
    } catch (err) {
      if (!(err instanceof DatabricksError && err.isAlreadyMember)) throw err;
    }
  }
  for (const id of change.remove) {
    try {
      await v2.removeDirectMember(change.groupId, id);
    } catch (err) {
      // Not a member (any more): what was asked is true.
      if (!(err instanceof DatabricksError && err.status === 404 && err.code !== 'ENDPOINT_NOT_FOUND')) throw err;
    }
  }
  await verifyMembership(change.groupId, change.add, change.remove, () => v2DirectMembers(v2, change.groupId));
}

async function v2DirectMembers(v2: IdentityV2Client, groupId: string): Promise<Set<string>> {
  return new Set((await v2.listDirectMembers(groupId)).map((m) => m.principalId));
}

/** The direct members of an account group, read through the route a removal from it would take. */
export async function accountDirectMembers(access: AccountAccess, groupId: string): Promise<Set<string>> {
  const route = memberRoute('removeMember', await access.identityV2.available());
  try {
    return route === 'identityV2'
      ? await v2DirectMembers(access.identityV2, groupId)
      : await access.client.memberIds(groupId);
  } catch (err) {
    throw explainAccountError(err, 'removeMember', route);
  }
}

/** Adds in one PATCH, removes in the strict `members[value eq …]` form; AccountClient reads back. */
async function viaAccountScim(client: AccountClient, change: AccountMemberChange): Promise<void> {
  if (change.add.length > 0) await client.addMembers(change.groupId, change.add);
  if (change.remove.length > 0) await client.removeMembers(change.groupId, change.remove);
}

function explain(err: unknown, change: AccountMemberChange, operation: GroupOperation, route: Route): unknown {
  if (err instanceof MembershipNotAppliedError) return new Error(notAppliedMessage(err, change));
  return explainAccountError(err, operation, route);
}

/** A refused token or caller said as what to do; anything else is returned as it is. */
export function explainAccountError(err: unknown, operation: GroupOperation, route: Route): unknown {
  if (err instanceof NotAnEntraTokenError) return new Error(err.message);
  if (err instanceof DatabricksError && err.status === 403) return new Error(refusalFor(operation, route));
  if (err instanceof DatabricksError && err.status === 401) {
    return new Error(
      `The account API refused your Microsoft Entra token (${err.detail}). Sign in with Microsoft again, ` +
        'or hand in a current token for Azure Databricks.',
    );
  }
  return err;
}

/** "accepted but … still (not) members": the write answered 2xx and the read-back says otherwise. */
export function notAppliedMessage(err: MembershipNotAppliedError, change: AccountMemberChange): string {
  const named = (ids: readonly string[]) => listText(ids.map((id) => change.names.get(id) ?? id));
  const parts: string[] = [];
  if (err.notAdded.length > 0)
    parts.push(`${named(err.notAdded)} ${are(err.notAdded)} still not ${members(err.notAdded)}`);
  if (err.notRemoved.length > 0)
    parts.push(`${named(err.notRemoved)} ${are(err.notRemoved)} still ${members(err.notRemoved)}`);
  return (
    `Databricks accepted the change but ${parts.join(', and ')} of "${change.groupName}"; nothing else was changed. ` +
    'Try again, or check the group in the account console.'
  );
}

const are = (ids: readonly string[]) => (ids.length === 1 ? 'is' : 'are');
const members = (ids: readonly string[]) => (ids.length === 1 ? 'a member' : 'members');

function listText(names: readonly string[]): string {
  return names.length <= 5 ? names.join(', ') : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`;
}
