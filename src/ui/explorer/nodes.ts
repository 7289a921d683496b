// The explorer's nodes: plain data, one discriminated union on `kind`. Loaders make
// them, the renderer turns them into TreeItems, commands receive them. Every node keeps its parent
// so `getParent` (and therefore `reveal`) works, and has a stable `key` used as TreeItem.id.
import type { GroupSource, MemberKind, PrincipalKind } from '../../core/scim/types';
import type { AuthKind } from '../common/connection';
import type { AbsentMember, GroupDriftMark } from './driftLens';

export type FolderKind = 'users' | 'groups' | 'servicePrincipals';

interface NodeBase {
  /** Stable, unique in the tree: TreeItem.id and the cache key. */
  key: string;
  /** Normalized workspace host this node belongs to. */
  host: string;
  parent: ExplorerNode | undefined;
}

export interface WorkspaceNode extends NodeBase {
  kind: 'workspace';
  name: string;
  auth: AuthKind;
  /** e.g. "expires in 12 days", for the tooltip (PAT workspaces whose token id is known). */
  tokenExpiry?: string;
  /** After an Entra comparison: "6 of 9 differ from Entra". */
  driftRollup?: string;
}

export interface FolderNode extends NodeBase {
  kind: 'folder';
  folder: FolderKind;
  /** totalResults from the first page, once known. */
  count?: number;
  /** Groups folder, after an Entra comparison: "6 of 9 differ from Entra". */
  driftRollup?: string;
}

export interface UserNode extends NodeBase {
  kind: 'user';
  id: string;
  userName: string;
  displayName?: string;
  active?: boolean;
  /** Set when shown as a group of a principal: reached directly or through nesting. */
  direct?: boolean;
  /** Known once the user was expanded (or fetched for reveal). */
  entitlements?: string[];
}

export interface GroupNode extends NodeBase {
  kind: 'group';
  id: string;
  displayName: string;
  source?: GroupSource;
  memberCount?: number;
  /** Set when shown under a principal's groups: direct or inherited through nesting. */
  direct?: boolean;
  /** Known once the group was expanded. */
  entitlements?: string[];
  externalId?: string;
  /** Set from the drift store when the last Entra comparison found differences or was incomplete. */
  drift?: GroupDriftMark;
  /** Set from the drift store for a compared group without findings: in sync, or no Entra group and why. */
  driftStatus?: { text: string; why?: string };
}

export interface ServicePrincipalNode extends NodeBase {
  kind: 'servicePrincipal';
  id: string;
  applicationId: string;
  displayName?: string;
  active?: boolean;
  /** Known once the service principal was expanded (or fetched for reveal). */
  entitlements?: string[];
}

/** A member of a group (the group is `groupId`); a group member expands to its own members. */
export interface MemberNode extends NodeBase {
  kind: 'member';
  groupId: string;
  groupName: string;
  id: string;
  memberKind: MemberKind;
  display: string;
  /** userName or applicationId, when known. */
  detail?: string;
  /** Source of the group it is a member of (account-group members cannot be removed here). */
  groupSource?: GroupSource;
  active?: boolean;
  /** For a group member: its own member count, once expanded. */
  memberCount?: number;
  /** The last Entra comparison found it in Databricks only (an `extra` finding). */
  extra?: boolean;
}

/** Drift: a member Entra has and Databricks lacks. */
export interface MissingMemberNode extends NodeBase {
  kind: 'missingMember';
  groupId: string;
  principalKind: PrincipalKind;
  principalKey: string;
  display: string;
  /** Which finding it stands for; undefined = plain "missing". */
  finding?: AbsentMember['finding'];
  /** Nested Entra groups it arrives through (nestedOnly). */
  via?: string[];
  /** Whether the Entra connector adds it on its own. */
  connectorWillFix?: boolean;
}

export interface EntitlementNode extends NodeBase {
  kind: 'entitlement';
  principalKind: PrincipalKind;
  principalId: string;
  value: string;
}

/** "Load more…": the next page of a paged list under `parent`. */
export interface LoadMoreNode extends NodeBase {
  kind: 'loadMore';
  nextStartIndex: number;
}

export interface NodeAction {
  command: string;
  title: string;
  args?: unknown[];
}

export interface ErrorNode extends NodeBase {
  kind: 'error';
  message: string;
  /** e.g. "Update token…" on 401/403, "Sign in…" for Entra. */
  action?: NodeAction;
}

export interface EmptyNode extends NodeBase {
  kind: 'empty';
  message: string;
}

export type PrincipalNode = UserNode | GroupNode | ServicePrincipalNode;

export type ExplorerNode =
  | WorkspaceNode
  | FolderNode
  | UserNode
  | GroupNode
  | ServicePrincipalNode
  | MemberNode
  | MissingMemberNode
  | EntitlementNode
  | LoadMoreNode
  | ErrorNode
  | EmptyNode;

export function childKey(parent: ExplorerNode | undefined, part: string): string {
  return parent ? `${parent.key}/${part}` : part;
}

/** The workspace node above any node. */
export function workspaceOf(node: ExplorerNode): WorkspaceNode | undefined {
  let n: ExplorerNode | undefined = node;
  while (n && n.kind !== 'workspace') n = n.parent;
  return n;
}
