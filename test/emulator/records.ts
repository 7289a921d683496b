// What the emulator stores. Records are immutable values: every write builds a new record and puts
// it in the directory. That is what lets the consistency-lag replica replay writes later (it just
// receives the same record objects) and lets tests hold a record without it changing underneath.
// SCIM JSON is rendered from these on each request (render.ts), so derived fields — `groups`
// with direct/indirect, member `display` and `$ref` — are always computed, never stored.

export interface UserRecord {
  readonly kind: 'user';
  readonly id: string;
  /** Always lower case: Databricks stores it that way. */
  readonly userName: string;
  readonly displayName?: string;
  readonly givenName?: string;
  readonly familyName?: string;
  readonly active: boolean;
  readonly emails: readonly string[];
  readonly entitlements: readonly string[];
  readonly roles: readonly string[];
  readonly externalId?: string;
  readonly created: number;
}

export interface GroupRecord {
  readonly kind: 'group';
  readonly id: string;
  readonly displayName: string;
  readonly externalId?: string;
  /** Direct member ids, in the order they were added. */
  readonly members: ReadonlySet<string>;
  readonly entitlements: readonly string[];
  readonly roles: readonly string[];
  /** An account group seen through an identity-federated workspace: readable, not writable here. */
  readonly accountGroup: boolean;
  readonly created: number;
}

export interface ServicePrincipalRecord {
  readonly kind: 'servicePrincipal';
  readonly id: string;
  readonly applicationId: string;
  readonly displayName: string;
  readonly active: boolean;
  readonly entitlements: readonly string[];
  readonly roles: readonly string[];
  readonly externalId?: string;
  readonly created: number;
}

export type PrincipalRecord = UserRecord | GroupRecord | ServicePrincipalRecord;
export type PrincipalKind = PrincipalRecord['kind'];

/** The workspace system groups: they cannot be deleted or renamed. */
export const SYSTEM_GROUPS: ReadonlySet<string> = new Set(['admins', 'users']);

export const ENTITLEMENTS: ReadonlySet<string> = new Set([
  'workspace-access',
  'databricks-sql-access',
  'allow-cluster-create',
  'allow-instance-pool-create',
  'workspace-consume',
]);

/** SCIM resource names and their collection path segment. */
export const RESOURCE_OF_KIND: Readonly<Record<PrincipalKind, 'Users' | 'Groups' | 'ServicePrincipals'>> = {
  user: 'Users',
  group: 'Groups',
  servicePrincipal: 'ServicePrincipals',
};

export function displayOf(rec: PrincipalRecord): string {
  return rec.kind === 'user' ? (rec.displayName ?? rec.userName) : rec.displayName;
}

/** Human noun used in error details: "User not found.", "Service principal not found.". */
export function nounOf(kind: PrincipalKind): string {
  return kind === 'user' ? 'User' : kind === 'group' ? 'Group' : 'Service principal';
}
