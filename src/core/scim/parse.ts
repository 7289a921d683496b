// Wire JSON → typed resources. Tolerant by design: a missing optional field stays undefined, an
// entry without an id is dropped (it could not be acted on anyway), nothing here throws. A list
// answer that is not a list at all is the exception: it is reported (undefined), never emptied.

import { isRecord, readBoolean, readNumber, readRecords, readString, type JsonRecord } from '../http/json';
import type {
  GroupSource,
  MemberKind,
  ScimGroup,
  ScimGroupRef,
  ScimMember,
  ScimPage,
  ScimServicePrincipal,
  ScimUser,
} from './types';

const REF_KIND = /(?:^|\/)(users|groups|serviceprincipals)\/[^/?#]*\/?(?:[?#].*)?$/i;

/**
 * Member kind from a `$ref` such as "Users/123", "https://host/api/2.0/preview/scim/v2/Groups/9" or
 * "serviceprincipals/7"; falls back to a `type` of "User"/"Group"/"ServicePrincipal" (some servers
 * and Entra-style payloads use it) and otherwise says 'unknown' rather than guessing.
 */
export function memberKind(ref: string | undefined, type: string | undefined): MemberKind {
  if (ref !== undefined) {
    const m = REF_KIND.exec(ref.trim());
    if (m) return kindFromWord(m[1] ?? '');
  }
  if (type !== undefined) {
    const k = kindFromWord(type.replace(/[\s_-]/g, '').replace(/s$/i, '') + 's');
    if (k !== 'unknown') return k;
  }
  return 'unknown';
}

function kindFromWord(word: string): MemberKind {
  switch (word.toLowerCase()) {
    case 'users':
      return 'user';
    case 'groups':
      return 'group';
    case 'serviceprincipals':
      return 'servicePrincipal';
    default:
      return 'unknown';
  }
}

export function parseMember(obj: JsonRecord): ScimMember | undefined {
  const id = readString(obj, 'value');
  if (id === undefined || id === '') return undefined;
  return {
    id,
    display: readString(obj, 'display') ?? id,
    kind: memberKind(readString(obj, '$ref'), readString(obj, 'type')),
  };
}

export function parseGroupRef(obj: JsonRecord): ScimGroupRef | undefined {
  const id = readString(obj, 'value');
  if (id === undefined || id === '') return undefined;
  // Only "indirect" marks a nested membership; a missing type means the server did not say, and a
  // group listed on the principal itself is direct in every payload seen.
  const type = readString(obj, 'type');
  return { id, display: readString(obj, 'display') ?? id, direct: type?.toLowerCase() !== 'indirect' };
}

function values(obj: JsonRecord, key: string): string[] | undefined {
  const recs = readRecords(obj, key);
  if (recs === undefined) return undefined;
  return recs.map((r) => readString(r, 'value')).filter((v): v is string => v !== undefined);
}

function compact<T>(items: (T | undefined)[]): T[] {
  return items.filter((i): i is T => i !== undefined);
}

function groupRefs(obj: JsonRecord): ScimGroupRef[] | undefined {
  const recs = readRecords(obj, 'groups');
  return recs === undefined ? undefined : compact(recs.map(parseGroupRef));
}

/**
 * A resource from its record: undefined without an id (it could not be acted on anyway); the
 * optional fields only where present, so "absent" stays absent (no `key: undefined`).
 */
function resource<T extends object>(
  raw: unknown,
  required: (rec: JsonRecord, id: string) => T,
  optional: (rec: JsonRecord) => Record<string, unknown>,
): T | undefined {
  if (!isRecord(raw)) return undefined;
  const id = readString(raw, 'id');
  if (id === undefined || id === '') return undefined;
  const present = Object.entries(optional(raw)).filter(([, v]) => v !== undefined);
  return Object.assign(required(raw, id), Object.fromEntries(present));
}

/** What users and service principals both carry. */
function principalFields(rec: JsonRecord): Record<string, unknown> {
  return {
    displayName: readString(rec, 'displayName'),
    active: readBoolean(rec, 'active'),
    externalId: readString(rec, 'externalId'),
    entitlements: values(rec, 'entitlements'),
    groups: groupRefs(rec),
  };
}

export function parseUser(raw: unknown): ScimUser | undefined {
  return resource<ScimUser>(
    raw,
    (rec, id) => ({ id, userName: readString(rec, 'userName') ?? '' }),
    (rec) => ({ ...principalFields(rec), emails: values(rec, 'emails') }),
  );
}

export function parseServicePrincipal(raw: unknown): ScimServicePrincipal | undefined {
  return resource<ScimServicePrincipal>(
    raw,
    (rec, id) => ({ id, applicationId: readString(rec, 'applicationId') ?? '' }),
    principalFields,
  );
}

export function groupSource(raw: JsonRecord): GroupSource | undefined {
  const meta = raw['meta'];
  if (!isRecord(meta)) return undefined;
  const type = readString(meta, 'resourceType');
  if (type === 'WorkspaceGroup') return 'workspace';
  if (type === 'Group') return 'account';
  return undefined;
}

export function parseGroup(raw: unknown): ScimGroup | undefined {
  return resource<ScimGroup>(
    raw,
    (rec, id) => ({ id, displayName: readString(rec, 'displayName') ?? '' }),
    (rec) => {
      const members = readRecords(rec, 'members');
      return {
        externalId: readString(rec, 'externalId'),
        source: groupSource(rec),
        members: members === undefined ? undefined : compact(members.map(parseMember)),
        groups: groupRefs(rec),
        entitlements: values(rec, 'entitlements'),
      };
    },
  );
}

/**
 * A ListResponse page, or undefined when the answer is not one. `Resources` may be absent only
 * when `totalResults` says there is nothing at `startIndex` (0 results, or a page past the end):
 * an HTML login page, `{}` or a list of another shape parsed as "no results" would look like an
 * empty workspace, and a reconcile would remove everyone.
 */
export function parseListResponse<T>(
  raw: unknown,
  startIndex: number,
  parse: (item: unknown) => T | undefined,
): ScimPage<T> | undefined {
  if (!isRecord(raw)) return undefined;
  const totalResults = readNumber(raw, 'totalResults');
  if (totalResults !== undefined && !(Number.isInteger(totalResults) && totalResults >= 0)) return undefined;
  const rawResources = raw['Resources'];
  if (rawResources === undefined && (totalResults === undefined || startIndex <= totalResults)) return undefined;
  if (rawResources !== undefined && !Array.isArray(rawResources)) return undefined;
  const resources: unknown[] = Array.isArray(rawResources) ? rawResources : [];
  return { items: compact(resources.map(parse)), startIndex, totalResults, returned: resources.length };
}
