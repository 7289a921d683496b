// Account SCIM (`{accountsHost}/api/2.0/accounts/{id}/scim/v2`) over the shared transport and the
// workspace client's reads, listing, paging and PATCH code (scim/endpoint.ts). What differs from a
// workspace: pages of at most 100, lists of groups never carry members (read them by id), a member
// is removed only with `members[value eq "…"]`, and every membership write is read back
// (membershipCheck.ts).

import type { SendOptions } from '../databricks/send';
import type { HttpMethod, HttpResponse } from '../http/types';
import { ScimEndpoint, type CallOptions } from '../scim/endpoint';
import { FilterSupport } from '../scim/filterSupport';
import { Listings } from '../scim/listing';
import { MemberWrites, type AddMembersResult } from '../scim/memberWrites';
import { positiveInt } from '../scim/query';
import { GROUPS, newGroupBody } from '../scim/resources';
import type { ScimGroup } from '../scim/types';
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

export interface MembershipWriteResult extends AddMembersResult {
  /** Member ids read back after the write (the group's direct members). */
  members: string[];
}

export class AccountClient extends ScimEndpoint {
  readonly connection: AccountConnection;
  readonly baseUrl: string;
  readonly pageSize: number;
  readonly filterSupport = new FilterSupport();
  /** Workspace permission assignments, over the same connection. */
  readonly assignments: WorkspaceAssignments;
  /** Group managers (rule sets), over the same connection. */
  readonly managers: GroupManagers;
  protected readonly lists: Listings;
  private readonly members: MemberWrites;

  constructor(private readonly opts: AccountClientOptions) {
    super();
    this.connection = new AccountConnection(opts);
    this.assignments = new WorkspaceAssignments(this.connection);
    this.managers = new GroupManagers(this.connection);
    this.baseUrl = `${this.connection.accountBase}/scim/v2`;
    this.pageSize = Math.min(positiveInt(opts.pageSize, ACCOUNT_MAX_PAGE_SIZE, 'pageSize'), ACCOUNT_MAX_PAGE_SIZE);
    this.members = new MemberWrites(
      (kind, id, ops, o) => this.patchPrincipal(kind, id, ops, o),
      opts.maxMembersPerPatch ?? 100,
    );
    this.lists = new Listings({
      getJson: (path, o) => this.getJson(path, o),
      getOne: (spec, id, o) => this.getOne(spec, id, o),
      shapeError: (method, path, detail) => this.shapeError(method, path, detail),
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

  /** A new account group (members optional); entitlements are per workspace and cannot be given here. */
  createGroup(
    group: { displayName: string; externalId?: string; members?: readonly string[] },
    opts: CallOptions = {},
  ): Promise<ScimGroup> {
    return this.create(GROUPS, newGroupBody(group), opts);
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

  send(method: HttpMethod, path: string, opts: SendOptions = {}): Promise<HttpResponse> {
    return this.connection.send(this.baseUrl, method, path, opts);
  }

  protected shapeError(method: string, path: string, detail: string): Error {
    return this.connection.shapeError(method, path, detail);
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}
