// A new ACCOUNT group made from a workspace: through the workspace's Identity v2 (Beta) where it has
// it (a workspace admin may create there, and the group is assigned to that workspace), else through
// account SCIM (account admins), then assigned to the workspace so it shows there at once. Which
// route, and the words for a refusal, come from core/account/routing.ts.
import { IdentityV2UnavailableError } from '../../core/account/errors';
import { routeFor, type Route } from '../../core/account/routing';
import { DatabricksError } from '../../core/databricks/errors';
import type { ScimGroup } from '../../core/scim/types';
import type { AccountAccess } from '../common/connection';
import { explainAccountError } from './accountMembers';

export interface CreatedAccountGroup {
  group: ScimGroup;
  route: Route;
}

/** Identity v2 where the workspace offers it (tried as a workspace admin), else account SCIM (account admin). */
export function createRoute(identityV2: boolean): Route {
  const decision = routeFor({
    kind: 'account',
    role: identityV2 ? 'workspaceAdmin' : 'accountAdmin',
    operation: 'createGroup',
    identityV2,
  });
  if (!decision.ok) throw new Error(decision.message);
  return decision.route;
}

/**
 * The routing table's words for a 403: on Identity v2 the caller is not even a workspace admin; on
 * account SCIM (a workspace without the Beta) a workspace admin is told where they can still do it.
 */
export function createRefusal(route: Route): string {
  const decision = routeFor({
    kind: 'account',
    role: route === 'identityV2' ? 'none' : 'workspaceAdmin',
    operation: 'createGroup',
    identityV2: route === 'identityV2',
  });
  return decision.ok ? 'Databricks refused to create the group.' : decision.message;
}

export function duplicateMessage(displayName: string): string {
  return `A group named "${displayName}" already exists in the account.`;
}

export async function createAccountGroup(access: AccountAccess, displayName: string): Promise<CreatedAccountGroup> {
  let route = createRoute(await access.identityV2.available());
  try {
    if (route === 'identityV2') {
      try {
        const created = await access.identityV2.createGroup({ displayName });
        return { group: { id: created.groupId, displayName: created.groupName, source: 'account' }, route };
      } catch (err) {
        // The probe said yes but the route is gone: the account host can still do it.
        if (!(err instanceof IdentityV2UnavailableError)) throw err;
        route = createRoute(false);
      }
    }
    const group = await access.client.createGroup({ displayName });
    await assignToWorkspace(access, group);
    return { group: { ...group, source: 'account' }, route };
  } catch (err) {
    if (err instanceof DatabricksError && err.isConflict) throw new Error(duplicateMessage(displayName));
    if (err instanceof DatabricksError && err.status === 403) throw new Error(createRefusal(route));
    throw explainAccountError(err, 'createGroup', route);
  }
}

/** An account group shows in a workspace only once assigned to it; USER is the level a group gets. */
async function assignToWorkspace(access: AccountAccess, group: ScimGroup): Promise<void> {
  try {
    await access.client.assignments.assign(access.workspaceId, group.id, ['USER']);
  } catch (err) {
    const why = explainAccountError(err, 'assignToWorkspace', 'accountScim');
    throw new Error(
      `The account group "${group.displayName}" was created but could not be added to this workspace: ` +
        `${why instanceof Error ? why.message : String(why)}`,
    );
  }
}
