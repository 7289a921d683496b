// The account host: authentication (Entra tokens only), the account's rate limits, and the route
// table for account SCIM, workspace permission assignments and rule sets. Anything else → 404.

import type { ApiRequest, Reply, Services } from '../context';
import { databricksError } from '../errors';
import type { UserRecord } from '../records';
import { accountScim } from './accountScim';
import { assignmentRoutes } from './assignments';
import { entraCaller, isPat } from './entra';
import { rateClassOf, type AccountRateLimiter } from './rateLimits';
import { ruleSetRoutes } from './ruleSets';

export interface AccountHostContext {
  readonly limiter: AccountRateLimiter;
  /** Seeded PRNG for the probabilistic knobs of the account host. */
  readonly random: () => number;
}

/** What the service says to a missing token, a PAT, or a token it does not accept. */
function unauthenticated(): Error {
  return databricksError(401, 'UNAUTHENTICATED', 'Credential was not sent or was of an unsupported type for this API.');
}

export function accountAuthenticate(s: Services, authorization: string | undefined): UserRecord {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  // A personal access token belongs to one workspace; account APIs never accept it.
  if (token === undefined || isPat(token)) throw unauthenticated();
  const caller = entraCaller(s, token);
  if (!caller || s.scope?.account.isEntraOnly(caller.id)) throw unauthenticated();
  return caller;
}

const ACCOUNT_PATH = /^\/api\/2\.0\/(preview\/)?accounts\/([^/]+)\/(.+)$/;

export function accountDispatch(s: Services, req: ApiRequest, ctx: AccountHostContext): Reply {
  const path = req.pathname.replace(/\/+$/, '');
  const m = ACCOUNT_PATH.exec(path);
  const account = s.scope?.account;
  if (!m || !account) throw endpointNotFound(req.method, path);
  const [, preview, accountId, rest] = m as unknown as [string, string | undefined, string, string];
  if (accountId !== account.id) {
    throw databricksError(404, 'RESOURCE_DOES_NOT_EXIST', `Account ${accountId} does not exist.`);
  }
  const parts = rest.split('/').map(decodeURIComponent);
  const collection =
    (parts[0] === 'scim' && parts.length === 3) ||
    (parts[0] === 'workspaces' && parts.length === 3) ||
    parts[0] === 'access-control';
  const refused = ctx.limiter.admit(s.knobs().accountRateLimits, rateClassOf(req.method, collection));
  if (refused) return refused;

  if (!preview && parts[0] === 'scim' && parts[1] === 'v2' && parts.length >= 3 && parts.length <= 4) {
    const reply = accountScim(s, req, parts[2] as string, parts[3], ctx.random);
    if (reply) return reply;
  }
  if (!preview && parts[0] === 'workspaces' && parts[2] === 'permissionassignments') {
    const reply = assignmentRoutes(s, req, parts[1] as string, parts.slice(3));
    if (reply) return reply;
  }
  if (preview && rest === 'access-control/rule-sets') {
    const reply = ruleSetRoutes(s, req);
    if (reply) return reply;
  }
  throw endpointNotFound(req.method, path);
}

export function endpointNotFound(method: string, pathname: string): Error {
  return databricksError(404, 'ENDPOINT_NOT_FOUND', `No API found for '${method} ${pathname.replace(/^\/api/, '')}'`);
}
