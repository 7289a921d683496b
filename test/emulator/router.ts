// Authentication and the route table. Authentication comes first for every path, as on the real
// host: a bad token gets the 403 even for a path that does not exist.

import type { ApiRequest, Reply, Services } from './context';
import { entraCaller } from './account/entra';
import { databricksError, invalidTokenError, scimError } from './errors';
import { patchPrincipal } from './patch';
import type { PrincipalKind, UserRecord } from './records';
import { getMe, getPrincipal, listPrincipals } from './scimRead';
import { createPrincipal, deletePrincipal, replacePrincipal } from './scimWrite';
import { createToken, deleteToken, listTokens, managementDelete, managementGet, managementList } from './tokenApi';

export const SCIM_BASE = '/api/2.0/preview/scim/v2';

const KIND_OF_SEGMENT: Readonly<Record<string, PrincipalKind>> = {
  Users: 'user',
  Groups: 'group',
  ServicePrincipals: 'servicePrincipal',
};

/** The owner of the bearer token, or the 403 "Invalid access token.". */
export function authenticate(s: Services, authorization: string | undefined): UserRecord {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const token = match?.[1];
  const owner = token === undefined ? undefined : (s.state.useToken(token) ?? entraCaller(s, token));
  if (!owner) throw invalidTokenError(s.knobs().errorStyle);
  return owner;
}

function endpointNotFound(method: string, pathname: string): Error {
  return databricksError(404, 'ENDPOINT_NOT_FOUND', `No API found for '${method} ${pathname.replace(/^\/api/, '')}'`);
}

/** SCIM writes need a workspace admin; reads and /Me do not. */
function requireAdmin(s: Services, req: ApiRequest): void {
  if (!(s.scope ? s.scope.isAdmin(req.caller.id) : s.state.isAdmin(req.caller.id))) {
    throw scimError(403, 'Only workspace admins can modify users, groups and service principals.');
  }
}

export function dispatch(s: Services, req: ApiRequest): Reply {
  const { method, pathname } = req;
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;

  if (path.startsWith(`${SCIM_BASE}/`)) {
    const [segment, id, extra] = path.slice(SCIM_BASE.length + 1).split('/');
    if (segment === 'Me' && id === undefined && method === 'GET') return getMe(s, req);
    const kind = segment === undefined ? undefined : KIND_OF_SEGMENT[segment];
    if (kind && extra === undefined) {
      if (id === undefined) {
        if (method === 'GET') return listPrincipals(s, kind, req);
        if (method === 'POST') {
          requireAdmin(s, req);
          return createPrincipal(s, kind, req);
        }
      } else {
        const decoded = decodeURIComponent(id);
        if (method === 'GET') return getPrincipal(s, kind, decoded, req);
        if (method === 'PUT' || method === 'PATCH' || method === 'DELETE') requireAdmin(s, req);
        if (method === 'PUT') return replacePrincipal(s, kind, decoded, req);
        if (method === 'PATCH') return patchPrincipal(s, kind, decoded, req);
        if (method === 'DELETE') return deletePrincipal(s, kind, decoded);
      }
    }
  }

  if (path === '/api/2.0/token/create' && method === 'POST') return createToken(s, req);
  if (path === '/api/2.0/token/list' && method === 'GET') return listTokens(s, req);
  if (path === '/api/2.0/token/delete' && method === 'POST') return deleteToken(s, req);

  const mgmt = /^\/api\/2\.0\/token-management\/tokens(?:\/([^/]+))?$/.exec(path);
  if (mgmt) {
    const tokenId = mgmt[1];
    if (tokenId === undefined && method === 'GET') return managementList(s, req);
    if (tokenId !== undefined && method === 'GET') return managementGet(s, req, tokenId);
    if (tokenId !== undefined && method === 'DELETE') return managementDelete(s, req, tokenId);
  }

  throw endpointNotFound(method, path);
}
