// Workspace SCIM client (`${host}/api/2.0/preview/scim/v2`) over the shared HTTP transport.
// It owns SCIM semantics only: paths, projections, paging, PATCH forms, error mapping. Retries,
// timeouts, rate limits and redaction belong to the transport (src/core/http). The reads and the
// per-kind requests it shares with the account client are in endpoint.ts.

import { unexpectedAnswerError } from '../databricks/errors';
import { errorContext, send, type LimitEvents, type SendOptions } from '../databricks/send';
import { BACKGROUND_RETRY } from '../http/defaults';
import type { LimitEvent } from '../http/hostLimits';
import type { HttpMethod, HttpResponse, HttpTransport, RetryOptions } from '../http/types';
import { normalizeHost } from '../workspaces/host';
import { ScimEndpoint, type CallOptions } from './endpoint';
import { FilterSupport } from './filterSupport';
import { Listings } from './listing';
import { MemberWrites, type AddMembersResult } from './memberWrites';
import { parseUser } from './parse';
import { positiveInt } from './query';
import {
  GROUPS,
  SERVICE_PRINCIPALS,
  USERS,
  attributeList,
  newGroupBody,
  newServicePrincipalBody,
  newUserBody,
  ME_ATTRIBUTES,
} from './resources';
import type {
  NewGroup,
  NewServicePrincipal,
  NewUser,
  PrincipalKind,
  ScimGroup,
  ScimServicePrincipal,
  ScimUser,
} from './types';

export type { LimitEvents } from '../databricks/send';
export type { CallOptions, GetOptions } from './endpoint';

export interface ScimClientOptions {
  /** Workspace URL, e.g. https://adb-123.4.azuredatabricks.net (a trailing slash or path is ignored). */
  host: string;
  http: HttpTransport;
  /** `count` asked per page, for one page and for whole listings. Default 500 and 10,000. */
  pageSize?: number;
  /** Pages fetched in parallel by one listing after the first page. Default 4. */
  concurrency?: number;
  /** Members per PATCH request in addMembers. Default 1000. */
  maxMembersPerPatch?: number;
  /** What this host's filters accept; share it between clients of one host so it is probed once. */
  filterSupport?: FilterSupport;
  /** Retry limits for every request of this client over the transport's (see background()). */
  retry?: Partial<RetryOptions>;
  /** Where the transport reports slow-downs (its HostLimitsRegistry); onLimitChange listens to it. */
  limitEvents?: LimitEvents;
}

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

export class ScimClient extends ScimEndpoint {
  /** Origin used in messages and URLs, e.g. https://adb-1.2.azuredatabricks.net */
  readonly host: string;
  readonly baseUrl: string;
  readonly pageSize: number;
  readonly concurrency: number;
  readonly filterSupport: FilterSupport;
  protected readonly lists: Listings;
  private readonly members: MemberWrites;
  private readonly http: HttpTransport;

  constructor(private readonly opts: ScimClientOptions) {
    super();
    this.host = normalizeHost(opts.host);
    this.baseUrl = `${this.host}/api/2.0/preview/scim/v2`;
    this.http = opts.http;
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

  // ---- creates and the caller -------------------------------------------------------------

  createUser(user: NewUser, opts: CallOptions = {}): Promise<ScimUser> {
    return this.create(USERS, newUserBody(user), opts);
  }
  createGroup(group: NewGroup, opts: CallOptions = {}): Promise<ScimGroup> {
    return this.create(GROUPS, newGroupBody(group), opts);
  }
  createServicePrincipal(sp: NewServicePrincipal, opts: CallOptions = {}): Promise<ScimServicePrincipal> {
    return this.create(SERVICE_PRINCIPALS, newServicePrincipalBody(sp), opts);
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

  // ---- transport --------------------------------------------------------------------------

  send(method: HttpMethod, path: string, opts: SendOptions = {}): Promise<HttpResponse> {
    return send(
      this.http,
      this.host,
      this.baseUrl,
      method,
      path,
      this.opts.retry ? { retry: this.opts.retry, ...opts } : opts,
    );
  }

  protected shapeError(method: string, path: string, detail: string): Error {
    return unexpectedAnswerError(detail, errorContext(this.http, this.host, method, path));
  }
}
