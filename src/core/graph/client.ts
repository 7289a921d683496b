// Microsoft Graph client for Entra groups and their members, over the shared HTTP transport
// (retries on 429/503 with Retry-After, timeouts, redaction, and the token bound to the Graph
// origin all live in src/core/http). It owns Graph semantics only: paths, $select, paging by
// @odata.nextLink, type casts, the service-principal workaround and error mapping.

import type { HttpRequest, HttpTransport } from '../http/types';
import { parseJson } from '../http/json';
import {
  APPLICATION_PERMISSION,
  GraphError,
  foreignNextLinkError,
  invalidAnswer,
  graphErrorFromResponse,
  toGraphError,
  type GraphErrorContext,
} from './errors';
import { memberTree, type MemberTree, type MemberTreeOptions } from './memberTree';
import { parseCollection, parseGroup, parseMember, type CollectionBody } from './parse';
import { displayNameEquals, displayNameSearch, graphQuery } from './query';
import { DEFAULT_GRAPH_ENDPOINT, graphOrigin } from './scope';
import type {
  GraphCallOptions,
  GraphGroup,
  GraphMember,
  GraphPage,
  GroupSearchResult,
  ListMembersOptions,
} from './types';

export interface GraphClientOptions {
  /** Graph origin; sovereign clouds and local tests override it. A path, if any, is ignored. */
  endpoint?: string;
  http: HttpTransport;
  /** 'v1.0' (default) or 'beta'. */
  version?: string;
  /** Where the client says why it changed route (the transport logs each request itself). */
  log?: (line: string) => void;
}

/** How the client reads a group's service principals: the v1.0 cast, or `/beta` once v1.0 proved empty. */
export type ServicePrincipalRoute = 'v1.0' | 'beta';

/** Graph's largest page: fewest round trips, ceil(M / 999) for M members. */
export const MAX_PAGE_SIZE = 999;
/** Only what drift and the tree show; `$select` also lowers Graph's throttling cost. */
export const MEMBER_SELECT = 'id,displayName,userPrincipalName,mail,appId';
/** Graph rejects properties a cast type does not have, so the servicePrincipal cast asks less. */
export const SERVICE_PRINCIPAL_SELECT = 'id,displayName,appId';
export const GROUP_SELECT = 'id,displayName,securityEnabled,onPremisesSyncEnabled';
/** Most pages one listing follows: 10,000 × 999 members is beyond any group; an endless nextLink stops. */
export const MAX_PAGES = 10_000;
/** Advanced queries ($search, $count, casts on /transitiveMembers) need this header. */
export const EVENTUAL = { ConsistencyLevel: 'eventual' } as const;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class GraphClient {
  /** Graph origin, e.g. https://graph.microsoft.com — the only place the client sends requests. */
  readonly endpoint: string;
  readonly version: string;
  /** `${endpoint}/${version}` */
  readonly baseUrl: string;
  private readonly http: HttpTransport;
  private readonly logLine: ((line: string) => void) | undefined;
  private spRoute: ServicePrincipalRoute;

  constructor(opts: GraphClientOptions) {
    this.endpoint = graphOrigin(opts.endpoint ?? DEFAULT_GRAPH_ENDPOINT);
    this.version = (opts.version ?? 'v1.0').replace(/^\/+|\/+$/g, '');
    this.baseUrl = `${this.endpoint}/${this.version}`;
    this.http = opts.http;
    this.logLine = opts.log;
    this.spRoute = this.version === 'beta' ? 'beta' : 'v1.0';
  }

  /** The route `listMembers` and the drift loader read service principals through. */
  get servicePrincipalRoute(): ServicePrincipalRoute {
    return this.spRoute;
  }

  /**
   * From now on read service principals through `/beta` (for this client's life), and say why in
   * the log: used when the v1.0 cast answered none although Graph lists them elsewhere.
   */
  useBetaForServicePrincipals(reason: string): void {
    if (this.spRoute === 'beta') return;
    this.spRoute = 'beta';
    this.note(
      `Microsoft Graph: ${reason}; service principals of groups are read from /beta/groups/{id}/members/microsoft.graph.servicePrincipal from now on.`,
    );
  }

  /** One line to the log hook, redacted like every transport line; a failing logger is ignored. */
  note(line: string): void {
    if (!this.logLine) return;
    try {
      this.logLine(this.http.redactor ? this.http.redactor.redact(line) : line);
    } catch {
      // Logging must never fail a read.
    }
  }

  /** Groups whose displayName equals `name` (Graph compares case-insensitively). */
  async findGroups(name: string, opts: GraphCallOptions = {}): Promise<GraphGroup[]> {
    const query = graphQuery({ $filter: displayNameEquals(name), $select: GROUP_SELECT, $top: MAX_PAGE_SIZE });
    const groups: GraphGroup[] = [];
    for await (const page of this.pages('/groups', query, { what: `the Entra group named "${name}"` }, opts.signal)) {
      for (const v of page.values) {
        const g = parseGroup(v);
        if (g) groups.push(g);
      }
    }
    return groups;
  }

  /**
   * Token search on displayName (`$search`, one page of at most `top`): for pickers, where
   * "eng" should find "data-eng" and "Engineering". Needs the ConsistencyLevel header.
   */
  async searchGroups(text: string, opts: GraphCallOptions & { top?: number } = {}): Promise<GroupSearchResult> {
    const top = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(opts.top ?? 100)));
    const query = graphQuery({ $search: displayNameSearch(text), $count: true, $select: GROUP_SELECT, $top: top });
    const url = `${this.baseUrl}/groups${query}`;
    const ctx = this.context('/groups', { what: 'the group search' });
    const body = parseCollection(await this.getJson(url, ctx, opts.signal, EVENTUAL));
    if (!body) throw invalidAnswer(ctx, 'the answer has no "value" list');
    const result: GroupSearchResult = {
      groups: body.values.map(parseGroup).filter((g): g is GraphGroup => g !== undefined),
    };
    if (body.count !== undefined) result.count = body.count;
    return result;
  }

  async getGroup(id: string, opts: GraphCallOptions = {}): Promise<GraphGroup> {
    const path = `/groups/${encodeURIComponent(id)}`;
    const ctx = this.context(path, { what: `Entra group ${id}` });
    const group = parseGroup(
      await this.getJson(`${this.baseUrl}${path}${graphQuery({ $select: GROUP_SELECT })}`, ctx, opts.signal),
    );
    if (!group) throw invalidAnswer(ctx);
    return group;
  }

  /**
   * An object id or a displayName (as `dbxScim.drift.groupMappings` allows) → the group, or
   * undefined when there is none. Several groups with that name is an error: guessing would
   * compare against the wrong one.
   */
  async resolveGroup(idOrName: string, opts: GraphCallOptions = {}): Promise<GraphGroup | undefined> {
    if (GUID.test(idOrName.trim())) {
      try {
        return await this.getGroup(idOrName.trim(), opts);
      } catch (e) {
        if (e instanceof GraphError && e.isNotFound) return undefined;
        throw e;
      }
    }
    const found = await this.findGroups(idOrName, opts);
    if (found.length > 1) {
      throw new GraphError({
        status: 0,
        code: 'AmbiguousGroupName',
        detail: `${found.length} Entra groups are named "${idOrName}"`,
        userMessage: `${found.length} Entra groups are named "${idOrName}". Map the Databricks group to one object id in dbxScim.drift.groupMappings.`,
      });
    }
    return found[0];
  }

  /**
   * Direct (or, with `transitive`, all nested) members, page by page, each member once. v1.0
   * `/members` leaves service principals out (a known Graph issue), so the servicePrincipal cast
   * is read as well and merged by id — on v1.0, which has a support guarantee, unless this client
   * learnt that the v1.0 cast lists none (`useBetaForServicePrincipals`). Reading an SP's appId
   * needs Application.Read.All; a 403 on the cast says so. Cost: ceil(M / 999) + 1 round trips.
   */
  async *listMembers(groupId: string, opts: ListMembersOptions = {}): AsyncGenerator<GraphPage<GraphMember>> {
    const path = `/groups/${encodeURIComponent(groupId)}/${opts.transitive ? 'transitiveMembers' : 'members'}`;
    const what = `Entra group ${groupId}`;
    const seen = new Set<string>();
    const fresh = (page: CollectionBody): GraphPage<GraphMember> => {
      const items: GraphMember[] = [];
      for (const v of page.values) {
        const m = parseMember(v);
        if (!m || seen.has(m.id)) continue;
        seen.add(m.id);
        items.push(m);
      }
      return page.count === undefined ? { items } : { items, count: page.count };
    };
    for await (const page of this.pages(
      path,
      graphQuery({ $select: MEMBER_SELECT, $top: MAX_PAGE_SIZE }),
      { what },
      opts.signal,
    )) {
      yield fresh(page);
    }
    if (opts.servicePrincipals === false) return;
    const castPath = `${path}/microsoft.graph.servicePrincipal`;
    // A cast on /transitiveMembers is an advanced query: without the header and $count Graph refuses it.
    const castQuery = graphQuery({
      $select: SERVICE_PRINCIPAL_SELECT,
      $top: MAX_PAGE_SIZE,
      ...(opts.transitive ? { $count: true } : {}),
    });
    const version = opts.transitive ? this.version : this.spRoute;
    for await (const page of this.pages(
      castPath,
      castQuery,
      { what, permission: APPLICATION_PERMISSION },
      opts.signal,
      opts.transitive ? EVENTUAL : undefined,
      version,
    )) {
      const out = fresh(page);
      if (out.items.length > 0) yield out;
    }
  }

  /** `listMembers(groupId, { transitive: true })`: everyone reached through nesting, flat, no `via`. */
  transitiveMembers(
    groupId: string,
    opts: Omit<ListMembersOptions, 'transitive'> = {},
  ): AsyncGenerator<GraphPage<GraphMember>> {
    return this.listMembers(groupId, { ...opts, transitive: true });
  }

  /** Every member of a group with the nested groups it arrives through; see memberTree.ts. */
  memberTree(groupId: string, opts: MemberTreeOptions = {}): Promise<MemberTree> {
    return memberTree(this, groupId, opts);
  }

  // ---- plumbing ---------------------------------------------------------------------------

  /**
   * The rest of a listing whose first page came from elsewhere (a `$batch` answer): its nextLinks
   * are followed with the same origin and repetition checks as any listing.
   */
  restOfListing(
    path: string,
    first: CollectionBody,
    extra: Pick<GraphErrorContext, 'what' | 'permission'>,
    signal?: AbortSignal,
    version = this.version,
  ): AsyncGenerator<CollectionBody> {
    return this.pages(path, '', extra, signal, undefined, version, first);
  }

  /**
   * POST a body that only reads (`$batch` of GETs, `getByIds`), so repeatable after a reset; 2xx JSON or a
   * GraphError.
   */
  async postJson(
    path: string,
    json: unknown,
    extra: Pick<GraphErrorContext, 'what' | 'permission'>,
    signal?: AbortSignal,
    version = this.version,
  ): Promise<unknown> {
    const ctx = { ...this.context(path, extra, version), method: 'POST' };
    return this.send(
      {
        method: 'POST',
        url: `${this.endpoint}/${version}${path}`,
        json,
        idempotent: true,
        headers: { Accept: 'application/json' },
      },
      ctx,
      signal,
    );
  }

  /** Error context of a call, for GraphErrors built by the batch reader as well. */
  context(
    path: string,
    extra: Pick<GraphErrorContext, 'what' | 'permission'>,
    version = this.version,
  ): GraphErrorContext {
    const ctx: GraphErrorContext = { endpoint: this.endpoint, method: 'GET', path: `/${version}${path}`, ...extra };
    const redactor = this.http.redactor;
    if (redactor) ctx.redact = (t) => redactor.redact(t);
    return ctx;
  }

  /**
   * Follows `@odata.nextLink` verbatim (never rebuilt: the skip token is opaque) until it is
   * absent. A link to any other origin is refused before it is requested, so the token cannot
   * travel there even if the transport's origin binding were misconfigured.
   */
  private async *pages(
    path: string,
    query: string,
    extra: Pick<GraphErrorContext, 'what' | 'permission'>,
    signal: AbortSignal | undefined,
    headers?: Record<string, string>,
    version = this.version,
    first?: CollectionBody,
  ): AsyncGenerator<CollectionBody> {
    const ctx = this.context(path, extra, version);
    const visited = new Set<string>();
    let url = `${this.endpoint}/${version}${path}${query}`;
    let previousIds = '';
    for (;;) {
      if (visited.size >= MAX_PAGES) throw invalidAnswer(ctx, `the listing goes on for more than ${MAX_PAGES} pages`);
      visited.add(url);
      const body = first ?? parseCollection(await this.getJson(url, ctx, signal, headers));
      first = undefined;
      if (!body) throw invalidAnswer(ctx, 'the answer has no "value" list');
      // A fresh link to the same members again is a loop the link check alone cannot see.
      const ids = body.values.map((v) => String(v['id'])).join('\n');
      if (ids !== '' && ids === previousIds)
        throw invalidAnswer(ctx, 'a page repeats the members of the page before it');
      previousIds = ids;
      yield body;
      const next = body.nextLink;
      if (next === undefined) return;
      if (!this.isOwnUrl(next)) throw foreignNextLinkError(next, ctx);
      if (visited.has(next)) throw invalidAnswer(ctx, 'the next-page link repeats an earlier page');
      url = next;
    }
  }

  private isOwnUrl(link: string): boolean {
    try {
      return new URL(link).origin === this.endpoint;
    } catch {
      return false;
    }
  }

  private getJson(
    url: string,
    ctx: GraphErrorContext,
    signal: AbortSignal | undefined,
    headers?: Record<string, string>,
  ): Promise<unknown> {
    return this.send({ method: 'GET', url, headers: { Accept: 'application/json', ...headers } }, ctx, signal);
  }

  private async send(req: HttpRequest, ctx: GraphErrorContext, signal: AbortSignal | undefined): Promise<unknown> {
    if (signal) req.signal = signal;
    let res;
    try {
      res = await this.http.request(req);
    } catch (e) {
      throw toGraphError(e, ctx);
    }
    if (res.status < 200 || res.status >= 300) throw graphErrorFromResponse(res, ctx);
    const body = parseJson(res.bodyText);
    if (body === undefined) throw invalidAnswer(ctx);
    return body;
  }
}
