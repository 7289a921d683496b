// PATCH for Users, Groups and ServicePrincipals: every form clients send, applied to a draft
// and committed only if all operations succeed (a failed PATCH changes nothing).
//
// Who does what:
// - Simple attributes (displayName, externalId, name.*) go through the scim-patch package: it
//   implements RFC 7644 §3.5.2 add/replace/remove on plain values well.
// - Multi-valued attributes (members, entitlements, roles) and `active` are handled here, because
//   Databricks differs from the RFC in ways scim-patch cannot express: members are stored as ids
//   and must exist (and not form a nesting cycle); removing entitlements that are not set is a 400
//   `invalidPath` "No such attribute…", while removing an absent member succeeds; a bare string
//   where an array of {"value"} objects belongs is a 400 `invalidSyntax`; `active` may arrive as
//   true, "false" or [{"value": "false"}]; Entra's `"$ref": null` must be tolerated.

import { parse } from 'scim2-parse-filter';
import { scimPatch, ScimError, type ScimPatchOperation, type ScimResource } from 'scim-patch';
import { json, type ApiRequest, type Reply, type Services } from './context';
import { scimError, type ScimType } from './errors';
import { liftValues } from './filter';
import { checkGroupRename, refuseAccountGroupPatch, requirePrincipal } from './guards';
import type { PrincipalKind, PrincipalRecord } from './records';
import { renderPrincipal } from './render';
import { attr, isObject, requireActive, scimBody, unparsable, valueList } from './scimBody';
import { checkEntitlements } from './state';

export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

type Op = 'add' | 'remove' | 'replace';
type ListAttr = 'members' | 'entitlements' | 'roles';

/** The simple attributes handed to scim-patch. */
interface SimpleDoc extends ScimResource {
  displayName?: string;
  externalId?: string;
  name?: { givenName?: string; familyName?: string };
}

interface Draft {
  readonly current: PrincipalRecord;
  readonly simple: SimpleDoc;
  active: boolean | undefined;
  lists: Record<ListAttr, string[]>;
  /** Attributes the operations named (lower case): an account group may only have entitlements changed here. */
  touched: Set<string>;
}

function noSuchAttribute(name: string): never {
  throw scimError(400, `No such attribute with the name : ${name} in the current resource`, 'invalidPath');
}

export function patchPrincipal(s: Services, kind: PrincipalKind, id: string, req: ApiRequest): Reply {
  const current = requirePrincipal(s, kind, id);
  const body = scimBody(req, PATCH_SCHEMA);
  const operations = attr(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) unparsable('Operations must be a non-empty array.');
  const draft = startDraft(current);
  for (const operation of operations) applyOperation(draft, operation);
  if (current.kind === 'group') refuseAccountGroupPatch(s, current, draft.touched);
  const next = finishDraft(s, draft);
  s.state.commit([{ put: next }]);
  if (s.knobs().patchStatus === 200)
    return json(200, renderPrincipal(s.state.directory, next, undefined, s.scope?.visible));
  return { status: 204 };
}

function startDraft(current: PrincipalRecord): Draft {
  const simple: SimpleDoc = {
    schemas: [],
    meta: { created: new Date(current.created), lastModified: new Date() },
    ...(current.displayName !== undefined ? { displayName: current.displayName } : {}),
    ...(current.externalId !== undefined ? { externalId: current.externalId } : {}),
  };
  if (current.kind === 'user' && (current.givenName !== undefined || current.familyName !== undefined)) {
    simple.name = {
      ...(current.givenName !== undefined ? { givenName: current.givenName } : {}),
      ...(current.familyName !== undefined ? { familyName: current.familyName } : {}),
    };
  }
  return {
    current,
    simple,
    active: current.kind === 'group' ? undefined : current.active,
    touched: new Set(),
    lists: {
      members: current.kind === 'group' ? [...current.members] : [],
      entitlements: [...current.entitlements],
      roles: [...current.roles],
    },
  };
}

function applyOperation(draft: Draft, raw: unknown): void {
  if (!isObject(raw)) unparsable('Each operation must be an object.');
  const opText = attr(raw, 'op');
  // Entra sends "Add"/"Replace"/"Remove"; the SDKs send lower case.
  const op = typeof opText === 'string' ? opText.toLowerCase() : '';
  if (op !== 'add' && op !== 'remove' && op !== 'replace') unparsable(`Unsupported op ${JSON.stringify(opText)}.`);
  const path = attr(raw, 'path');
  const value = attr(raw, 'value');
  if (path !== undefined && path !== null && typeof path !== 'string') unparsable('path must be a string.');
  if (path === undefined || path === null || path.trim() === '') {
    if (op === 'remove') throw scimError(400, 'Missing path in remove operation.', 'noTarget');
    // {"op":"add","value":{"members":[…],"displayName":"…"}}: each key is a path of its own.
    if (!isObject(value)) unparsable('Without a path, value must be an object.');
    for (const [key, v] of Object.entries(value)) applyToPath(draft, op, key, v, undefined);
    return;
  }
  if (draft.current.kind === 'user' && /^emails\b/i.test(path)) {
    // Entra may send emails[type eq "work"].value; Databricks ignores email changes.
    return;
  }
  if (path.includes('[')) {
    const { attribute, values } = parseValuePath(path);
    applyToPath(draft, op, attribute, value, values);
  } else {
    applyToPath(draft, op, path, value, undefined);
  }
}

/** `members[value eq "1" or value eq "2"]` → members, ["1", "2"]; nothing fancier is accepted. */
function parseValuePath(path: string): { attribute: string; values: string[] } {
  let ast;
  let lifted;
  try {
    lifted = liftValues(path);
    ast = parse(lifted.text);
  } catch {
    throw scimError(400, `Invalid path ${path}.`, 'invalidPath');
  }
  const { values: liftedValues } = lifted;
  if (ast.op !== '[]') throw scimError(400, `Invalid path ${path}.`, 'invalidPath');
  const values: string[] = [];
  const collect = (f: typeof ast.valFilter): void => {
    if (f.op === 'or') f.filters.forEach(collect);
    else if (f.op === 'eq' && f.attrPath.toLowerCase() === 'value' && typeof f.compValue === 'string') {
      values.push(liftedValues[Number(f.compValue.slice(1))] ?? '');
    } else {
      throw scimError(400, `Unsupported filter in path ${path}.`, 'invalidPath');
    }
  };
  collect(ast.valFilter);
  return { attribute: ast.attrPath, values };
}

function applyToPath(draft: Draft, op: Op, rawPath: string, value: unknown, filterValues: string[] | undefined): void {
  const path = rawPath.toLowerCase().startsWith('urn:') ? rawPath.slice(rawPath.lastIndexOf(':') + 1) : rawPath;
  const name = path.toLowerCase();
  const kind = draft.current.kind;
  draft.touched.add(name);
  switch (name) {
    case 'members':
      if (kind !== 'group') noSuchAttribute(path);
      return applyToList(draft, 'members', op, value, filterValues);
    case 'entitlements':
    case 'roles':
      return applyToList(draft, name, op, value, filterValues);
    case 'active':
      if (kind === 'group' || filterValues) noSuchAttribute(path);
      if (op === 'remove') unparsable('active cannot be removed.');
      draft.active = requireActive(value);
      return;
    case 'displayname':
    case 'externalid':
      if (filterValues) noSuchAttribute(rawPath);
      return applySimple(draft, op, name === 'displayname' ? 'displayName' : 'externalId', value);
    case 'name':
    case 'name.givenname':
    case 'name.familyname':
      if (kind !== 'user' || filterValues) noSuchAttribute(rawPath);
      return applySimple(
        draft,
        op,
        name === 'name' ? 'name' : name === 'name.givenname' ? 'name.givenName' : 'name.familyName',
        value,
      );
    case 'username':
    case 'emails':
    case 'emails.value':
      // Databricks ignores userName and email changes through PATCH.
      if (kind !== 'user') noSuchAttribute(rawPath);
      return;
    case 'applicationid': {
      if (kind !== 'servicePrincipal') noSuchAttribute(rawPath);
      const same = typeof value === 'string' && value.toLowerCase() === draft.current.applicationId.toLowerCase();
      if (!same) throw scimError(400, 'Attribute applicationId is immutable.', 'mutability');
      return;
    }
    default:
      noSuchAttribute(rawPath);
  }
}

function applyToList(draft: Draft, name: ListAttr, op: Op, value: unknown, filterValues: string[] | undefined): void {
  const list = draft.lists[name];
  // Removing a member that is not there is fine; removing entitlements/roles that are not set is
  // the error Terraform's entitlement resource knows.
  const requireSet = (): void => {
    if (list.length === 0 && name !== 'members') noSuchAttribute(name);
  };
  if (filterValues) {
    if (op !== 'remove') throw scimError(400, `Filtered path ${name}[…] is supported only with remove.`, 'invalidPath');
    requireSet();
    draft.lists[name] = list.filter((v) => !filterValues.includes(v));
    return;
  }
  if (op === 'remove') {
    requireSet();
    if (value === undefined || value === null) draft.lists[name] = [];
    else {
      const gone = new Set(valueList(value, name));
      draft.lists[name] = list.filter((v) => !gone.has(v));
    }
    return;
  }
  const incoming = valueList(value, name);
  if (op === 'replace') draft.lists[name] = [...new Set(incoming)];
  else draft.lists[name] = [...new Set([...list, ...incoming])];
}

function applySimple(draft: Draft, op: Op, path: string, value: unknown): void {
  if (op !== 'remove') {
    const ok = path === 'name' ? isObject(value) : typeof value === 'string';
    if (!ok) unparsable(`Attribute ${path} has the wrong type.`);
  }
  const operation: ScimPatchOperation = op === 'remove' ? { op: 'remove', path } : { op, path, value };
  try {
    scimPatch(draft.simple, [operation], { mutateDocument: true, treatMissingAsAdd: true });
  } catch (e) {
    if (e instanceof ScimError)
      throw scimError(400, e.message, (e.scimCode as ScimType | undefined) ?? 'invalidSyntax');
    throw e;
  }
}

function finishDraft(s: Services, draft: Draft): PrincipalRecord {
  const cur = draft.current;
  const { simple, lists } = draft;
  const entitlements = checkEntitlements(lists.entitlements);
  const displayName = simple.displayName;
  if (cur.kind === 'group') {
    if (!displayName) throw scimError(400, 'Required attribute displayName is missing.', 'invalidValue');
    checkGroupRename(s, cur, displayName);
    const added = lists.members.filter((m) => !cur.members.has(m));
    s.state.checkMembersExist(added);
    s.state.checkNesting(cur.id, added);
    return {
      ...cur,
      displayName,
      externalId: simple.externalId,
      members: new Set(lists.members),
      entitlements,
      roles: lists.roles,
    };
  }
  const active = draft.active ?? cur.active;
  if (cur.kind === 'servicePrincipal') {
    if (!displayName) throw scimError(400, 'Required attribute displayName is missing.', 'invalidValue');
    return { ...cur, displayName, externalId: simple.externalId, active, entitlements, roles: lists.roles };
  }
  return {
    ...cur,
    displayName,
    givenName: simple.name?.givenName,
    familyName: simple.name?.familyName,
    externalId: simple.externalId,
    active,
    entitlements,
    roles: lists.roles,
  };
}
