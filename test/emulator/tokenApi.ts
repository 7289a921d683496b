// Token API: the caller manages its own PATs. Token rotation in the extension is
// create → verify the new one with /Me → delete the old one, so a created token authenticates at
// once. Errors use the standard Databricks body, not the SCIM one.
// Also the admin token-management list/get/delete, which tests use to look at all tokens.

import { json, type ApiRequest, type Reply, type Services } from './context';
import { databricksError } from './errors';
import { isObject } from './scimBody';
import { publicInfo, type StoredToken } from './tokenStore';

function body(req: ApiRequest): Record<string, unknown> {
  if (req.bodyError !== undefined)
    throw databricksError(400, 'MALFORMED_REQUEST', 'Could not parse request object: invalid JSON.');
  if (req.body === undefined) return {};
  if (!isObject(req.body)) throw databricksError(400, 'MALFORMED_REQUEST', 'Request body must be a JSON object.');
  return req.body;
}

export function createToken(s: Services, req: ApiRequest): Reply {
  const b = body(req);
  const lifetime = b.lifetime_seconds;
  if (lifetime !== undefined && (typeof lifetime !== 'number' || !Number.isFinite(lifetime))) {
    throw databricksError(400, 'INVALID_PARAMETER_VALUE', 'lifetime_seconds must be a number.');
  }
  const comment = b.comment;
  if (comment !== undefined && typeof comment !== 'string') {
    throw databricksError(400, 'INVALID_PARAMETER_VALUE', 'comment must be a string.');
  }
  const scopes = b.scopes;
  if (scopes !== undefined && (!Array.isArray(scopes) || !scopes.every((x) => typeof x === 'string' && x !== ''))) {
    throw databricksError(400, 'INVALID_PARAMETER_VALUE', 'scopes must be a list of scope names.');
  }
  const knobs = s.knobs();
  if (s.state.tokensOf(req.caller.id).length >= knobs.tokenQuota) {
    throw databricksError(400, 'QUOTA_EXCEEDED', `Cannot create more than ${knobs.tokenQuota} tokens.`);
  }
  // The workspace's maxTokenLifetimeDays caps the lifetime; without one the state applies
  // defaultTokenLifetimeDays (0 = "never expires", -1).
  const maxSeconds = knobs.maxTokenLifetimeDays * 86_400;
  const lifetimeSeconds = typeof lifetime === 'number' && lifetime > 0 ? Math.min(lifetime, maxSeconds) : undefined;
  const token = s.state.issueTokenFor(req.caller.id, {
    ...(lifetimeSeconds !== undefined ? { lifetimeSeconds } : {}),
    ...(comment !== undefined ? { comment } : {}),
    ...(scopes !== undefined ? { scopes: scopes as string[] } : {}),
  });
  return json(200, { token_value: token.value, token_info: publicInfo(token) });
}

export function listTokens(s: Services, req: ApiRequest): Reply {
  return json(200, { token_infos: s.state.tokensOf(req.caller.id).map(publicInfo) });
}

export function deleteToken(s: Services, req: ApiRequest): Reply {
  const tokenId = body(req).token_id;
  if (typeof tokenId !== 'string' || tokenId === '') {
    throw databricksError(400, 'INVALID_PARAMETER_VALUE', 'token_id is required.');
  }
  const token = s.state.tokenById(tokenId);
  if (!token || token.ownerId !== req.caller.id) throw tokenNotFound(tokenId);
  s.state.revokeToken(tokenId);
  return json(200, {});
}

function tokenNotFound(tokenId: string): Error {
  return databricksError(404, 'RESOURCE_DOES_NOT_EXIST', `Token with ID ${tokenId} does not exist.`);
}

function managementInfo(s: Services, t: StoredToken): Record<string, unknown> {
  const owner = s.state.directory.users.get(t.ownerId);
  const lastUsed = s.state.tokenLastUsed(t.token_id);
  return {
    ...publicInfo(t),
    created_by_id: Number(t.ownerId),
    created_by_username: owner?.userName ?? '',
    owner_id: Number(t.ownerId),
    // Databricks reports the day of last use only (start of that day, epoch ms).
    ...(lastUsed !== undefined ? { last_used_day: lastUsed - (lastUsed % 86_400_000) } : {}),
  };
}

function requireAdmin(s: Services, req: ApiRequest): void {
  if (!s.state.isAdmin(req.caller.id)) {
    throw databricksError(403, 'PERMISSION_DENIED', 'Only workspace admins can manage tokens of other users.');
  }
}

export function managementList(s: Services, req: ApiRequest): Reply {
  requireAdmin(s, req);
  const byName = req.query.created_by_username?.toLowerCase();
  const byId = req.query.created_by_id;
  const infos = s.state.tokens
    .filter((t) => (byName === undefined || t.ownerUserName === byName) && (byId === undefined || t.ownerId === byId))
    .map((t) => s.state.tokenById(t.token_id))
    .filter((t): t is StoredToken => t !== undefined)
    .map((t) => managementInfo(s, t));
  return json(200, { token_infos: infos });
}

export function managementGet(s: Services, req: ApiRequest, tokenId: string): Reply {
  requireAdmin(s, req);
  const token = s.state.tokenById(tokenId);
  if (!token) throw tokenNotFound(tokenId);
  return json(200, { token_info: managementInfo(s, token) });
}

export function managementDelete(s: Services, req: ApiRequest, tokenId: string): Reply {
  requireAdmin(s, req);
  if (!s.state.revokeToken(tokenId)) throw tokenNotFound(tokenId);
  return json(200, {});
}
