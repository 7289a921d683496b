// Loaders of the identity-federation rows: the accounts behind the configured workspaces, their
// users, groups and service principals (account SCIM, pages of at most 100), and each workspace's
// Access folder (the account's permission assignments). They go through `Connections.account`,
// never HTTP directly, never change a node they were given, and throw like the other loaders.
import { ACCOUNT_MAX_PAGE_SIZE } from '../../core/account/client';
import type { PermissionAssignment } from '../../core/account/assignments';
import type { ScimGroup, ScimMember, ScimServicePrincipal, ScimUser } from '../../core/scim/types';
import type { AccountAccess, Connections } from '../common/connection';
import {
  childKey,
  type AccessFolderNode,
  type AccountFolderNode,
  type AccountNode,
  type AccountPrincipalNode,
  type AssignmentNode,
  type ExplorerNode,
  type FolderKind,
  type WorkspaceNode,
} from './nodes';
import { scimTreePage, type TreePage, type TreePageFetcher } from './paging';
import type { Learned } from './rowState';

/** The account API returns at most 100 rows a page, whatever is asked. */
export const ACCOUNT_PAGE_SIZE = ACCOUNT_MAX_PAGE_SIZE;
export const ACCOUNT_FOLDERS: readonly FolderKind[] = ['users', 'groups', 'servicePrincipals'];

export function accountKey(accountId: string): string {
  return `account:${accountId}`;
}

function accountOf(connections: Connections, host: string): Promise<AccountAccess> {
  if (!connections.account) return Promise.reject(new Error('Account features are not available here.'));
  return connections.account(host);
}

// ---- accounts at the root -----------------------------------------------------------------

/**
 * The accounts behind the configured workspaces, asked for all at once and without prompting. A
 * workspace whose account cannot be found that way adds no row (its own row shows a missing
 * credential; Add Members… on an account group asks for an unknown account id).
 */
export async function discoverAccounts(connections: Connections): Promise<AccountNode[]> {
  if (!connections.account) return [];
  const workspaces = connections.list();
  const settled = await Promise.allSettled(workspaces.map((ws) => accountOf(connections, ws.host)));
  const found = new Map<string, { host: string; workspaces: string[] }>();
  settled.forEach((result, i) => {
    const ws = workspaces[i];
    if (!ws || result.status === 'rejected') return;
    const entry = found.get(result.value.accountId) ?? { host: ws.host, workspaces: [] };
    entry.workspaces.push(ws.name || ws.host);
    found.set(result.value.accountId, entry);
  });
  return [...found].map(([accountId, { host, workspaces: names }]): AccountNode => ({
    kind: 'account',
    key: accountKey(accountId),
    host,
    parent: undefined,
    accountId,
    workspaces: names,
  }));
}

// ---- account folders ----------------------------------------------------------------------

/**
 * The Account row of `accountId` as the tree keys it, for a feature that changed something under it
 * and wants that row's folders reloaded (a refresh of a row not shown is a no-op).
 */
export function accountNodeFor(host: string, accountId: string): AccountNode {
  return { kind: 'account', key: accountKey(accountId), host, parent: undefined, accountId, workspaces: [] };
}

export function accountFolderNode(account: AccountNode, folder: FolderKind): AccountFolderNode {
  return {
    kind: 'accountFolder',
    key: childKey(account, folder),
    host: account.host,
    parent: account,
    accountId: account.accountId,
    folder,
  };
}

/** The three folders with the first page of each, fetched in parallel; a failed one retries when opened. */
export async function loadAccount(
  connections: Connections,
  account: AccountNode,
): Promise<{ folders: AccountFolderNode[]; firstPages: Map<FolderKind, TreePage> }> {
  await accountOf(connections, account.host); // a missing sign-in fails here, once
  const folders = ACCOUNT_FOLDERS.map((f) => accountFolderNode(account, f));
  const settled = await Promise.allSettled(folders.map((f) => fetchAccountFolderPage(connections, f, 1)));
  const firstPages = new Map<FolderKind, TreePage>();
  settled.forEach((result, i) => {
    const folder = folders[i];
    if (folder && result.status === 'fulfilled') firstPages.set(folder.folder, result.value);
  });
  return { folders, firstPages };
}

export function accountFolderPageFetcher(connections: Connections, folder: AccountFolderNode): TreePageFetcher {
  return (startIndex) => fetchAccountFolderPage(connections, folder, startIndex);
}

async function fetchAccountFolderPage(
  connections: Connections,
  folder: AccountFolderNode,
  startIndex: number,
): Promise<TreePage> {
  const { client } = await accountOf(connections, folder.host);
  const opts = { startIndex, count: ACCOUNT_PAGE_SIZE };
  switch (folder.folder) {
    case 'users':
      return scimTreePage(await client.listPage('user', opts), (u: ScimUser) =>
        accountPrincipal(folder, 'user', u.id, u.displayName || u.userName, u.userName, u.active),
      );
    case 'groups':
      return scimTreePage(await client.listPage('group', opts), (g: ScimGroup) => ({
        ...accountPrincipal(folder, 'group', g.id, g.displayName),
        ...(g.externalId ? { externalId: g.externalId } : {}),
      }));
    case 'servicePrincipals':
      return scimTreePage(await client.listPage('servicePrincipal', opts), (s: ScimServicePrincipal) =>
        accountPrincipal(folder, 'servicePrincipal', s.id, s.displayName || s.applicationId, s.applicationId, s.active),
      );
  }
}

function accountPrincipal(
  parent: ExplorerNode,
  kind: AccountPrincipalNode['principalKind'],
  id: string,
  display: string,
  detail?: string,
  active?: boolean,
  memberOf?: string,
): AccountPrincipalNode {
  const accountId = parent.kind === 'accountFolder' || parent.kind === 'accountPrincipal' ? parent.accountId : '';
  return {
    kind: 'accountPrincipal',
    key: childKey(parent, memberOf === undefined ? id : `m${id}`),
    host: parent.host,
    parent,
    accountId,
    principalKind: kind,
    id,
    display: display || detail || id,
    ...(detail && detail !== display ? { detail } : {}),
    ...(active === undefined ? {} : { active }),
    ...(memberOf === undefined ? {} : { memberOf }),
  };
}

const KIND_ORDER: Record<string, number> = { group: 0, user: 1, servicePrincipal: 2, unknown: 3 };

function byKindThenName(a: ScimMember, b: ScimMember): number {
  return (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) || a.display.localeCompare(b.display);
}

/** Members shown per page of a group's (in-memory) member list. */
export const ACCOUNT_MEMBER_PAGE_SIZE = 100;

function slicePager(all: readonly ExplorerNode[]): TreePageFetcher {
  return (startIndex) => {
    const nodes = all.slice(startIndex - 1, startIndex - 1 + ACCOUNT_MEMBER_PAGE_SIZE);
    const end = startIndex + nodes.length;
    return Promise.resolve({ nodes, next: end <= all.length ? end : undefined, total: all.length });
  };
}

/**
 * An account group's direct members (one GET by id: lists carry none) and, beside it, who manages
 * the group (its rule set; a failure there only leaves the managers unknown).
 */
export async function loadAccountGroupMembers(
  connections: Connections,
  node: AccountPrincipalNode,
): Promise<{ first: TreePage; fetch: TreePageFetcher; learned: Learned }> {
  const { client } = await accountOf(connections, node.host);
  const [group, managers] = await Promise.all([
    client.get('group', node.id),
    client.managers.managers(node.id).catch(() => undefined),
  ]);
  const members = [...(group.members ?? [])].sort(byKindThenName);
  const nodes = members.map((m) =>
    accountPrincipal(node, m.kind, m.id, m.display, undefined, undefined, group.displayName),
  );
  const fetch = slicePager(nodes);
  const learned: Learned = { count: members.length, ...(managers ? { managers } : {}) };
  return { first: await fetch(1), fetch, learned };
}

// ---- a workspace's Access folder ------------------------------------------------------------

export function accessFolderNode(ws: WorkspaceNode): AccessFolderNode {
  return { kind: 'accessFolder', key: childKey(ws, 'access'), host: ws.host, parent: ws };
}

const LEVEL_ORDER = (a: PermissionAssignment): number => (a.permissions.includes('ADMIN') ? 0 : 1);

/** Who is assigned to the workspace: admins first, then groups, users, service principals, by name. */
export async function loadAccess(connections: Connections, folder: AccessFolderNode): Promise<AssignmentNode[]> {
  const { client, workspaceId } = await accountOf(connections, folder.host);
  const assignments = await client.assignments.list(workspaceId);
  return assignments
    .sort(
      (a, b) =>
        LEVEL_ORDER(a) - LEVEL_ORDER(b) ||
        (KIND_ORDER[a.principal.kind] ?? 9) - (KIND_ORDER[b.principal.kind] ?? 9) ||
        nameOf(a).localeCompare(nameOf(b)),
    )
    .map((a) => ({
      kind: 'assignment',
      key: childKey(folder, a.principal.principalId),
      host: folder.host,
      parent: folder,
      principalKind: a.principal.kind,
      principalId: a.principal.principalId,
      display: nameOf(a),
      ...(a.principal.name && a.principal.name !== nameOf(a) ? { detail: a.principal.name } : {}),
      permissions: a.permissions,
      ...(a.error === undefined ? {} : { error: a.error }),
    }));
}

function nameOf(a: PermissionAssignment): string {
  return a.principal.displayName || a.principal.name || a.principal.principalId;
}

/** The members of an assigned group (read from the account): each holds the group's levels through it. */
export async function loadAssignedGroupMembers(
  connections: Connections,
  node: AssignmentNode,
): Promise<{ first: TreePage; fetch: TreePageFetcher; learned: Learned }> {
  const { client } = await accountOf(connections, node.host);
  const group = await client.get('group', node.principalId);
  const through = [...(node.through ?? []), group.displayName || node.display];
  const nodes = [...(group.members ?? [])].sort(byKindThenName).map((m): AssignmentNode => ({
    kind: 'assignment',
    key: childKey(node, `m${m.id}`),
    host: node.host,
    parent: node,
    principalKind: m.kind,
    principalId: m.id,
    display: m.display || m.id,
    permissions: node.permissions,
    through,
  }));
  const fetch = slicePager(nodes);
  return { first: await fetch(1), fetch, learned: { count: nodes.length } };
}
