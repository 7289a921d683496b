// Account SCIM (`{accountsHost}/api/2.0/accounts/{id}/scim/v2`) over the shared transport and the
// workspace client's listing, paging and PATCH code. What differs from a workspace: pages of at
// most 100, lists of groups never carry members (read them by id), a member is removed only with
// `members[value eq "…"]`, and every membership write is read back (membershipCheck.ts).

import { parseJson } from '../http/json';
import { FilterSupport } from '../scim/filterSupport';
import { eq } from '../scim/filter';
import { Listings } from '../scim/listing';
import { MemberWrites, type AddMembersResult } from '../scim/memberWrites';
import { patchBody, type PatchOperation } from '../scim/patch';
import { encodeId, positiveInt } from '../scim/query';
import {
  GROUPS,
  SERVICE_PRINCIPALS,
  USERS,
  attributeList,
  newGroupBody,
  specFor,
  type KindSpec,
} from '../scim/resources';
import type { SendOptions } from '../databricks/send';
import type {
  ListAllOptions,
  ListPageOptions,
  ScimGroup,
  ScimPage,
  ScimServicePrincipal,
  ScimUser,
} from '../scim/types';
import { WorkspaceAssignments } from './assignments';
import { AccountConnection, type AccountConnectionOptions } from './connection';
import { GroupManagers } from './groupManagers';
import { verifyMembership, type ReadBackOptions } from './membershipCheck';

/** The most the account API returns per page, whatever is asked. */
export const ACCOUNT_MAX_PAGE_SIZE = 100;
/** Two pages in flight: the account takes 240 listings a minute, shared by everyone. */
export const ACCOUNT_LIST_CONCURRENCY = 2;

export interface AccountClientOptions extends AccountConnectionOptions {
  /** Page size (capped at 100). */
  pageSize?: number;
  /** Members per PATCH in addMembers / removeMembers; default 100. */
  maxMembersPerPatch?: number;
  /** How membership writes are read back. */
  readBack?: ReadBackOptions;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface MembershipWriteResult extends AddMembersResult {
  /** Member ids read back after the write (the group's direct members). */
  members: string[];
}

export class AccountClient {
  readonly connection: AccountConnection;
  readonly baseUrl: string;
  readonly pageSize: number;
  readonly filterSupport = new FilterSupport();
  /** Workspace permission assignments, over the same connection. */
  readonly assignments: WorkspaceAssignments;
  /** Group managers (rule sets), over the same connection. */
  readonly managers: GroupManagers;
  private readonly lists: Listings;
  private readonly members: MemberWrites;

  constructor(private readonly opts: AccountClientOptions) {
    this.connection = new AccountConnection(opts);
    this.assignments = new WorkspaceAssignments(this.connection);
    this.managers = new GroupManagers(this.connection);
    this.baseUrl = `${this.connection.accountBase}/scim/v2`;
    this.pageSize = Math.min(positiveInt(opts.pageSize, ACCOUNT_MAX_PAGE_SIZE, 'pageSize'), ACCOUNT_MAX_PAGE_SIZE);
    this.members = new MemberWrites(
      (kind, id, ops, o) => this.patch(specFor(kind), id, ops, o),
      opts.maxMembersPerPatch ?? 100,
    );
    this.lists = new Listings({
      getJson: (path, o) => this.getJson(path, o),
      getOne: (spec, id, o) => this.getOne(spec, id, o),
      shapeError: (method, path, detail) => this.connection.shapeError(method, path, detail),
      filters: this.filterSupport,
      pageSize: this.pageSize,
      listingPageSize: this.pageSize,
      concurrency: ACCOUNT_LIST_CONCURRENCY,
      maxPageSize: ACCOUNT_MAX_PAGE_SIZE,
    });
  }

  get accountId(): string {
    return this.connection.accountId;
  }

  // ---- lists (count ≤ 100 per page) -------------------------------------------------------

  listUsersPage(opts: ListPageOptions = {}): Promise<ScimPage<ScimUser>> {
    return this.lists.page(USERS, opts);
  }
  listUsers(opts: ListAllOptions = {}): AsyncGenerator<ScimPage<ScimUser>> {
    return this.lists.all(USERS, opts);
  }
  /** Account group lists carry no members; getGroup reads them. */
  listGroupsPage(opts: ListPageOptions = {}): Promise<ScimPage<ScimGroup>> {
    return this.lists.page(GROUPS, opts);
  }
  listGroups(opts: ListAllOptions = {}): AsyncGenerator<ScimPage<ScimGroup>> {
    return this.lists.all(GROUPS, opts);
  }
  listServicePrincipalsPage(opts: ListPageOptions = {}): Promise<ScimPage<ScimServicePrincipal>> {
    return this.lists.page(SERVICE_PRINCIPALS, opts);
  }
  listServicePrincipals(opts: ListAllOptions = {}): AsyncGenerator<ScimPage<ScimServicePrincipal>> {
    return this.lists.all(SERVICE_PRINCIPALS, opts);
  }

  // ---- single resources -------------------------------------------------------------------

  getUser(id: string, opts: CallOptions = {}): Promise<ScimUser> {
    return this.getOne(USERS, id, opts);
  }
  getServicePrincipal(id: string, opts: CallOptions = {}): Promise<ScimServicePrincipal> {
    return this.getOne(SERVICE_PRINCIPALS, id, opts);
  }
  /** One group with its direct members. */
  getGroup(id: string, opts: CallOptions = {}): Promise<ScimGroup> {
    return this.getOne(GROUPS, id, opts);
  }
  async findGroupByDisplayName(displayName: string, opts: CallOptions = {}): Promise<ScimGroup | undefined> {
    return (await this.lists.page(GROUPS, { filter: eq('displayName', displayName), count: 2, ...opts })).items[0];
  }
  async findUserByUserName(userName: string, opts: CallOptions = {}): Promise<ScimUser | undefined> {
    return (await this.lists.page(USERS, { filter: eq('userName', userName.trim()), count: 2, ...opts })).items[0];
  }
  async findServicePrincipalByApplicationId(
    applicationId: string,
    opts: CallOptions = {},
  ): Promise<ScimServicePrincipal | undefined> {
    const filter = eq('applicationId', applicationId.trim());
    return (await this.lists.page(SERVICE_PRINCIPALS, { filter, count: 2, ...opts })).items[0];
  }

  /** A new account group (members optional); entitlements are per workspace and cannot be given here. */
  async createGroup(
    group: { displayName: string; externalId?: string; members?: readonly string[] },
    opts: CallOptions = {},
  ): Promise<ScimGroup> {
    const res = await this.connection.send(this.baseUrl, 'POST', '/Groups', {
      json: newGroupBody(group),
      signal: opts.signal,
      what: `the new group ${group.displayName}`,
    });
    const created = GROUPS.parse(parseJson(res.bodyText));
    if (!created) throw this.connection.shapeError('POST', '/Groups', 'the created group came back without an id');
    return created;
  }

  // ---- membership (read back after every write) -------------------------------------------

  /** Direct member ids of a group, read by id (lists carry none). */
  async memberIds(groupId: string, opts: CallOptions = {}): Promise<Set<string>> {
    const group = await this.getOne(GROUPS, groupId, { ...opts, attributes: ['id', 'displayName', 'members'] });
    return new Set((group.members ?? []).map((m) => m.id));
  }

  /**
   * Adds principals in one PATCH (per maxMembersPerPatch), then reads the group back; throws
   * MembershipNotAppliedError naming the ids that are not members although the write said 2xx.
   */
  async addMembers(
    groupId: string,
    memberIds: readonly string[],
    opts: CallOptions = {},
  ): Promise<MembershipWriteResult> {
    const result = await this.members.addMembers(groupId, memberIds, opts);
    const members = await this.readBack(groupId, memberIds, [], opts);
    return { ...result, members };
  }

  /** Removes principals (one `members[value eq "…"]` operation each), then reads the group back. */
  async removeMembers(groupId: string, memberIds: readonly string[], opts: CallOptions = {}): Promise<string[]> {
    await this.members.removeMembers(groupId, memberIds, opts);
    return this.readBack(groupId, [], memberIds, opts);
  }

  async removeMember(groupId: string, memberId: string, opts: CallOptions = {}): Promise<string[]> {
    return this.removeMembers(groupId, [memberId], opts);
  }

  private async readBack(
    groupId: string,
    added: readonly string[],
    removed: readonly string[],
    opts: CallOptions,
  ): Promise<string[]> {
    let last = new Set<string>();
    await verifyMembership(groupId, added, removed, async () => (last = await this.memberIds(groupId, opts)), {
      ...this.opts.readBack,
      ...opts,
    });
    return [...last];
  }

  // ---- transport --------------------------------------------------------------------------

  private async getOne<T>(
    spec: KindSpec<T>,
    id: string,
    opts: { attributes?: readonly string[]; signal?: AbortSignal | undefined },
  ): Promise<T> {
    const path = `/${spec.path}/${encodeId(id)}`;
    const query = opts.attributes ? { attributes: attributeList(opts.attributes) } : undefined;
    const body = await this.getJson(path, {
      ...(query ? { query } : {}),
      signal: opts.signal,
      what: `${spec.noun} ${id}`,
    });
    const item = spec.parse(body);
    if (item === undefined) throw this.connection.shapeError('GET', path, `the ${spec.noun} came back without an id`);
    return item;
  }

  private async patch<T>(
    spec: KindSpec<T>,
    id: string,
    ops: readonly PatchOperation[],
    opts: CallOptions,
  ): Promise<void> {
    // Adds of a set and removes by value are idempotent: repeating after a lost answer is harmless.
    await this.connection.send(this.baseUrl, 'PATCH', `/${spec.path}/${encodeId(id)}`, {
      json: patchBody(ops),
      idempotent: true,
      signal: opts.signal,
      what: `${spec.noun} ${id}`,
    });
  }

  private async getJson(path: string, opts: SendOptions): Promise<unknown> {
    const res = await this.connection.send(this.baseUrl, 'GET', path, opts);
    return parseJson(res.bodyText);
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}
