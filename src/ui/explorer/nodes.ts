// The explorer's nodes: plain data, one discriminated union on `kind`. Loaders make them and never
// change them afterwards: what is learned later (counts, entitlements, drift, busy state, token
// expiry) is row state, kept by the provider and handed to the renderer beside the node (see
// rowState.ts). Commands receive nodes; every node keeps its parent so `getParent` (and therefore
// `reveal`) works, and has a stable `key` used as TreeItem.id.
import type { GroupSource, MemberKind, PrincipalKind } from '../../core/scim/types';
import type { AuthKind } from '../common/connection';

/** Why a ghost member is shown under a group after a comparison. */
export type GhostFinding = 'missing' | 'notProvisioned' | 'nestedOnly';

export type FolderKind = 'users' | 'groups' | 'servicePrincipals';

interface NodeBase {
  /** Stable, unique in the tree: TreeItem.id and the cache key. */
  readonly key: string;
  /** Normalized workspace host this node belongs to. */
  readonly host: string;
  readonly parent: ExplorerNode | undefined;
}

export interface WorkspaceNode extends NodeBase {
  readonly kind: 'workspace';
  readonly name: string;
  readonly auth: AuthKind;
}

export interface FolderNode extends NodeBase {
  readonly kind: 'folder';
  readonly folder: FolderKind;
}

export interface UserNode extends NodeBase {
  readonly kind: 'user';
  readonly id: string;
  readonly userName: string;
  readonly displayName?: string;
  readonly active?: boolean;
  /** Set when shown as a group of a principal: reached directly or through nesting. */
  readonly direct?: boolean;
  /** As the list or record that made the node had them; learned values are row state. */
  readonly entitlements?: readonly string[];
}

export interface GroupNode extends NodeBase {
  readonly kind: 'group';
  readonly id: string;
  readonly displayName: string;
  readonly source?: GroupSource;
  readonly memberCount?: number;
  /** Set when shown under a principal's groups: direct or inherited through nesting. */
  readonly direct?: boolean;
  readonly entitlements?: readonly string[];
  readonly externalId?: string;
}

export interface ServicePrincipalNode extends NodeBase {
  readonly kind: 'servicePrincipal';
  readonly id: string;
  readonly applicationId: string;
  readonly displayName?: string;
  readonly active?: boolean;
  readonly entitlements?: readonly string[];
}

/** A member of a group (the group is `groupId`); a group member expands to its own members. */
export interface MemberNode extends NodeBase {
  readonly kind: 'member';
  readonly groupId: string;
  readonly groupName: string;
  readonly id: string;
  readonly memberKind: MemberKind;
  readonly display: string;
  /** userName or applicationId, when known. */
  readonly detail?: string;
  /** Source of the group it is a member of (account-group members cannot be removed here). */
  readonly groupSource?: GroupSource;
  readonly active?: boolean;
}

/** Drift: a member Entra has and Databricks lacks. */
export interface MissingMemberNode extends NodeBase {
  readonly kind: 'missingMember';
  readonly groupId: string;
  readonly principalKind: PrincipalKind;
  readonly principalKey: string;
  readonly display: string;
  /** Which finding it stands for; undefined = plain "missing". */
  readonly finding?: GhostFinding;
  /** Nested Entra groups it arrives through (nestedOnly). */
  readonly via?: readonly string[];
  /** Whether the Entra connector adds it on its own. */
  readonly connectorWillFix?: boolean;
}

export interface EntitlementNode extends NodeBase {
  readonly kind: 'entitlement';
  readonly principalKind: PrincipalKind;
  readonly principalId: string;
  readonly value: string;
}

/** "Load more…": the next page of a paged list under `parent`. */
export interface LoadMoreNode extends NodeBase {
  readonly kind: 'loadMore';
  readonly nextStartIndex: number;
}

export interface NodeAction {
  readonly command: string;
  readonly title: string;
  readonly args?: readonly unknown[];
}

export interface ErrorNode extends NodeBase {
  readonly kind: 'error';
  readonly message: string;
  /** e.g. "Update token…" on 401/403, "Sign in…" for Entra. */
  readonly action?: NodeAction;
}

export interface EmptyNode extends NodeBase {
  readonly kind: 'empty';
  readonly message: string;
}

export type PrincipalNode = UserNode | GroupNode | ServicePrincipalNode;

// ---- identity federation: the account behind the workspaces, and who may use each workspace ----

/**
 * One account behind the configured workspaces (`key` = `account:<id>`). `host` is the workspace
 * through which the account is reached (`Connections.account(host)`); `workspaces` name all of them.
 */
export interface AccountNode extends NodeBase {
  readonly kind: 'account';
  readonly accountId: string;
  readonly workspaces: readonly string[];
}

/** Users, Groups or Service Principals of an account (account SCIM, pages of at most 100). */
export interface AccountFolderNode extends NodeBase {
  readonly kind: 'accountFolder';
  readonly accountId: string;
  readonly folder: FolderKind;
}

/** A user, group or service principal at account level; an account group expands to its members. */
export interface AccountPrincipalNode extends NodeBase {
  readonly kind: 'accountPrincipal';
  readonly accountId: string;
  readonly principalKind: MemberKind;
  readonly id: string;
  readonly display: string;
  /** userName or applicationId, when known. */
  readonly detail?: string;
  readonly active?: boolean;
  readonly externalId?: string;
  /** Set when shown as a member of an account group: that group's name. */
  readonly memberOf?: string;
}

/** "Access" under a workspace: the account's permission assignments for it. */
export interface AccessFolderNode extends NodeBase {
  readonly kind: 'accessFolder';
}

export type WorkspacePermissionLevel = 'USER' | 'ADMIN';

/**
 * A principal that may use the workspace: assigned directly, or (`through` set) a member of an
 * assigned group, which passes on its levels. An assigned group expands to its members.
 */
export interface AssignmentNode extends NodeBase {
  readonly kind: 'assignment';
  readonly principalKind: MemberKind;
  readonly principalId: string;
  readonly display: string;
  /** userName, group name or application id, when known. */
  readonly detail?: string;
  readonly permissions: readonly WorkspacePermissionLevel[];
  /** The assigned group and the nested groups below it the principal is reached through, outermost first. */
  readonly through?: readonly string[];
  /** The service reports the assignment broken. */
  readonly error?: string;
}

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
  | EmptyNode
  | AccountNode
  | AccountFolderNode
  | AccountPrincipalNode
  | AccessFolderNode
  | AssignmentNode;

export function childKey(parent: ExplorerNode | undefined, part: string): string {
  return parent ? `${parent.key}/${part}` : part;
}

/** The workspace node above any node. */
export function workspaceOf(node: ExplorerNode): WorkspaceNode | undefined {
  let n: ExplorerNode | undefined = node;
  while (n && n.kind !== 'workspace') n = n.parent;
  return n;
}
