// Typed shapes of workspace SCIM resources as the rest of the extension sees them. Fields that a
// projection (`attributes=`) may leave out are optional: "not returned" must not look like "empty".

import type { FilterNode } from './filter';

export type PrincipalKind = 'user' | 'group' | 'servicePrincipal';
export type MemberKind = PrincipalKind | 'unknown';

/** What people call each kind, in every message and row. */
export const KIND_NOUNS: Readonly<Record<MemberKind, string>> = {
  user: 'user',
  group: 'group',
  servicePrincipal: 'service principal',
  unknown: 'unknown',
};

/** The resource type of each kind, for calls that take the kind as a value. */
export interface PrincipalOf {
  user: ScimUser;
  group: ScimGroup;
  servicePrincipal: ScimServicePrincipal;
}

/** `meta.resourceType`: "WorkspaceGroup" is workspace-local, "Group" an account group (read-only here). */
export type GroupSource = 'workspace' | 'account';

/** A member of a group, kind taken from its `$ref` (the only place SCIM encodes it). */
export interface ScimMember {
  id: string;
  /** The server's display text; the id when the server sent none. */
  display: string;
  kind: MemberKind;
}

/** A group a principal (or group) belongs to; `direct: false` means reached through nesting. */
export interface ScimGroupRef {
  id: string;
  display: string;
  direct: boolean;
}

export interface ScimUser {
  id: string;
  userName: string;
  displayName?: string;
  active?: boolean;
  externalId?: string;
  emails?: string[];
  entitlements?: string[];
  groups?: ScimGroupRef[];
}

export interface ScimGroup {
  id: string;
  displayName: string;
  externalId?: string;
  /** Undefined when `meta` was not returned or carries an unknown resourceType. */
  source?: GroupSource;
  /** Only present when read by id, `get('group', id)`: lists never ask for members. */
  members?: ScimMember[];
  /** Parent groups. */
  groups?: ScimGroupRef[];
  entitlements?: string[];
}

export interface ScimServicePrincipal {
  id: string;
  applicationId: string;
  displayName?: string;
  active?: boolean;
  externalId?: string;
  entitlements?: string[];
  groups?: ScimGroupRef[];
}

/** One page of a list call, after parsing (items without an id are dropped). */
export interface ScimPage<T> {
  items: T[];
  /** 1-based index the page was requested at. */
  startIndex: number;
  /** The server's count of all matches when this page was served; undefined if it sent none. */
  totalResults: number | undefined;
  /** How many resources the server returned (before any de-duplication by the iterator). */
  returned: number;
}

export type SortOrder = 'ascending' | 'descending';

/** Query options shared by one-page and all-pages listing. */
export interface ListQuery {
  /** A SCIM filter built with filter.ts (a string is accepted when it was rendered there). */
  filter?: string | FilterNode;
  /**
   * Attributes to return. Undefined = this kind's list default (ids and what a row shows);
   * null = no projection (the server's full representation — never members for groups).
   */
  attributes?: readonly string[] | null;
  excludedAttributes?: readonly string[];
  sortBy?: string;
  sortOrder?: SortOrder;
  signal?: AbortSignal;
  /**
   * When the workspace refuses an attribute of the filter: 'fallback' (default) answers the same
   * question another way (GET by id, or one listing matched locally); 'throw' lets the caller
   * choose, e.g. a search box that would rather narrow its filter than list every user.
   */
  onRefusedFilter?: 'fallback' | 'throw';
}

export interface ListPageOptions extends ListQuery {
  /** 1-based; default 1. */
  startIndex?: number;
  /** Page size asked for; default the client's pageSize. The server may return fewer. */
  count?: number;
}

export interface ListAllOptions extends ListQuery {
  /** Page size asked for; default the client's pageSize. */
  pageSize?: number;
  /** Pages in flight at once after the first; default the client's concurrency. */
  concurrency?: number;
}

export interface NewUser {
  userName: string;
  displayName?: string;
  active?: boolean;
  externalId?: string;
  entitlements?: readonly string[];
  /** Group ids. */
  groups?: readonly string[];
}

export interface NewGroup {
  displayName: string;
  externalId?: string;
  /** Principal ids. */
  members?: readonly string[];
  entitlements?: readonly string[];
}

export interface NewServicePrincipal {
  /** Entra application (client) id; omit for a Databricks-managed service principal. */
  applicationId?: string;
  displayName: string;
  active?: boolean;
  externalId?: string;
  entitlements?: readonly string[];
  groups?: readonly string[];
}
