// Records → SCIM JSON, with `attributes` / `excludedAttributes` applied while rendering rather than
// afterwards: listing 5,000 groups with `attributes=id,displayName` must not build 20,000 member
// objects only to throw them away. Empty multi-valued attributes are left out, as Databricks does
// (removing unset entitlements answers "No such attribute", so absent is the natural form).

import type { Directory } from './directory';
import { membershipsOf } from './membership';
import {
  RESOURCE_OF_KIND,
  displayOf,
  type GroupRecord,
  type PrincipalRecord,
  type ServicePrincipalRecord,
  type UserRecord,
} from './records';

export const USER_SCHEMAS = [
  'urn:ietf:params:scim:schemas:core:2.0:User',
  'urn:ietf:params:scim:schemas:extension:workspace:2.0:User',
];
export const GROUP_SCHEMAS = ['urn:ietf:params:scim:schemas:core:2.0:Group'];
export const SP_SCHEMAS = ['urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal'];
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

type Json = Record<string, unknown>;

/** Which groups the host shows (a workspace does not show account groups it is not assigned). */
export type Visible = (rec: PrincipalRecord) => boolean;

const ALL_VISIBLE: Visible = () => true;

/** Which attributes a response carries. `id` and `schemas` always survive. */
export class Projection {
  static readonly ALL = new Projection(undefined, new Map());

  /** top-level name (lower case) → sub-attributes (lower case) to keep; an empty set = the whole attribute. */
  private constructor(
    private readonly include: Map<string, Set<string>> | undefined,
    private readonly exclude: Map<string, Set<string>>,
  ) {}

  static parse(attributes: string | undefined, excludedAttributes: string | undefined): Projection {
    const include = attributes ? parsePaths(attributes) : undefined;
    if (include) {
      include.set('id', new Set());
      include.set('schemas', new Set());
    }
    const exclude = excludedAttributes ? parsePaths(excludedAttributes) : new Map<string, Set<string>>();
    exclude.delete('id');
    exclude.delete('schemas');
    if (!include && exclude.size === 0) return Projection.ALL;
    return new Projection(include, exclude);
  }

  /** Whether any part of the top-level attribute `name` is wanted (so it is worth computing). */
  wants(name: string): boolean {
    const key = name.toLowerCase();
    if (this.include && !this.include.has(key)) return false;
    const ex = this.exclude.get(key);
    return !(ex && ex.size === 0);
  }

  /** Trims sub-attributes (`name.givenName`, `emails.value`) of an attribute that is wanted. */
  trim(name: string, value: unknown): unknown {
    const key = name.toLowerCase();
    const keep = this.include?.get(key);
    const drop = this.exclude.get(key);
    if ((!keep || keep.size === 0) && (!drop || drop.size === 0)) return value;
    const pick = (obj: unknown): unknown => {
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return obj;
      const out: Json = {};
      for (const [k, v] of Object.entries(obj)) {
        const sub = k.toLowerCase();
        if (keep && keep.size > 0 && !keep.has(sub)) continue;
        if (drop?.has(sub)) continue;
        out[k] = v;
      }
      return out;
    };
    return Array.isArray(value) ? value.map(pick) : pick(value);
  }
}

/** "userName, name.givenName, urn:…:User:emails.value" → {username: {}, name: {givenname}, emails: {value}}. */
function parsePaths(list: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const raw of list.split(',')) {
    let path = raw.trim();
    if (!path) continue;
    // A schema-qualified path ("urn:ietf:params:scim:schemas:core:2.0:User:userName") names the
    // attribute after the last colon.
    if (path.toLowerCase().startsWith('urn:')) path = path.slice(path.lastIndexOf(':') + 1);
    const [top, sub] = path.toLowerCase().split('.', 2) as [string, string | undefined];
    const existing = out.get(top);
    if (sub === undefined) out.set(top, new Set());
    else if (!existing) out.set(top, new Set([sub]));
    else if (existing.size > 0) existing.add(sub);
  }
  return out;
}

function setIf(out: Json, p: Projection, name: string, value: () => unknown): void {
  if (!p.wants(name)) return;
  const v = value();
  if (v === undefined) return;
  if (Array.isArray(v) && v.length === 0) return;
  out[name] = p.trim(name, v);
}

function valueList(values: readonly string[]): { value: string }[] {
  return values.map((value) => ({ value }));
}

function ref(rec: PrincipalRecord): string {
  return `${RESOURCE_OF_KIND[rec.kind]}/${rec.id}`;
}

/** `groups` of a user or service principal: direct and (through nesting) indirect. */
function groupsOf(dir: Directory, id: string, visible: Visible): Json[] {
  return membershipsOf(dir, id)
    .filter(({ group }) => visible(group))
    .map(({ group, type }) => ({
      display: group.displayName,
      type,
      value: group.id,
      $ref: ref(group),
    }));
}

function renderUser(dir: Directory, u: UserRecord, p: Projection, visible: Visible): Json {
  const out: Json = { schemas: USER_SCHEMAS, id: u.id };
  setIf(out, p, 'userName', () => u.userName);
  setIf(out, p, 'displayName', () => u.displayName);
  setIf(out, p, 'name', () =>
    u.givenName === undefined && u.familyName === undefined
      ? undefined
      : { givenName: u.givenName, familyName: u.familyName },
  );
  setIf(out, p, 'active', () => u.active);
  setIf(out, p, 'emails', () => u.emails.map((value, i) => ({ value, type: 'work', primary: i === 0 })));
  setIf(out, p, 'entitlements', () => valueList(u.entitlements));
  setIf(out, p, 'groups', () => groupsOf(dir, u.id, visible));
  setIf(out, p, 'roles', () => valueList(u.roles));
  setIf(out, p, 'externalId', () => u.externalId);
  setIf(out, p, 'meta', () => ({ resourceType: 'User' }));
  return out;
}

function renderServicePrincipal(dir: Directory, sp: ServicePrincipalRecord, p: Projection, visible: Visible): Json {
  const out: Json = { schemas: SP_SCHEMAS, id: sp.id };
  setIf(out, p, 'applicationId', () => sp.applicationId);
  setIf(out, p, 'displayName', () => sp.displayName);
  setIf(out, p, 'active', () => sp.active);
  setIf(out, p, 'entitlements', () => valueList(sp.entitlements));
  setIf(out, p, 'groups', () => groupsOf(dir, sp.id, visible));
  setIf(out, p, 'roles', () => valueList(sp.roles));
  setIf(out, p, 'externalId', () => sp.externalId);
  setIf(out, p, 'meta', () => ({ resourceType: 'ServicePrincipal' }));
  return out;
}

function renderGroup(dir: Directory, g: GroupRecord, p: Projection, visible: Visible): Json {
  const out: Json = { schemas: GROUP_SCHEMAS, id: g.id };
  setIf(out, p, 'displayName', () => g.displayName);
  setIf(out, p, 'externalId', () => g.externalId);
  setIf(out, p, 'members', () => {
    const members: Json[] = [];
    for (const id of g.members) {
      const m = dir.get(id);
      if (m) members.push({ display: displayOf(m), value: m.id, $ref: ref(m) });
    }
    return members;
  });
  // A group's `groups` are its parents; only direct ones, as Terraform reads them.
  setIf(out, p, 'groups', () =>
    [...dir.parentsOf(g.id)].flatMap((pid) => {
      const parent = dir.groups.get(pid);
      return parent && visible(parent)
        ? [{ display: parent.displayName, type: 'direct', value: parent.id, $ref: ref(parent) }]
        : [];
    }),
  );
  setIf(out, p, 'entitlements', () => valueList(g.entitlements));
  setIf(out, p, 'roles', () => valueList(g.roles));
  setIf(out, p, 'meta', () => ({ resourceType: g.accountGroup ? 'Group' : 'WorkspaceGroup' }));
  return out;
}

export function renderPrincipal(
  dir: Directory,
  rec: PrincipalRecord,
  p: Projection = Projection.ALL,
  visible: Visible = ALL_VISIBLE,
): Json {
  switch (rec.kind) {
    case 'user':
      return renderUser(dir, rec, p, visible);
    case 'group':
      return renderGroup(dir, rec, p, visible);
    case 'servicePrincipal':
      return renderServicePrincipal(dir, rec, p, visible);
  }
}
