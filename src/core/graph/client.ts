// Microsoft Graph client for Entra groups and their members, over the shared HTTP transport
// (retries on 429/503 with Retry-After, timeouts, redaction, and the token bound to the Graph
// origin all live in src/core/http). It owns Graph semantics only: paths, $select, type casts and
// the service-principal workaround; paging by @odata.nextLink and error mapping are requests.ts.

import { APPLICATION_PERMISSION, GraphError, invalidAnswer } from './errors';
import { memberTree, type MemberTree, type MemberTreeOptions } from './memberTree';
import { parseCollection, parseGroup, parseMember, type CollectionBody } from './parse';
import { displayNameEquals, displayNameSearch, graphQuery } from './query';
import { GraphRequests, type GraphClientOptions } from './requests';
import type {
  GraphCallOptions,
  GraphGroup,
  GraphMember,
  GraphPage,
  GroupSearchResult,
  ListMembersOptions,
} from './types';

export { MAX_PAGES, type GraphClientOptions } from './requests';

/** How the client reads a group's service principals: the v1.0 cast, or `/beta` once v1.0 proved empty. */
export type ServicePrincipalRoute = 'v1.0' | 'beta';

/** Graph's largest page: fewest round trips, ceil(M / 999) for M members. */
export const MAX_PAGE_SIZE = 999;
/** Only what drift and the tree show; `$select` also lowers Graph's throttling cost. */
export const MEMBER_SELECT = 'id,displayName,userPrincipalName,mail,appId';
/** Graph rejects properties a cast type does not have, so the servicePrincipal cast asks less. */
export const SERVICE_PRINCIPAL_SELECT = 'id,displayName,appId';
export const GROUP_SELECT = 'id,displayName,securityEnabled,onPremisesSyncEnabled';
/** Advanced queries ($search, $count, casts on /transitiveMembers) need this header. */
export const EVENTUAL = { ConsistencyLevel: 'eventual' } as const;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class GraphClient extends GraphRequests {
  private spRoute: ServicePrincipalRoute;

  constructor(opts: GraphClientOptions) {
    super(opts);
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
}
