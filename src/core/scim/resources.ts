// What differs between Users, Groups and ServicePrincipals, in one table, so the client's list /
// get / create / patch / delete code is written once.

import { assertAttributeName } from './filter';
import { parseGroup, parseServicePrincipal, parseUser } from './parse';
import type {
  NewGroup,
  NewServicePrincipal,
  NewUser,
  PrincipalKind,
  ScimGroup,
  ScimServicePrincipal,
  ScimUser,
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

export const USERS: KindSpec<ScimUser> = {
  kind: 'user',
  path: 'Users',
  noun: 'user',
  listAttributes: ['id', 'userName', 'displayName', 'active'],
  neverListed: [],
  parse: parseUser,
};

export const GROUPS: KindSpec<ScimGroup> = {
  kind: 'group',
  path: 'Groups',
  noun: 'group',
  // meta carries resourceType, which tells a workspace group from a read-only account group.
  listAttributes: ['id', 'displayName', 'externalId', 'meta'],
  neverListed: ['members'],
  parse: parseGroup,
};

export const SERVICE_PRINCIPALS: KindSpec<ScimServicePrincipal> = {
  kind: 'servicePrincipal',
  path: 'ServicePrincipals',
  noun: 'service principal',
  listAttributes: ['id', 'applicationId', 'displayName', 'active'],
  neverListed: [],
  parse: parseServicePrincipal,
};

export function specFor(kind: PrincipalKind): KindSpec<ScimUser | ScimGroup | ScimServicePrincipal> {
  switch (kind) {
    case 'user':
      return USERS;
    case 'group':
      return GROUPS;
    case 'servicePrincipal':
      return SERVICE_PRINCIPALS;
  }
}

/** Validated, de-duplicated attribute list for a query parameter. */
/** `/Me` without entitlements: with them, the workspace scans the caller's permissions, slowly. */
export const ME_ATTRIBUTES = ['id', 'userName', 'displayName'] as const;

export function attributeList(names: readonly string[]): string {
  return [...new Set(names.map(assertAttributeName))].join(',');
}

const valueList = (ids: readonly string[] | undefined): { value: string }[] | undefined =>
  ids === undefined || ids.length === 0 ? undefined : [...new Set(ids)].map((value) => ({ value }));

/** JSON object without undefined members (undefined would serialise away anyway; this is explicit). */
function defined(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}

export function newUserBody(u: NewUser): Record<string, unknown> {
  return defined({
    schemas: [USER_SCHEMA],
    // Databricks stores userName lower-cased; sending it so keeps what we compare equal to what is stored.
    userName: u.userName.trim().toLowerCase(),
    displayName: u.displayName,
    active: u.active,
    externalId: u.externalId,
    entitlements: valueList(u.entitlements),
    groups: valueList(u.groups),
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
  return defined({
    schemas: [SERVICE_PRINCIPAL_SCHEMA],
    applicationId: sp.applicationId,
    displayName: sp.displayName,
    active: sp.active,
    externalId: sp.externalId,
    entitlements: valueList(sp.entitlements),
    groups: valueList(sp.groups),
  });
}
