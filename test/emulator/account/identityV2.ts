// Identity v2 (Beta) on a workspace host, acting on the account: create an account group, list,
// add and remove its direct members, resolve an Entra group by external id. Request and answer
// shapes follow the SDK models: group ids are strings in a Group, principal and group ids are
// numbers in a DirectGroupMember. With the Beta off for a workspace every path is a 404
// ENDPOINT_NOT_FOUND (workspaceRoutes.ts), which is how a client feature-detects it.

import type { ApiRequest, Reply, Services } from '../context';
import { databricksError } from '../errors';
import type { GroupRecord, PrincipalRecord } from '../records';
import type { AccountState } from './accountState';
import { requireAccountPrincipal } from './assignments';
import { int64, int64Json } from './int64';
import { canManageMembers, GROUP_MANAGER_ROLE, isAccountAdmin, isWorkspaceAdmin, notAccountAdmin } from './roles';

type Json = Record<string, unknown>;
const MAX_PAGE = 1000;

export function identityV2(s: Services, req: ApiRequest): Reply | undefined {
  const account = s.scope?.account;
  const ws = s.scope?.workspaceId;
  if (!account || ws === undefined) return undefined;
  const parts = req.pathname.replace(/\/+$/, '').split('/').slice(4).map(decodeURIComponent);
  const { method } = req;
  const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Json;
  if (parts[0] !== 'groups') return undefined;

  if (parts.length === 1 && method === 'POST') {
    if (!isAccountAdmin(account, req.caller.id) && !isWorkspaceAdmin(account, ws, req.caller.id)) {
      throw notAccountAdmin();
    }
    const name = typeof body.group_name === 'string' ? body.group_name.trim() : '';
    if (!name) throw invalid('group_name is required.');
    if (account.state.findGroup(name))
      throw databricksError(409, 'RESOURCE_ALREADY_EXISTS', `Group ${name} already exists.`);
    const group = account.state.createGroup({
      displayName: name,
      accountGroup: true,
      ...(typeof body.external_id === 'string' ? { externalId: body.external_id } : {}),
    });
    // Created from a workspace: assigned to it, and managed by whoever created it.
    account.setHome(group.id, ws);
    const caller = req.caller.userName;
    account.putRuleSet(account.ruleSetName(group.id), [{ role: GROUP_MANAGER_ROLE, principals: [`users/${caller}`] }]);
    return { status: 200, body: groupJson(account, group) };
  }

  if (parts.length === 2 && parts[1] === 'resolve-by-external-id' && method === 'POST') {
    if (!s.knobs().aim) {
      throw databricksError(
        400,
        'FEATURE_DISABLED',
        'Automatic identity management is not enabled for this account; groups cannot be resolved by external id.',
      );
    }
    const externalId = typeof body.external_id === 'string' ? body.external_id : '';
    if (!externalId) throw invalid('external_id is required.');
    const group = account.state.groups.find((g) => g.accountGroup && g.externalId === externalId);
    if (!group)
      throw databricksError(
        404,
        'RESOURCE_DOES_NOT_EXIST',
        `No group with external id ${externalId} in the identity provider.`,
      );
    account.resolve(group.id);
    return { status: 200, body: { group: groupJson(account, group) } };
  }

  if (parts[2] !== 'direct-members' || parts.length > 4) return undefined;
  const group = requireAccountGroup(account, parts[1] as string);
  if (parts.length === 3 && method === 'GET') return listMembers(account, group, req.query);
  if (!canManageMembers(account, group.id, req.caller.id)) {
    throw databricksError(
      403,
      'PERMISSION_DENIED',
      `Only account admins and managers of group ${group.displayName} can change its members.`,
    );
  }
  if (parts.length === 3 && method === 'POST') {
    const member = requireAccountPrincipal(account, String(body.principal_id ?? ''));
    account.state.addMember(group.id, member.id);
    return { status: 200, body: int64Json(memberJson(group, member)) };
  }
  if (parts.length === 4 && method === 'DELETE') {
    account.state.removeMember(group.id, parts[3] as string);
    return { status: 200, body: {} };
  }
  return undefined;
}

function requireAccountGroup(account: AccountState, id: string): GroupRecord {
  const group = account.state.directory.groups.get(id);
  if (!group || !account.visibleInAccount(group)) {
    throw databricksError(404, 'RESOURCE_DOES_NOT_EXIST', `Group ${id} does not exist.`);
  }
  return group;
}

function listMembers(account: AccountState, group: GroupRecord, query: Readonly<Record<string, string>>): Reply {
  const size = Math.min(MAX_PAGE, Math.max(1, Number(query.page_size) || MAX_PAGE));
  const start = query.page_token ? Number(Buffer.from(query.page_token, 'base64url').toString('utf8')) || 0 : 0;
  const ids = [...group.members];
  const page = ids.slice(start, start + size).flatMap((id) => {
    const m = account.state.getPrincipal(id);
    return m ? [memberJson(group, m)] : [];
  });
  const out: Json = { direct_group_members: page };
  if (start + size < ids.length) out.next_page_token = Buffer.from(String(start + size)).toString('base64url');
  return { status: 200, body: int64Json(out) };
}

function groupJson(account: AccountState, g: GroupRecord): Json {
  return {
    account_id: account.id,
    group_id: g.id,
    group_name: g.displayName,
    ...(g.externalId !== undefined ? { external_id: g.externalId } : {}),
  };
}

function memberJson(group: GroupRecord, m: PrincipalRecord): Json {
  return {
    display_name: m.kind === 'user' ? (m.displayName ?? m.userName) : m.displayName,
    ...(m.externalId !== undefined ? { external_id: m.externalId } : {}),
    group_id: int64(group.id),
    // Members that came with an identity-provider id on an IdP-linked group are the IdP's; others are Databricks'.
    membership_source: group.externalId !== undefined && m.externalId !== undefined ? 'IDENTITY_PROVIDER' : 'INTERNAL',
    principal_id: int64(m.id),
    principal_type: m.kind === 'user' ? 'USER' : m.kind === 'group' ? 'GROUP' : 'SERVICE_PRINCIPAL',
  };
}

function invalid(message: string): Error {
  return databricksError(400, 'INVALID_PARAMETER_VALUE', message);
}
