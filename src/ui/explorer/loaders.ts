// Loaders fetch through `Connections` (never HTTP directly) and map SCIM shapes to nodes. They
// never change a node they were given: what loading teaches about it is returned as `Learned`.
// They throw; the provider turns a failure into an error node (and never caches it).
import { DatabricksError } from '../../core/databricks/errors';
import { describeMembers, type MemberDetails } from '../../core/scim/memberDetails';
import type { ScimGroup, ScimGroupRef, ScimMember, ScimServicePrincipal, ScimUser } from '../../core/scim/types';
import type { Connections, WorkspaceConfig } from '../common/connection';
import {
  childKey,
  type EmptyNode,
  type EntitlementNode,
  type ExplorerNode,
  type FolderKind,
  type FolderNode,
  type GroupNode,
  type MemberNode,
  type PrincipalNode,
  type ServicePrincipalNode,
  type UserNode,
  type WorkspaceNode,
} from './nodes';
import { scimTreePage, type TreePage, type TreePageFetcher } from './paging';
import type { Learned } from './rowState';
import { folderNoun } from './presentation';

/** Rows per folder page: a screenful many times over, still one quick round trip (~30 KB). */
export const FOLDER_PAGE_SIZE = 200;
/**
 * Members shown per page. 100 keeps `describeMembers` (userName / applicationId of each member)
 * at one filtered request per kind, all in parallel: one extra round trip, not one per member.
 */
export const MEMBER_PAGE_SIZE = 100;

export const FOLDERS: readonly FolderKind[] = ['users', 'groups', 'servicePrincipals'];

// ---- workspaces and folders ---------------------------------------------------------------

export function workspaceNode(ws: WorkspaceConfig): WorkspaceNode {
  return {
    kind: 'workspace',
    key: childKey(undefined, ws.host),
    host: ws.host,
    parent: undefined,
    name: ws.name || ws.host,
    auth: ws.auth,
  };
}

export function folderNode(ws: WorkspaceNode, folder: FolderKind): FolderNode {
  return { kind: 'folder', key: childKey(ws, folder), host: ws.host, parent: ws, folder };
}

/**
 * The three folders with their counts. The counts come from the first page of each list, fetched
 * in parallel (one round trip); those pages are handed back so opening a folder costs nothing.
 * An auth problem on any of them is the workspace's problem and is thrown.
 */
export async function loadWorkspace(
  connections: Connections,
  ws: WorkspaceNode,
): Promise<{ folders: FolderNode[]; firstPages: Map<FolderKind, TreePage> }> {
  await connections.get(ws.host); // a missing credential fails here, before three requests
  const folders = FOLDERS.map((f) => folderNode(ws, f));
  const settled = await Promise.allSettled(folders.map((f) => fetchFolderPage(connections, f, 1)));
  const firstPages = new Map<FolderKind, TreePage>();
  settled.forEach((result, i) => {
    const folder = folders[i];
    if (!folder) return;
    if (result.status === 'rejected') {
      if (result.reason instanceof DatabricksError && result.reason.isAuthProblem) throw result.reason;
      return; // the folder retries (and shows the error) when opened
    }
    firstPages.set(folder.folder, result.value);
  });
  return { folders, firstPages };
}

export function folderPageFetcher(connections: Connections, folder: FolderNode): TreePageFetcher {
  return (startIndex) => fetchFolderPage(connections, folder, startIndex);
}

async function fetchFolderPage(connections: Connections, folder: FolderNode, startIndex: number): Promise<TreePage> {
  const { scim } = await connections.get(folder.host);
  // Sorted by the name a row shows, so a folder reads like a list people can scan.
  const opts = { startIndex, count: FOLDER_PAGE_SIZE, sortBy: 'displayName' };
  switch (folder.folder) {
    case 'users':
      return scimTreePage(await scim.listPage('user', opts), (u) => userNode(folder, u));
    case 'groups':
      return scimTreePage(await scim.listPage('group', opts), (g) => groupNode(folder, g));
    case 'servicePrincipals':
      return scimTreePage(await scim.listPage('servicePrincipal', opts), (s) => servicePrincipalNode(folder, s));
  }
}

export function emptyFolderMessage(folder: FolderKind): string {
  return `No ${folderNoun(folder)}`;
}

// ---- principals ---------------------------------------------------------------------------

export function userNode(parent: ExplorerNode, u: ScimUser): UserNode {
  return { kind: 'user', ...principalFields(parent, u), userName: u.userName };
}

export function groupNode(parent: ExplorerNode, g: ScimGroup, direct?: boolean): GroupNode {
  return {
    kind: 'group',
    key: childKey(parent, direct === undefined ? g.id : `g${g.id}`),
    host: parent.host,
    parent,
    id: g.id,
    displayName: g.displayName,
    ...(g.source ? { source: g.source } : {}),
    ...(g.externalId ? { externalId: g.externalId } : {}),
    ...(g.members ? { memberCount: g.members.length } : {}),
    ...(g.entitlements ? { entitlements: g.entitlements } : {}),
    ...(direct === undefined ? {} : { direct }),
  };
}

export function servicePrincipalNode(parent: ExplorerNode, s: ScimServicePrincipal): ServicePrincipalNode {
  return { kind: 'servicePrincipal', ...principalFields(parent, s), applicationId: s.applicationId };
}

/** What a user's and a service principal's node take alike from the record: all but the name it signs in by. */
function principalFields(
  parent: ExplorerNode,
  p: ScimUser | ScimServicePrincipal,
): Omit<ServicePrincipalNode, 'kind' | 'applicationId'> {
  return {
    key: childKey(parent, p.id),
    host: parent.host,
    parent,
    id: p.id,
    ...(p.displayName ? { displayName: p.displayName } : {}),
    ...(p.active === undefined ? {} : { active: p.active }),
    ...(p.entitlements ? { entitlements: p.entitlements } : {}),
  };
}

/** One principal by id, as a node under `folder` (reveal uses it for principals not yet paged in). */
export async function fetchPrincipalNode(
  connections: Connections,
  folder: FolderNode,
  id: string,
): Promise<PrincipalNode> {
  const { scim } = await connections.get(folder.host);
  switch (folder.folder) {
    case 'users':
      return userNode(folder, await scim.get('user', id));
    case 'groups':
      return groupNode(folder, await scim.get('group', id, { excludedAttributes: ['members'] }));
    case 'servicePrincipals':
      return servicePrincipalNode(folder, await scim.get('servicePrincipal', id));
  }
}

/** A user's or service principal's groups (direct first, then inherited) and entitlements. */
export async function loadPrincipalChildren(
  connections: Connections,
  node: UserNode | ServicePrincipalNode,
): Promise<{ children: ExplorerNode[]; learned: Learned }> {
  const { scim } = await connections.get(node.host);
  const principal =
    node.kind === 'user' ? await scim.get('user', node.id) : await scim.get('servicePrincipal', node.id);
  // What the row and tooltip show is refreshed from the full record.
  const learned: Learned = {
    entitlements: principal.entitlements ?? [],
    ...(principal.active === undefined ? {} : { active: principal.active }),
    ...(principal.displayName ? { displayName: principal.displayName } : {}),
  };
  const groups = [...(principal.groups ?? [])].sort(byDirectThenName).map((ref) => groupRefNode(node, ref));
  const entitlements = (principal.entitlements ?? []).map((value) => entitlementNode(node, value));
  const children = [...groups, ...entitlements];
  return { children: children.length > 0 ? children : [emptyNode(node, 'No groups or entitlements')], learned };
}

function groupRefNode(parent: UserNode | ServicePrincipalNode, ref: ScimGroupRef): GroupNode {
  return groupNode(parent, { id: ref.id, displayName: ref.display }, ref.direct);
}

function byDirectThenName(a: ScimGroupRef, b: ScimGroupRef): number {
  if (a.direct !== b.direct) return a.direct ? -1 : 1;
  return a.display.localeCompare(b.display);
}

function entitlementNode(parent: UserNode | ServicePrincipalNode | GroupNode, value: string): EntitlementNode {
  return {
    kind: 'entitlement',
    key: childKey(parent, `e:${value}`),
    host: parent.host,
    parent,
    principalKind: parent.kind,
    principalId: parent.id,
    value,
  };
}

// ---- group members ------------------------------------------------------------------------

const KIND_ORDER: Record<string, number> = { group: 0, user: 1, servicePrincipal: 2, unknown: 3 };

/**
 * A group's entitlements and members. One get('group', id) brings every member (id, display, kind);
 * they are shown a page at a time, each page enriched with userName / applicationId.
 */
export async function loadGroupMembers(
  connections: Connections,
  node: GroupNode | MemberNode,
): Promise<{ first: TreePage; fetch: TreePageFetcher; learned: Learned }> {
  const { scim } = await connections.get(node.host);
  const group = await scim.get('group', node.id);
  const members = [...(group.members ?? [])].sort(
    (a, b) => (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) || a.display.localeCompare(b.display),
  );
  const learned: Learned = {
    count: members.length,
    ...(node.kind === 'group' ? { entitlements: group.entitlements ?? [] } : {}),
    ...(group.source ? { source: group.source } : {}),
  };
  const fetch: TreePageFetcher = async (startIndex) => {
    const slice = members.slice(startIndex - 1, startIndex - 1 + MEMBER_PAGE_SIZE);
    const details = await describeSlice(slice, (s) => describeMembers(scim, s));
    const end = startIndex + slice.length;
    return {
      nodes: details.map((d) => memberNode(node, group, d)),
      next: end <= members.length ? end : undefined,
      total: members.length,
    };
  };
  const first = await fetch(1);
  const entitlements =
    node.kind === 'group' ? (group.entitlements ?? []).map((value) => entitlementNode(node, value)) : [];
  return { first: { ...first, nodes: [...entitlements, ...first.nodes] }, fetch, learned };
}

/** userName / applicationId make a member list useful, but the names alone still are: a failure degrades. */
async function describeSlice(
  slice: ScimMember[],
  describe: (s: ScimMember[]) => Promise<MemberDetails[]>,
): Promise<MemberDetails[]> {
  if (!slice.some((m) => m.kind === 'user' || m.kind === 'servicePrincipal')) return slice.map(plainDetails);
  try {
    return await describe(slice);
  } catch {
    return slice.map(plainDetails);
  }
}

function plainDetails(m: ScimMember): MemberDetails {
  return { id: m.id, type: m.kind, displayName: m.display };
}

function memberNode(parent: GroupNode | MemberNode, group: ScimGroup, d: MemberDetails): MemberNode {
  const detail = d.userName ?? d.applicationId;
  return {
    kind: 'member',
    key: childKey(parent, `m${d.id}`),
    host: parent.host,
    parent,
    groupId: group.id,
    groupName: group.displayName,
    id: d.id,
    memberKind: d.type,
    display: d.displayName || detail || d.id,
    ...(detail ? { detail } : {}),
    ...(group.source ? { groupSource: group.source } : {}),
    ...(d.active === undefined ? {} : { active: d.active }),
  };
}

// ---- states -------------------------------------------------------------------------------

export function emptyNode(parent: ExplorerNode, message: string): EmptyNode {
  return { kind: 'empty', key: childKey(parent, 'empty'), host: parent.host, parent, message };
}
