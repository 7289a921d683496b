// POST (create), PUT (replace) and DELETE for Users, Groups and ServicePrincipals.
// PUT is a full replace: multi-valued attributes the body leaves out — members,
// entitlements, roles, and a user's or service principal's groups — are cleared, which is why
// Terraform sends them back on every PUT. `emails` and `userName` changes are ignored, as
// Databricks documents. A group's own `groups` (its parents) is read-only here: parents are
// changed by writing to the parent.

import { json, type ApiRequest, type Reply, type Services } from './context';
import type { Change } from './directory';
import { scimError } from './errors';
import { checkGroupRename, refuseAccountGroup, refuseSystemGroup, reconcileParents, requirePrincipal } from './guards';
import type { GroupRecord, PrincipalKind, PrincipalRecord, ServicePrincipalRecord, UserRecord } from './records';
import { renderPrincipal } from './render';
import {
  attr,
  hasAttr,
  isObject,
  optionalString,
  optionalValueList,
  requireActive,
  scimBody,
  unparsable,
  type JsonObject,
} from './scimBody';
import { checkEntitlements } from './state';

export const CORE_SCHEMA: Readonly<Record<PrincipalKind, string>> = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  servicePrincipal: 'urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal',
};

function rendered(s: Services, id: string, status: number): Reply {
  const rec = s.state.directory.get(id);
  if (!rec) throw scimError(404, 'Resource not found.');
  return json(status, renderPrincipal(s.state.directory, rec, undefined, s.scope?.visible));
}

function nameParts(body: JsonObject): { givenName?: string; familyName?: string } {
  const name = attr(body, 'name');
  if (name === undefined || name === null) return {};
  if (!isObject(name)) unparsable('Attribute name must be an object.');
  const givenName = optionalString(name, 'givenName');
  const familyName = optionalString(name, 'familyName');
  return { ...(givenName !== undefined ? { givenName } : {}), ...(familyName !== undefined ? { familyName } : {}) };
}

function activeOf(body: JsonObject): boolean {
  return hasAttr(body, 'active') ? requireActive(attr(body, 'active')) : true;
}

function required(value: string | undefined, name: string): string {
  if (value === undefined || value.trim() === '')
    throw scimError(400, `Required attribute ${name} is missing.`, 'invalidValue');
  return value;
}

/** Group ids a new or replaced user/SP should be in; checked before anything is written. */
function wantedGroups(s: Services, body: JsonObject): string[] {
  const ids = optionalValueList(body, 'groups');
  for (const gid of ids) {
    const group = s.state.directory.groups.get(gid);
    if (!group || (s.scope && !s.scope.visible(group))) {
      throw scimError(400, `Group with id ${gid} does not exist.`, 'invalidValue');
    }
    refuseAccountGroup(s, group);
  }
  return ids;
}

// ---- POST ---------------------------------------------------------------------------------

export function createPrincipal(s: Services, kind: PrincipalKind, req: ApiRequest): Reply {
  const body = scimBody(req, CORE_SCHEMA[kind]);
  const entitlements = optionalValueList(body, 'entitlements');
  const roles = optionalValueList(body, 'roles');
  const externalId = optionalString(body, 'externalId');
  const common = { entitlements, roles, ...(externalId !== undefined ? { externalId } : {}) };
  let created: PrincipalRecord;
  if (kind === 'group') {
    // The response expands members with display and $ref, like the real service (DBA live test).
    created = s.state.createGroup({
      displayName: required(optionalString(body, 'displayName'), 'displayName'),
      members: optionalValueList(body, 'members'),
      ...common,
      accountGroup: s.scope?.accountLevel ?? false,
    });
  } else {
    const groups = wantedGroups(s, body);
    const active = activeOf(body);
    if (kind === 'user') {
      const emails = optionalValueList(body, 'emails');
      const displayName = optionalString(body, 'displayName');
      created = s.state.createUser({
        userName: required(optionalString(body, 'userName'), 'userName'),
        ...(displayName !== undefined ? { displayName } : {}),
        ...nameParts(body),
        active,
        ...(emails.length > 0 ? { emails } : {}),
        ...common,
      });
    } else {
      const applicationId = optionalString(body, 'applicationId');
      created = s.state.createServicePrincipal({
        ...(applicationId !== undefined ? { applicationId } : {}),
        // An Entra service principal is often created with its application id alone.
        displayName: required(optionalString(body, 'displayName') ?? applicationId, 'displayName'),
        active,
        ...common,
      });
    }
    if (groups.length > 0) s.state.commit(reconcileParents(s, created.id, groups));
  }
  s.scope?.created(created);
  return rendered(s, created.id, 201);
}

// ---- PUT ----------------------------------------------------------------------------------

export function replacePrincipal(s: Services, kind: PrincipalKind, id: string, req: ApiRequest): Reply {
  const current = requirePrincipal(s, kind, id);
  if (current.kind === 'group') refuseAccountGroup(s, current);
  const body = scimBody(req, CORE_SCHEMA[kind]);
  const entitlements = checkEntitlements(optionalValueList(body, 'entitlements'));
  const roles = [...new Set(optionalValueList(body, 'roles'))];
  const externalId = optionalString(body, 'externalId');
  const changes: Change[] = [];

  if (current.kind === 'group') {
    const displayName = required(optionalString(body, 'displayName'), 'displayName');
    checkGroupRename(s, current, displayName);
    const members = optionalValueList(body, 'members');
    s.state.checkMembersExist(members);
    s.state.checkNesting(
      id,
      members.filter((m) => !current.members.has(m)),
    );
    const next: GroupRecord = {
      kind: 'group',
      id,
      displayName,
      ...(externalId !== undefined ? { externalId } : {}),
      members: new Set(members),
      entitlements,
      roles,
      accountGroup: current.accountGroup,
      created: current.created,
    };
    changes.push({ put: next });
  } else {
    const groups = wantedGroups(s, body);
    const active = activeOf(body);
    if (current.kind === 'user') {
      const displayName = optionalString(body, 'displayName');
      const next: UserRecord = {
        kind: 'user',
        id,
        userName: current.userName,
        ...(displayName !== undefined ? { displayName } : {}),
        ...nameParts(body),
        active,
        emails: current.emails,
        entitlements,
        roles,
        ...(externalId !== undefined ? { externalId } : {}),
        created: current.created,
      };
      changes.push({ put: next });
    } else {
      const sp = current as ServicePrincipalRecord;
      const applicationId = optionalString(body, 'applicationId');
      if (applicationId !== undefined && applicationId.toLowerCase() !== sp.applicationId.toLowerCase()) {
        throw scimError(400, 'Attribute applicationId is immutable.', 'mutability');
      }
      const next: ServicePrincipalRecord = {
        kind: 'servicePrincipal',
        id,
        applicationId: sp.applicationId,
        displayName: required(optionalString(body, 'displayName'), 'displayName'),
        active,
        entitlements,
        roles,
        ...(externalId !== undefined ? { externalId } : {}),
        created: current.created,
      };
      changes.push({ put: next });
    }
    changes.push(...reconcileParents(s, id, groups));
  }
  s.state.commit(changes);
  return rendered(s, id, 200);
}

// ---- DELETE -------------------------------------------------------------------------------

export function deletePrincipal(s: Services, kind: PrincipalKind, id: string): Reply {
  const rec = requirePrincipal(s, kind, id);
  if (rec.kind === 'group') {
    refuseAccountGroup(s, rec);
    refuseSystemGroup(rec, 'delete');
  }
  s.state.deletePrincipal(id);
  return { status: 204 };
}
