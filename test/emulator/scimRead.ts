// GET handlers. Lists read the (possibly lagging) list view; GET by id and /Me read the primary
// directory, so a client that just wrote something sees it by id before it sees it in a list.

import { json, type ApiRequest, type Reply, type Services } from './context';
import { requirePrincipal } from './guards';
import { listResponse } from './listing';
import type { PrincipalKind } from './records';
import { Projection, renderPrincipal } from './render';

function projectionOf(req: ApiRequest): Projection {
  return Projection.parse(req.query.attributes, req.query.excludedAttributes);
}

export function listPrincipals(s: Services, kind: PrincipalKind, req: ApiRequest): Reply {
  return json(200, listResponse(s.state.listView(), s.listCache, kind, req.query, s.knobs(), s.scope));
}

export function getPrincipal(s: Services, kind: PrincipalKind, id: string, req: ApiRequest): Reply {
  const rec = requirePrincipal(s, kind, id);
  return json(200, renderPrincipal(s.state.directory, rec, projectionOf(req), s.scope?.visible));
}

/**
 * The caller, as a User resource. Answering with entitlements makes the real service scan the
 * caller's permissions, which is slow on a workspace with many grants; `slowMeMs` models that
 * unless the request leaves entitlements out.
 */
export function getMe(s: Services, req: ApiRequest): Reply {
  const projection = projectionOf(req);
  const reply = json(200, renderPrincipal(s.state.directory, req.caller, projection, s.scope?.visible));
  const slowMs = s.knobs().slowMeMs;
  if (slowMs > 0 && projection.wants('entitlements')) reply.delayMs = slowMs;
  return reply;
}
