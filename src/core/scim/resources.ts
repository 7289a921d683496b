// What differs between Users, Groups and ServicePrincipals, in one table, so the client's list /
// get / create / patch / delete code is written once.

import { assertAttributeName } from './filter';
import { parseGroup, parseServicePrincipal, parseUser } from './parse';
import {
  KIND_NOUNS,
  type NewGroup,
  type NewServicePrincipal,
  type NewUser,
  type PrincipalKind,
  type PrincipalOf,
  type ScimGroup,
  type ScimServicePrincipal,
  type ScimUser,
} from './types';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const SERVICE_PRINCIPAL_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal';

export interface KindSpec<T> {
  kind: PrincipalKind;
  /** Collection path below the SCIM base. */
  path: 'Users' | 'Groups' | 'ServicePrincipals';
  /** For messages: "user 123 was not found". */
  noun: string;
  /** Attributes a list row needs (ask only for what is shown). */
  listAttributes: readonly string[];
  /** Never requested in lists, whatever the caller asks (members of big groups time out lists). */
  neverListed: readonly string[];
  parse: (raw: unknown) => T | undefined;
}

function kindSpec<K extends PrincipalKind>(
  kind: K,
  path: KindSpec<unknown>['path'],
  parse: (raw: unknown) => PrincipalOf[K] | undefined,
  listAttributes: readonly string[],
  neverListed: readonly string[] = [],
): KindSpec<PrincipalOf[K]> {
  return { kind, path, noun: KIND_NOUNS[kind], listAttributes, neverListed, parse };
}

export const USERS = kindSpec('user', 'Users', parseUser, ['id', 'userName', 'displayName', 'active']);
// meta carries resourceType, which tells a workspace group from a read-only account group.
export const GROUPS = kindSpec('group', 'Groups', parseGroup, ['id', 'displayName', 'externalId', 'meta'], ['members']);
export const SERVICE_PRINCIPALS = kindSpec('servicePrincipal', 'ServicePrincipals', parseServicePrincipal, [
  'id',
  'applicationId',
  'displayName',
  'active',
]);

/** The attribute that names a principal uniquely: what people type, and what lookups filter on. */
export const NAME_ATTRIBUTE = {
  user: 'userName',
  group: 'displayName',
  servicePrincipal: 'applicationId',
} as const satisfies Record<PrincipalKind, string>;

/** A principal's unique name (the value of its NAME_ATTRIBUTE). */
export function principalName(p: ScimUser | ScimGroup | ScimServicePrincipal): string {
  if ('userName' in p) return p.userName;
  return 'applicationId' in p ? p.applicationId : p.displayName;
}

const SPECS: { readonly [K in PrincipalKind]: KindSpec<PrincipalOf[K]> } = {
  user: USERS,
  group: GROUPS,
  servicePrincipal: SERVICE_PRINCIPALS,
};

export function specFor<K extends PrincipalKind>(kind: K): KindSpec<PrincipalOf[K]> {
  return SPECS[kind];
}

/** `/Me` without entitlements: with them, the workspace scans the caller's permissions, slowly. */
export const ME_ATTRIBUTES = ['id', 'userName', 'displayName'] as const;

/** Validated, de-duplicated attribute list for a query parameter. */
export function attributeList(names: readonly string[]): string {
  return [...new Set(names.map(assertAttributeName))].join(',');
}

const valueList = (ids: readonly string[] | undefined): { value: string }[] | undefined =>
  ids === undefined || ids.length === 0 ? undefined : [...new Set(ids)].map((value) => ({ value }));

/** JSON object without undefined members (undefined would serialise away anyway; this is explicit). */
function defined(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}

/** The fields users and service principals share in a create body. */
function principalFields(p: NewUser | NewServicePrincipal): Record<string, unknown> {
  return {
    displayName: p.displayName,
    active: p.active,
    externalId: p.externalId,
    entitlements: valueList(p.entitlements),
    groups: valueList(p.groups),
  };
}

export function newUserBody(u: NewUser): Record<string, unknown> {
  return defined({
    schemas: [USER_SCHEMA],
    // Databricks stores userName lower-cased; sending it so keeps what we compare equal to what is stored.
    userName: u.userName.trim().toLowerCase(),
    ...principalFields(u),
  });
}

export function newGroupBody(g: NewGroup): Record<string, unknown> {
  return defined({
    schemas: [GROUP_SCHEMA],
    displayName: g.displayName,
    externalId: g.externalId,
    members: valueList(g.members),
    entitlements: valueList(g.entitlements),
  });
}

export function newServicePrincipalBody(sp: NewServicePrincipal): Record<string, unknown> {
  return defined({ schemas: [SERVICE_PRINCIPAL_SCHEMA], applicationId: sp.applicationId, ...principalFields(sp) });
}
