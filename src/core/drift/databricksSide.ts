// The Databricks half of a comparison, read over SCIM: the group with its direct members (with
// userName / applicationId / externalId, which `GET /Groups/{id}` does not carry) and the
// directory entries the Entra members could resolve to. Lookups are `or`-filters of up to 100
// values per request (resolve.ts does the same for typed names), only for Entra members that are
// not already in the group, so an in-sync 20k-member group costs no directory requests at all.

import type { ScimClient } from '../scim/client';
import { orChunks } from '../scim/filter';
import { describeMembers, type MemberDetails } from '../scim/memberDetails';
import type { ScimGroup } from '../scim/types';
import { collectAll } from '../scim/paging';
import type { DatabricksDirectory, DatabricksGroup, DatabricksMember, EntraMember, UserKey } from './types';

export interface DatabricksSide {
  group: DatabricksGroup;
  directory: DatabricksDirectory;
}

export async function loadDatabricksSide(
  scim: ScimClient,
  groupId: string,
  entraMembers: readonly EntraMember[],
  opts: { userKey?: UserKey; signal?: AbortSignal } = {},
): Promise<DatabricksSide> {
  const signal = opts.signal;
  const userKey = opts.userKey ?? 'userPrincipalName';
  const scimGroup = await scim.get('group', groupId, { signal });
  const scimMembers = scimGroup.members ?? [];
  const groupIds = scimMembers.filter((m) => m.kind === 'group').map((m) => m.id);
  const [details, memberGroups] = await Promise.all([
    describeMembers(
      scim,
      scimMembers.filter((m) => m.kind === 'user' || m.kind === 'servicePrincipal'),
      { signal },
    ),
    listGroupsBy(scim, 'id', groupIds, signal),
  ]);
  const group = assembleGroup(scimGroup, details, memberGroups);
  const { userNames, appIds, groupNames, groupExternalIds } = candidatesOf(group, entraMembers, userKey);
  const [users, servicePrincipals, byName, byExternalId] = await Promise.all([
    Promise.all(
      orChunks('userName', [...userNames]).map((filter) =>
        collectAll(scim.listAll('user', { filter, signal, attributes: ['id', 'userName', 'displayName'] })),
      ),
    ),
    Promise.all(
      orChunks('applicationId', [...appIds]).map((filter) =>
        collectAll(
          scim.listAll('servicePrincipal', { filter, signal, attributes: ['id', 'applicationId', 'displayName'] }),
        ),
      ),
    ),
    listGroupsBy(scim, 'displayName', [...groupNames], signal),
    listGroupsBy(scim, 'externalId', [...groupExternalIds], signal),
  ]);
  const groups = new Map([...byName, ...byExternalId].map((g) => [g.id, g]));
  return {
    group,
    directory: {
      users: users
        .flat()
        .map((u) => ({ id: u.id, userName: u.userName, ...(u.displayName ? { displayName: u.displayName } : {}) })),
      servicePrincipals: servicePrincipals.flat().map((s) => ({
        id: s.id,
        applicationId: s.applicationId,
        ...(s.displayName ? { displayName: s.displayName } : {}),
      })),
      groups: [...groups.values()],
    },
  };
}

export interface GroupRow {
  id: string;
  displayName: string;
  externalId?: string;
}

/** The group as computeDrift takes it: user and SP members with their keys, then member groups. */
export function assembleGroup(
  scimGroup: ScimGroup,
  details: readonly MemberDetails[],
  memberGroups: readonly GroupRow[],
): DatabricksGroup {
  const scimMembers = scimGroup.members ?? [];
  const members: DatabricksMember[] = [];
  for (const d of details) {
    if (d.type !== 'user' && d.type !== 'servicePrincipal') continue;
    members.push({
      id: d.id,
      type: d.type,
      displayName: d.displayName,
      ...(d.userName ? { userName: d.userName } : {}),
      ...(d.applicationId ? { applicationId: d.applicationId } : {}),
    });
  }
  const byId = new Map(memberGroups.map((g) => [g.id, g]));
  for (const m of scimMembers.filter((x) => x.kind === 'group')) {
    const g = byId.get(m.id);
    members.push({
      id: m.id,
      type: 'group',
      displayName: g?.displayName ?? m.display,
      ...(g?.externalId ? { externalId: g.externalId } : {}),
    });
  }
  return {
    id: scimGroup.id,
    displayName: scimGroup.displayName,
    ...(scimGroup.externalId ? { externalId: scimGroup.externalId } : {}),
    ...(scimGroup.source ? { source: scimGroup.source } : {}),
    members,
  };
}

export interface Candidates {
  /** Lower-case keys of Entra users / SPs that are not members already. */
  userNames: Set<string>;
  appIds: Set<string>;
  /** Names and object ids of the Entra groups met (as members or on a member's path). */
  groupNames: Set<string>;
  groupExternalIds: Set<string>;
}

/**
 * What the directory must be asked about: Entra principals (and the nested groups they arrive through) not already
 * members.
 */
export function candidatesOf(
  group: DatabricksGroup,
  entraMembers: readonly EntraMember[],
  userKey: UserKey,
): Candidates {
  const haveUsers = new Set(group.members.map((m) => m.userName?.toLowerCase()).filter(isString));
  const haveApps = new Set(group.members.map((m) => m.applicationId?.toLowerCase()).filter(isString));
  const out: Candidates = {
    userNames: new Set(),
    appIds: new Set(),
    groupNames: new Set(),
    groupExternalIds: new Set(),
  };
  for (const m of entraMembers) {
    const key =
      m.type === 'user'
        ? m[userKey]?.trim().toLowerCase()
        : m.type === 'servicePrincipal'
          ? m.appId?.trim().toLowerCase()
          : undefined;
    if (m.type === 'user' && key && !haveUsers.has(key)) out.userNames.add(key);
    if (m.type === 'servicePrincipal' && key && !haveApps.has(key)) out.appIds.add(key);
    const groups = m.type === 'group' ? [{ id: m.id, displayName: m.displayName }] : [];
    for (const g of [...groups, ...(m.via ?? [])]) {
      out.groupExternalIds.add(g.id);
      if (g.displayName) out.groupNames.add(g.displayName);
    }
  }
  return out;
}

async function listGroupsBy(
  scim: ScimClient,
  attr: 'id' | 'displayName' | 'externalId',
  values: readonly string[],
  signal: AbortSignal | undefined,
): Promise<Array<{ id: string; displayName: string; externalId?: string }>> {
  const pages = await Promise.all(
    orChunks(attr, values).map((filter) =>
      collectAll(scim.listAll('group', { filter, signal, attributes: ['id', 'displayName', 'externalId'] })),
    ),
  );
  return pages
    .flat()
    .map((g) => ({ id: g.id, displayName: g.displayName, ...(g.externalId ? { externalId: g.externalId } : {}) }));
}

function isString(v: string | undefined): v is string {
  return v !== undefined;
}
