// The Databricks side of a whole workspace in a handful of listings, for drift of all groups:
// every group WITH its members, every user (id, userName, displayName) and every service
// principal. Per-group reads (GET /Groups/{id}, then id filters for the members' userNames) cost
// about 2 requests a group — 10,000 for 5,000 groups, 40 minutes at a workspace's ~255 GETs a
// minute — and id filters on users and groups are not even accepted everywhere. Listings need no
// filter at all and, with the whole directory at hand, no lookup for "does this person exist".
//
// Groups are listed with members in pages whose size comes from the first page: a first page of
// FIRST_GROUP_PAGE groups shows how many members groups here carry, and the rest is paged so that a
// page holds about MEMBER_BUDGET members (by the 90th percentile, so one 20,000-member group does
// not shrink every later page, while a workspace of big groups does not get giant pages). A group
// is never split: the page holding a 20k-member group is big, but only that one.

import type { ScimClient } from '../scim/client';
import { parseJson } from '../http/json';
import { parseGroup, parseListResponse } from '../scim/parse';
import { collectAll, pageThrough } from '../scim/paging';
import type { MemberDetails } from '../scim/memberDetails';
import type { ScimGroup, ScimPage } from '../scim/types';
import { assembleGroup, candidatesOf, type DatabricksSide, type GroupRow } from './databricksSide';
import type { EntraMember, UserKey } from './types';

export const FIRST_GROUP_PAGE = 100;
/** Members (one short JSON object each, ~100 bytes) a group page aims at. */
export const MEMBER_BUDGET = 20_000;
export const MIN_GROUP_PAGE = 10;
export const MAX_GROUP_PAGE = 2_000;
/** Users and service principals per page: the SDKs' own page size, ~100 bytes a projected row. */
export const DIRECTORY_PAGE = 10_000;
/** Pages of one listing in flight: two listings at once stay within a workspace's 4 concurrent requests. */
export const SNAPSHOT_CONCURRENCY = 2;

export interface SnapshotUser {
  id: string;
  userName: string;
  displayName?: string;
}

export interface SnapshotServicePrincipal {
  id: string;
  applicationId: string;
  displayName?: string;
}

export interface DatabricksSnapshot {
  /** Every group, with `members` (empty list when it has none). */
  groups: ScimGroup[];
  users: SnapshotUser[];
  servicePrincipals: SnapshotServicePrincipal[];
  /** The page size chosen for groups after the first page (for logs and the bench). */
  groupPageSize: number;
}

/** Every user (id, userName, displayName), then every service principal: no filter, pages of DIRECTORY_PAGE. */
export async function listDirectory(
  scim: ScimClient,
  signal?: AbortSignal,
): Promise<Pick<DatabricksSnapshot, 'users' | 'servicePrincipals'>> {
  const listing = { pageSize: DIRECTORY_PAGE, concurrency: SNAPSHOT_CONCURRENCY, ...(signal ? { signal } : {}) };
  const users = await collectAll(scim.listAll('user', { ...listing, attributes: ['id', 'userName', 'displayName'] }));
  const servicePrincipals = await collectAll(
    scim.listAll('servicePrincipal', { ...listing, attributes: ['id', 'applicationId', 'displayName'] }),
  );
  return {
    users: users.map((u) => ({
      id: u.id,
      userName: u.userName,
      ...(u.displayName ? { displayName: u.displayName } : {}),
    })),
    servicePrincipals: servicePrincipals.map((s) => ({
      id: s.id,
      applicationId: s.applicationId,
      ...(s.displayName ? { displayName: s.displayName } : {}),
    })),
  };
}

/** Page size for the rest of the groups, from the member counts of the first page. */
export function groupPageSize(memberCounts: readonly number[]): number {
  const sorted = [...memberCounts].sort((a, b) => a - b);
  const p90 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))] ?? 1;
  return Math.max(MIN_GROUP_PAGE, Math.min(MAX_GROUP_PAGE, Math.floor(MEMBER_BUDGET / Math.max(1, p90))));
}

/** Every group with its members, in pages sized from the first page (see the top of this file). */
export async function listGroupsWithMembers(
  scim: ScimClient,
  signal: AbortSignal | undefined,
): Promise<{ groups: ScimGroup[]; pageSize: number }> {
  const fetchPage = async (
    startIndex: number,
    count: number,
    pageSignal?: AbortSignal,
  ): Promise<ScimPage<ScimGroup>> => {
    const query = { attributes: 'id,displayName,externalId,members', startIndex, count };
    const res = await scim.send('GET', '/Groups', {
      query,
      what: 'the group list',
      ...(pageSignal ? { signal: pageSignal } : {}),
    });
    const page = parseListResponse(parseJson(res.bodyText), startIndex, parseGroup);
    if (!page) throw new Error(`${scim.host}: the group list is not a SCIM ListResponse`);
    return page;
  };
  const first = await fetchPage(1, FIRST_GROUP_PAGE, signal);
  const groups = new Map(first.items.map((g) => [g.id, g]));
  const pageSize = groupPageSize(first.items.map((g) => g.members?.length ?? 0));
  const offset = first.returned;
  if (offset === 0 || (first.totalResults !== undefined && offset >= first.totalResults))
    return { groups: [...groups.values()].map(withMembers), pageSize };
  // The rest through the shared pager (parallel window, server clamps, changes while paging,
  // repeated pages), seen as a listing that starts after the first page.
  const rest = pageThrough<ScimGroup>(
    async (start, count, pageSignal) => {
      const page = await fetchPage(start + offset, count, pageSignal);
      return {
        ...page,
        startIndex: start,
        ...(page.totalResults !== undefined ? { totalResults: Math.max(0, page.totalResults - offset) } : {}),
      };
    },
    { pageSize, concurrency: SNAPSHOT_CONCURRENCY, idOf: (g) => g.id, ...(signal ? { signal } : {}) },
  );
  for await (const page of rest) for (const g of page.items) if (!groups.has(g.id)) groups.set(g.id, g);
  return { groups: [...groups.values()].map(withMembers), pageSize };
}

function withMembers(g: ScimGroup): ScimGroup {
  return g.members ? g : { ...g, members: [] };
}

/**
 * The snapshot indexed for per-group reads without a request. `sideOf` answers exactly what
 * loadDatabricksSide would for the same group (same assembly, same candidates): the directory holds
 * the principals a filter for those candidates would return — users and service principals by key
 * (case-insensitively, as Databricks stores them in lower case), groups by displayName
 * (case-insensitively, as SCIM compares it) and by externalId (exactly).
 */
export class SnapshotIndex {
  private readonly groupsById = new Map<string, ScimGroup>();
  private readonly usersById = new Map<string, SnapshotUser>();
  private readonly usersByName = new Map<string, SnapshotUser>();
  private readonly spsById = new Map<string, SnapshotServicePrincipal>();
  private readonly spsByApp = new Map<string, SnapshotServicePrincipal>();
  private readonly groupsByName = new Map<string, ScimGroup[]>();
  private readonly groupsByExternalId = new Map<string, ScimGroup[]>();

  constructor(readonly snapshot: DatabricksSnapshot) {
    for (const u of snapshot.users) {
      this.usersById.set(u.id, u);
      this.usersByName.set(u.userName.toLowerCase(), u);
    }
    for (const s of snapshot.servicePrincipals) {
      this.spsById.set(s.id, s);
      this.spsByApp.set(s.applicationId.toLowerCase(), s);
    }
    for (const g of snapshot.groups) {
      this.groupsById.set(g.id, g);
      push(this.groupsByName, g.displayName.toLowerCase(), g);
      if (g.externalId) push(this.groupsByExternalId, g.externalId, g);
    }
  }

  group(id: string): ScimGroup | undefined {
    return this.groupsById.get(id);
  }

  sideOf(
    groupId: string,
    entraMembers: readonly EntraMember[],
    userKey: UserKey = 'userPrincipalName',
  ): DatabricksSide {
    const scimGroup = this.groupsById.get(groupId);
    if (!scimGroup) throw new Error(`Databricks group ${groupId} is not in the snapshot`);
    const details: MemberDetails[] = [];
    const memberGroups: GroupRow[] = [];
    for (const m of scimGroup.members ?? []) {
      if (m.kind === 'group') {
        const g = this.groupsById.get(m.id);
        if (g) memberGroups.push(row(g));
        continue;
      }
      const base: MemberDetails = { id: m.id, type: m.kind, displayName: m.display };
      const u = m.kind === 'user' ? this.usersById.get(m.id) : undefined;
      const s = m.kind === 'servicePrincipal' ? this.spsById.get(m.id) : undefined;
      if (u) details.push({ ...base, userName: u.userName, displayName: u.displayName ?? u.userName });
      else if (s)
        details.push({ ...base, applicationId: s.applicationId, displayName: s.displayName ?? s.applicationId });
      else details.push(base);
    }
    const group = assembleGroup(scimGroup, details, memberGroups);
    const c = candidatesOf(group, entraMembers, userKey);
    const groups = new Map<string, GroupRow>();
    for (const name of c.groupNames)
      for (const g of this.groupsByName.get(name.toLowerCase()) ?? []) groups.set(g.id, row(g));
    for (const id of c.groupExternalIds)
      for (const g of this.groupsByExternalId.get(id) ?? []) groups.set(g.id, row(g));
    return {
      group,
      directory: {
        users: [...c.userNames].flatMap((n) => {
          const u = this.usersByName.get(n);
          return u
            ? [{ id: u.id, userName: u.userName, ...(u.displayName ? { displayName: u.displayName } : {}) }]
            : [];
        }),
        servicePrincipals: [...c.appIds].flatMap((a) => {
          const s = this.spsByApp.get(a);
          return s
            ? [{ id: s.id, applicationId: s.applicationId, ...(s.displayName ? { displayName: s.displayName } : {}) }]
            : [];
        }),
        groups: [...groups.values()],
      },
    };
  }
}

function row(g: ScimGroup): GroupRow {
  return { id: g.id, displayName: g.displayName, ...(g.externalId ? { externalId: g.externalId } : {}) };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
