// The Graph routes: authentication, permissions, then groups and their (transitive) members with
// casts, $select, $top, $count and opaque skip-token paging.

import type { Reply } from '../context';
import type { EntraDirectory, EntraGroup, EntraKind, EntraObject, EntraUser } from './directory';
import {
  decodeSkipToken,
  encodeSkipToken,
  graphError,
  parseGroupFilter,
  parseGroupSearch,
  parseSelect,
  renderObject,
  unsupportedQuery,
} from './odata';
import type { GraphKnobs } from './types';

export interface GraphRequest {
  method: string;
  url: URL;
  authorization: string | undefined;
  consistencyLevel: string | undefined;
  /** Parsed JSON body of a POST. */
  body?: unknown;
}

export interface GraphServices {
  dir: EntraDirectory;
  /** The scopes of an accepted bearer; undefined = not a token this emulator issued. */
  scopesOf(token: string): readonly string[] | undefined;
  /** The emulator's own origin, http://127.0.0.1:PORT. */
  origin: string;
  knobs(): Readonly<GraphKnobs>;
}

const VERSIONS = new Set(['v1.0', 'beta']);
const CASTS: Readonly<Record<string, EntraKind>> = {
  'microsoft.graph.user': 'user',
  'microsoft.graph.group': 'group',
  'microsoft.graph.servicePrincipal': 'servicePrincipal',
};
const INSUFFICIENT = 'Insufficient privileges to complete the operation.';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Object ids are GUIDs, compared without regard to case; anything else is not an id at all (400). */
export function groupById(s: GraphServices, id: string): EntraGroup | undefined {
  if (!GUID.test(id)) throw graphError(400, 'Request_BadRequest', `Invalid object identifier '${id}'.`);
  return s.dir.groups.get(id) ?? s.dir.groups.get(id.toLowerCase());
}

export function dispatchGraph(s: GraphServices, req: GraphRequest): Reply {
  const scopes = authenticate(s, req.authorization);
  const denied = deniedFor(s, scopes);
  const [version, collection, id, relation, cast, extra] = req.url.pathname.split('/').slice(1).map(decodeURIComponent);
  if (version === undefined || !VERSIONS.has(version) || collection !== 'groups' || extra !== undefined) {
    throw graphError(400, 'BadRequest', `Resource not found for the segment '${collection ?? version ?? ''}'.`);
  }
  if (req.method !== 'GET')
    throw graphError(
      405,
      'Request_BadRequest',
      `The HTTP method '${req.method}' is not allowed here in this emulator.`,
    );
  if (denied('GroupMember.Read.All')) throw graphError(403, 'Authorization_RequestDenied', INSUFFICIENT);
  const q = Object.fromEntries(req.url.searchParams);

  if (id === undefined || id === '') return listGroups(s, req, version, q);
  const group = groupById(s, id);
  if (!group) {
    throw graphError(
      404,
      'Request_ResourceNotFound',
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }
  if (relation === undefined) {
    return {
      status: 200,
      body: {
        '@odata.context': `${s.origin}/${version}/$metadata#groups/$entity`,
        ...renderObject(group, parseSelect(q['$select'], 'group')),
      },
    };
  }
  if (relation !== 'members' && relation !== 'transitiveMembers') {
    throw graphError(400, 'BadRequest', `Resource not found for the segment '${relation}'.`);
  }
  let kind: EntraKind | undefined;
  if (cast !== undefined) {
    kind = CASTS[cast];
    if (!kind) throw unsupportedQuery(`The type cast '${cast}' is not supported on '${relation}'.`);
    if (kind === 'servicePrincipal' && denied('Application.Read.All'))
      throw graphError(403, 'Authorization_RequestDenied', INSUFFICIENT);
    if (relation === 'transitiveMembers' && s.knobs().castsNeedAdvancedQuery) {
      requireEventual(req, `The type cast on '${relation}'`);
      if (q['$count'] !== 'true')
        throw unsupportedQuery(`The type cast on '${relation}' is an advanced query: it requires $count=true.`);
    }
  }
  if (answersEmpty(s, group.id, group.displayName)) return { status: 200, body: { value: [] } };
  if (
    kind === 'servicePrincipal' &&
    relation === 'members' &&
    version === 'v1.0' &&
    s.knobs().emptyV1ServicePrincipalCast
  )
    return { status: 200, body: { value: [] } };
  let members = relation === 'members' ? s.dir.directMembers(group.id) : s.dir.transitiveMembers(group.id);
  if (kind) members = members.filter((m) => m.kind === kind);
  // A known gap of Graph v1.0: plain /members leaves service principals out.
  else if (relation === 'members' && version === 'v1.0' && s.knobs().hideServicePrincipalsInMembers) {
    members = members.filter((m) => m.kind !== 'servicePrincipal');
  }
  const select = parseSelect(q['$select'], kind);
  const limitedSps = denied('Application.Read.All');
  // Graph's "limited information" objects: without a user-read permission a member user is
  // `@odata.type` and `id`, nothing else.
  const limitedUsers = denied('User.ReadBasic.All') && denied('User.Read.All');
  const withoutMail = new Set(s.knobs().usersWithoutMail.map((u) => u.toLowerCase()));
  return page(s, req, version, 'directoryObjects', members, q, (m) => {
    if (m.kind === 'user' && limitedUsers) return renderObject(m, select, 'idOnly');
    const shown =
      m.kind === 'user' &&
      (withoutMail.has('*') || withoutMail.has(m.id) || withoutMail.has(m.userPrincipalName.toLowerCase()))
        ? withoutMailOf(m)
        : m;
    return renderObject(shown, select, limitedSps && m.kind === 'servicePrincipal' ? 'nulls' : undefined);
  });
}

/** `denied(permission)`: the token lacks it, or the deniedPermissions knob takes it away. */
export function deniedFor(s: GraphServices, scopes: readonly string[]): (permission: string) => boolean {
  return (permission) => !scopes.includes(permission) || s.knobs().deniedPermissions.includes(permission);
}

export function authenticate(s: GraphServices, authorization: string | undefined): readonly string[] {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!m) throw graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
  const scopes = s.scopesOf(m[1] as string);
  if (!scopes)
    throw graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
  return scopes;
}

function withoutMailOf(u: EntraUser): EntraUser {
  const copy: EntraUser = { ...u };
  delete copy.mail;
  return copy;
}

function answersEmpty(s: GraphServices, id: string, displayName: string): boolean {
  return s.knobs().emptyMemberGroups.some((g) => g === id || g.toLowerCase() === displayName.toLowerCase());
}

function requireEventual(req: GraphRequest, what: string): void {
  if ((req.consistencyLevel ?? '').toLowerCase() !== 'eventual') {
    throw unsupportedQuery(`${what} requires the ConsistencyLevel header set to 'eventual'.`);
  }
}

function listGroups(s: GraphServices, req: GraphRequest, version: string, q: Record<string, string>): Reply {
  // One name (how clients look a group up) is answered from the name index, in creation order.
  const one = q['$search'] === undefined ? /^displayName eq '((?:[^']|'')*)'$/.exec((q['$filter'] ?? '').trim()) : null;
  let groups = one ? s.dir.groupsNamed((one[1] as string).replace(/''/g, "'")) : [...s.dir.groups.values()];
  if (q['$search'] !== undefined) {
    requireEventual(req, '$search');
    const matches = parseGroupSearch(q['$search']);
    groups = groups.filter(matches);
  }
  if (q['$filter'] !== undefined) {
    const matches = parseGroupFilter(q['$filter']);
    groups = groups.filter(matches);
  }
  const select = parseSelect(q['$select'], 'group');
  return page(s, req, version, 'groups', groups, q, (g) => renderObject(g, select));
}

/** One page of `items` from the skip token's offset, with an absolute nextLink while more remain. */
function page(
  s: GraphServices,
  req: GraphRequest,
  version: string,
  entitySet: string,
  items: readonly EntraObject[],
  q: Record<string, string>,
  render: (o: EntraObject) => Record<string, unknown>,
): Reply {
  const knobs = s.knobs();
  const top = q['$top'] === undefined ? knobs.defaultTop : Number(q['$top']);
  if (!Number.isInteger(top) || top < 1 || top > knobs.maxTop) {
    throw unsupportedQuery(
      `Invalid page size specified: '${q['$top'] ?? ''}'. Must be between 1 and ${knobs.maxTop} inclusive.`,
    );
  }
  const count = q['$count'] === 'true';
  if (count) requireEventual(req, '$count');
  const offset = decodeSkipToken(q['$skiptoken']);
  const body: Record<string, unknown> = { '@odata.context': `${s.origin}/${version}/$metadata#${entitySet}` };
  if (count) body['@odata.count'] = items.length;
  if (offset + top < items.length) {
    const params = [...req.url.searchParams].filter(([k]) => k !== '$skiptoken');
    params.push(['$skiptoken', encodeSkipToken(offset + top)]);
    const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
    body['@odata.nextLink'] = `${knobs.nextLinkOrigin ?? s.origin}${req.url.pathname}?${query}`;
  }
  body['value'] = items.slice(offset, offset + top).map(render);
  return { status: 200, body };
}
