// Workspace permission assignments on the account host:
// `/api/2.0/accounts/{account_id}/workspaces/{workspace_id}/permissionassignments[/principals/{id}]`
// and `…/permissionassignments/permissions`. Ids go out as JSON numbers (int64.ts). Assigning a
// user, service principal or account group makes it (and, for a group, its members) appear in the
// workspace's SCIM; removing the assignment takes it away again.

import type { ApiRequest, Reply, Services } from '../context';
import { databricksError } from '../errors';
import type { PrincipalRecord } from '../records';
import type { AccountState, Permission } from './accountState';
import { int64, int64Json } from './int64';
import { requireAccountAdmin } from './roles';

const PERMISSION_LEVELS = [
  { permission_level: 'USER', description: 'Can access the workspace.' },
  { permission_level: 'ADMIN', description: 'Can access the workspace and has workspace admin privileges.' },
];

/** The answer, or undefined when the path is not an assignment route. */
export function assignmentRoutes(s: Services, req: ApiRequest, workspaceId: string, rest: string[]): Reply | undefined {
  const account = s.scope?.account;
  if (!account) return undefined;
  if (!account.hasWorkspace(workspaceId)) {
    throw databricksError(404, 'RESOURCE_DOES_NOT_EXIST', `Workspace ${workspaceId} does not exist.`);
  }
  const { method } = req;
  if (rest.length === 0 && method === 'GET') {
    const items = account.assignmentsOf(workspaceId).flatMap(({ principalId, permission }) => {
      const rec = account.state.getPrincipal(principalId);
      return rec ? [assignmentJson(rec, [permission])] : [];
    });
    return { status: 200, body: int64Json({ permission_assignments: items }) };
  }
  if (rest.length === 1 && rest[0] === 'permissions' && method === 'GET') {
    return { status: 200, body: { permissions: PERMISSION_LEVELS } };
  }
  if (rest.length === 2 && rest[0] === 'principals' && (method === 'PUT' || method === 'DELETE')) {
    requireAccountAdmin(account, req.caller.id);
    const rec = requireAccountPrincipal(account, rest[1] as string);
    if (method === 'DELETE') {
      account.assign(workspaceId, rec.id, undefined);
      return { status: 200, body: {} };
    }
    const permission = strongest(req.body);
    account.assign(workspaceId, rec.id, permission);
    return { status: 200, body: int64Json(assignmentJson(rec, permission ? [permission] : [])) };
  }
  return undefined;
}

/** A principal the account knows and can assign: not a workspace-local group, not Entra-only. */
export function requireAccountPrincipal(account: AccountState, principalId: string): PrincipalRecord {
  const rec = account.state.getPrincipal(principalId);
  if (!rec || !account.visibleInAccount(rec)) {
    throw databricksError(404, 'RESOURCE_DOES_NOT_EXIST', 'Principal not found in account');
  }
  return rec;
}

/** ADMIN wins over USER; no (or only unsupported) permissions = remove the assignment. */
function strongest(body: unknown): Permission | undefined {
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).permissions : undefined;
  const given = Array.isArray(raw) ? raw : [];
  if (given.includes('ADMIN')) return 'ADMIN';
  return given.includes('USER') ? 'USER' : undefined;
}

function assignmentJson(rec: PrincipalRecord, permissions: Permission[]): Record<string, unknown> {
  const principal: Record<string, unknown> = { principal_id: int64(rec.id) };
  if (rec.kind === 'user') {
    principal.display_name = rec.displayName ?? rec.userName;
    principal.user_name = rec.userName;
  } else if (rec.kind === 'group') {
    principal.display_name = rec.displayName;
    principal.group_name = rec.displayName;
  } else {
    principal.display_name = rec.displayName;
    principal.service_principal_name = rec.applicationId;
  }
  return { principal, permissions };
}
