// Workspace SCIM client (`${host}/api/2.0/preview/scim/v2`) over the shared HTTP transport.
// It owns SCIM semantics only: paths, projections, paging, PATCH forms, error mapping. Retries,
// timeouts, rate limits and redaction belong to the transport (src/core/http).

import { BACKGROUND_RETRY } from '../http/defaults';
import type { LimitEvent } from '../http/hostLimits';
import { eq, type FilterNode } from './filter';
import { FilterSupport } from './filterSupport';
import { Listings } from './listing';
import { positiveInt } from './query';
import { parseUser } from './parse';
import type { PatchOperation } from './patch';
import {
  GROUPS,
  SERVICE_PRINCIPALS,
  USERS,
  attributeList,
  newGroupBody,
  newServicePrincipalBody,
  newUserBody,
  ME_ATTRIBUTES,
  specFor,
  type KindSpec,
} from './resources';
import { MemberWrites, type AddMembersResult } from './memberWrites';
import { ScimRequests, type CallOptions, type GetOptions, type ScimClientOptions } from './requests';
import type {
  ListAllOptions,
  ListPageOptions,
  NewGroup,
  NewServicePrincipal,
  NewUser,
  PrincipalKind,
  ScimGroup,
  ScimPage,
  ScimServicePrincipal,
  ScimUser,
} from './types';

export type { LimitEvents } from '../databricks/send';
export type { CallOptions, GetOptions, ScimClientOptions } from './requests';

/**
 * 500 for one page: one round trip shows a useful first screen, and a projected row is ~150
 * bytes so a page stays well under 100 KB. A server that clamps lower is detected from the first
 * page and followed.
 */
export const DEFAULT_PAGE_SIZE = 500;
/**
 * 10,000 for a whole listing (what the SDKs ask for): a workspace takes ~255 GETs a minute, so
 * requests, not bytes, are what a listing runs out of. 100k users are 10 requests (~1.5 MB each
 * when projected), not 200.
 */
export const DEFAULT_LISTING_PAGE_SIZE = 10_000;
/**
 * 4 in flight per listing: the round-trip cost drops 4x when the host takes it. Requests still
 * wait for the host's shared limit in the transport, which starts lower and follows the host's
 * answers, so this is a ceiling for one listing, not a promise.
 */
export const DEFAULT_CONCURRENCY = 4;

export class ScimClient extends ScimRequests {
  readonly pageSize: number;
  readonly concurrency: number;
  readonly filterSupport: FilterSupport;
  private readonly members: MemberWrites;
  private readonly lists: Listings;

  constructor(opts: ScimClientOptions) {
    super(opts);
    this.pageSize = positiveInt(opts.pageSize, DEFAULT_PAGE_SIZE, 'pageSize');
    this.concurrency = positiveInt(opts.concurrency, DEFAULT_CONCURRENCY, 'concurrency');
    this.filterSupport = opts.filterSupport ?? new FilterSupport();
    this.members = new MemberWrites(
      (kind, id, ops, o) => this.patchPrincipal(kind, id, ops, o),
      opts.maxMembersPerPatch,
    );
    this.lists = new Listings({
      getJson: (path, o) => this.getJson(path, o),
      getOne: (spec, id, o) => this.getOne(spec, id, { ...o, ...(o.signal ? { signal: o.signal } : {}) }),
      shapeError: (method, path, detail) => this.shapeError(method, path, detail),
      filters: this.filterSupport,
      pageSize: this.pageSize,
      listingPageSize: positiveInt(opts.pageSize, DEFAULT_LISTING_PAGE_SIZE, 'pageSize'),
      concurrency: this.concurrency,
    });
  }

  /** For jobs nobody waits on (schedule, reconcile): waits longer for a busy workspace; shares the rest. */
  background(): ScimClient {
    return new ScimClient({
      ...this.opts,
      filterSupport: this.filterSupport,
      retry: { ...BACKGROUND_RETRY, ...this.opts.retry },
    });
  }

  /** Hears when this host slows the client down or lets it speed up; returns the unsubscribe. */
  onLimitChange(listener: (event: LimitEvent) => void): () => void {
    return (
      this.opts.limitEvents?.onChange((e) => {
        if (e.host === this.host) listener(e);
      }) ?? (() => undefined)
    );
  }

  // ---- users ------------------------------------------------------------------------------

  listUsersPage(opts: ListPageOptions = {}): Promise<ScimPage<ScimUser>> {
    return this.lists.page(USERS, opts);
  }
  /** All pages in startIndex order, each holding only users not yielded before. */
  listUsers(opts: ListAllOptions = {}): AsyncGenerator<ScimPage<ScimUser>> {
    return this.lists.all(USERS, opts);
  }
  getUser(id: string, opts: GetOptions = {}): Promise<ScimUser> {
    return this.getOne(USERS, id, opts);
  }
  /** Exact (lower-cased) userName lookup; undefined when there is none. */
  async findUserByUserName(userName: string, opts: CallOptions = {}): Promise<ScimUser | undefined> {
    return this.findOne(USERS, eq('userName', userName.trim()), opts);
  }
  createUser(user: NewUser, opts: CallOptions = {}): Promise<ScimUser> {
    return this.create(USERS, newUserBody(user), opts);
  }
  patchUser(id: string, ops: readonly PatchOperation[], opts: CallOptions = {}): Promise<ScimUser | undefined> {
    return this.patch(USERS, id, ops, opts);
  }
  deleteUser(id: string, opts: CallOptions = {}): Promise<void> {
    return this.remove(USERS, id, opts);
  }
  /**
   * The caller (a user, or a service principal modelled as one); cheapest way to test a token.
   * Only id and names (and the caller's groups when asked): never entitlements, which are slow.
   */
  async me(opts: CallOptions & { withGroups?: boolean } = {}): Promise<ScimUser> {
    const attributes = attributeList(opts.withGroups ? [...ME_ATTRIBUTES, 'groups'] : ME_ATTRIBUTES);
    const body = await this.getJson('/Me', { signal: opts.signal, query: { attributes }, what: 'the current user' });
    const user = parseUser(body);
    if (!user) throw this.shapeError('GET', '/Me', 'the answer to /Me has no id');
    return user;
  }

  // ---- groups -----------------------------------------------------------------------------

  /** Never includes members (see GROUPS.neverListed); use getGroup for those. */
  listGroupsPage(opts: ListPageOptions = {}): Promise<ScimPage<ScimGroup>> {
    return this.lists.page(GROUPS, opts);
  }
  listGroups(opts: ListAllOptions = {}): AsyncGenerator<ScimPage<ScimGroup>> {
    return this.lists.all(GROUPS, opts);
  }
  /** One group with its members (the server's full representation unless attributes are given). */
  getGroup(id: string, opts: GetOptions = {}): Promise<ScimGroup> {
    return this.getOne(GROUPS, id, opts);
  }
  async findGroupByDisplayName(displayName: string, opts: CallOptions = {}): Promise<ScimGroup | undefined> {
    return this.findOne(GROUPS, eq('displayName', displayName), opts);
  }
  createGroup(group: NewGroup, opts: CallOptions = {}): Promise<ScimGroup> {
    return this.create(GROUPS, newGroupBody(group), opts);
  }
  patchGroup(id: string, ops: readonly PatchOperation[], opts: CallOptions = {}): Promise<ScimGroup | undefined> {
    return this.patch(GROUPS, id, ops, opts);
  }
  deleteGroup(id: string, opts: CallOptions = {}): Promise<void> {
    return this.remove(GROUPS, id, opts);
  }

  // ---- service principals -----------------------------------------------------------------

  listServicePrincipalsPage(opts: ListPageOptions = {}): Promise<ScimPage<ScimServicePrincipal>> {
    return this.lists.page(SERVICE_PRINCIPALS, opts);
  }
  listServicePrincipals(opts: ListAllOptions = {}): AsyncGenerator<ScimPage<ScimServicePrincipal>> {
    return this.lists.all(SERVICE_PRINCIPALS, opts);
  }
  getServicePrincipal(id: string, opts: GetOptions = {}): Promise<ScimServicePrincipal> {
    return this.getOne(SERVICE_PRINCIPALS, id, opts);
  }
  async findServicePrincipalByApplicationId(
    applicationId: string,
    opts: CallOptions = {},
  ): Promise<ScimServicePrincipal | undefined> {
    return this.findOne(SERVICE_PRINCIPALS, eq('applicationId', applicationId.trim()), opts);
  }
  createServicePrincipal(sp: NewServicePrincipal, opts: CallOptions = {}): Promise<ScimServicePrincipal> {
    return this.create(SERVICE_PRINCIPALS, newServicePrincipalBody(sp), opts);
  }
  patchServicePrincipal(
    id: string,
    ops: readonly PatchOperation[],
    opts: CallOptions = {},
  ): Promise<ScimServicePrincipal | undefined> {
    return this.patch(SERVICE_PRINCIPALS, id, ops, opts);
  }
  deleteServicePrincipal(id: string, opts: CallOptions = {}): Promise<void> {
    return this.remove(SERVICE_PRINCIPALS, id, opts);
  }

  // ---- writes shared by kinds (memberWrites.ts) -------------------------------------------

  /** Adds principals to a group in as few PATCH requests as allowed (one per maxMembersPerPatch). */
  addMembers(groupId: string, memberIds: readonly string[], opts: CallOptions = {}): Promise<AddMembersResult> {
    return this.members.addMembers(groupId, memberIds, opts);
  }
  /** Removes one principal from a group; removing a non-member succeeds. */
  removeMember(groupId: string, memberId: string, opts: CallOptions = {}): Promise<void> {
    return this.members.removeMember(groupId, memberId, opts);
  }
  /** Adds and removes entitlements in one PATCH; removing one that is not set counts as done. */
  setEntitlements(
    kind: PrincipalKind,
    id: string,
    add: readonly string[],
    remove: readonly string[],
    opts: CallOptions = {},
  ): Promise<void> {
    return this.members.setEntitlements(kind, id, add, remove, opts);
  }
  setActive(kind: 'user' | 'servicePrincipal', id: string, active: boolean, opts: CallOptions = {}): Promise<void> {
    return this.members.setActive(kind, id, active, opts);
  }
  setDisplayName(kind: PrincipalKind, id: string, displayName: string, opts: CallOptions = {}): Promise<void> {
    return this.members.setDisplayName(kind, id, displayName, opts);
  }
  /** A PATCH on any principal kind (the typed patchUser/patchGroup/… return the resource when sent). */
  async patchPrincipal(
    kind: PrincipalKind,
    id: string,
    ops: readonly PatchOperation[],
    opts: CallOptions = {},
  ): Promise<void> {
    await this.patch(specFor(kind), id, ops, opts);
  }

  // ---- lookups ----------------------------------------------------------------------------

  private async findOne<T extends { id: string }>(
    spec: KindSpec<T>,
    filter: FilterNode,
    opts: CallOptions,
  ): Promise<T | undefined> {
    const page = await this.lists.page(spec, { filter, count: 2, ...opts });
    return page.items[0];
  }
}
