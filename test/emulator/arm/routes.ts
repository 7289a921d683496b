// ARM's two read routes, as plain functions of (services, request) → reply: authentication first
// (as ARM does, before anything about the URL), then the api-version, then the resource.

import type { Reply } from '../context';
import {
  armError,
  authorizationFailed,
  invalidApiVersion,
  missingApiVersion,
  noRegisteredProvider,
  subscriptionNotFound,
  unauthenticated,
} from './errors';
import type { ArmState, ArmSubscription, ArmWorkspaceRecord } from './state';
import {
  ARM_AUDIENCES,
  SUBSCRIPTIONS_API_VERSIONS,
  WORKSPACES_API_VERSIONS,
  type ArmKnobs,
  type ArmTokenClaims,
} from './types';

export interface ArmServices {
  readonly state: ArmState;
  knobs(): Readonly<ArmKnobs>;
  /** The emulator's own origin, for nextLinks. */
  origin: string;
  claimsOf(token: string): Required<ArmTokenClaims> | undefined;
}

export interface ArmRequest {
  method: string;
  url: URL;
  authorization: string | undefined;
}

/** The subscription a path is about (for throttle bodies), or undefined for tenant-level routes. */
export function subscriptionOfPath(pathname: string): string | undefined {
  const [first, id] = pathname.split('/').filter(Boolean);
  return first?.toLowerCase() === 'subscriptions' ? id : undefined;
}

export function dispatchArm(svc: ArmServices, req: ArmRequest): Reply {
  const caller = authenticate(svc, req.authorization);
  const segments = req.url.pathname.split('/').filter(Boolean);
  const lower = segments.map((s) => s.toLowerCase());
  if (req.method !== 'GET')
    throw armError(405, 'MethodNotAllowed', `The requested resource does not support http method '${req.method}'.`);
  if (lower.length === 1 && lower[0] === 'subscriptions') {
    checkApiVersion(req.url, SUBSCRIPTIONS_API_VERSIONS, invalidApiVersion);
    return page(svc, req.url, svc.state.subscriptions, svc.knobs().subscriptionPageSize, renderSubscription, true);
  }
  const isWorkspaceList =
    lower.length === 5 &&
    lower[0] === 'subscriptions' &&
    lower[2] === 'providers' &&
    lower[3] === 'microsoft.databricks' &&
    lower[4] === 'workspaces';
  if (!isWorkspaceList) throw armError(404, 'NotFound', `The resource '${req.url.pathname}' was not found.`);
  checkApiVersion(req.url, WORKSPACES_API_VERSIONS, noRegisteredProvider);
  const subscriptionId = segments[1] ?? '';
  const sub = svc.state.findSubscription(subscriptionId);
  if (!sub) throw subscriptionNotFound(subscriptionId);
  const forbidden = svc.knobs().forbiddenSubscriptions;
  if (forbidden.includes(sub.subscriptionId) || forbidden.includes(sub.displayName))
    throw authorizationFailed(caller.objectId, sub.subscriptionId);
  const urls = svc.knobs().workspaceUrls;
  const rendered = svc.state.workspacesOf(sub.subscriptionId).map((w) => {
    const override = urls[svc.state.workspaces.indexOf(w)];
    return renderWorkspace(override === undefined ? w : { ...w, workspaceUrl: override });
  });
  return page(svc, req.url, rendered, svc.knobs().workspacePageSize, (x) => x, false);
}

function authenticate(svc: ArmServices, header: string | undefined): Required<ArmTokenClaims> {
  if (header === undefined || header.trim() === '')
    throw unauthenticated('AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match)
    throw unauthenticated(
      'AuthenticationFailed',
      "Authentication failed. The 'Authorization' header is provided in an invalid format.",
    );
  const claims = svc.claimsOf(match[1] ?? '');
  if (!claims) throw unauthenticated('InvalidAuthenticationToken', 'The access token is invalid.');
  if (!ARM_AUDIENCES.includes(claims.audience)) {
    throw unauthenticated(
      'InvalidAuthenticationTokenAudience',
      `The access token has been obtained for wrong audience or resource '${claims.audience}'. It should exactly match with one of the allowed audiences '${ARM_AUDIENCES.join("','")}'.`,
    );
  }
  return claims;
}

function checkApiVersion(
  url: URL,
  supported: readonly string[],
  refuse: (version: string, supported: readonly string[]) => Error,
): void {
  const version = url.searchParams.get('api-version');
  if (version === null || version.trim() === '') throw missingApiVersion();
  if (!supported.includes(version)) throw refuse(version, supported);
}

/** One page and, when more follow, an absolute nextLink with ARM's opaque `$skiptoken`. */
function page<T>(
  svc: ArmServices,
  url: URL,
  all: readonly T[],
  pageSize: number,
  render: (item: T) => unknown,
  withCount: boolean,
): Reply {
  const skipToken = url.searchParams.get('$skiptoken');
  let offset = 0;
  if (skipToken !== null) {
    const decoded = /^o:(\d+)$/.exec(Buffer.from(skipToken, 'base64url').toString('utf8'));
    if (!decoded) throw armError(400, 'InvalidSkipToken', 'The provided $skiptoken is invalid.');
    offset = Number(decoded[1]);
  }
  const size = Math.max(1, Math.floor(pageSize));
  const body: Record<string, unknown> = { value: all.slice(offset, offset + size).map(render) };
  if (withCount) body['count'] = { type: 'Total', value: all.length };
  if (offset + size < all.length) {
    const next = new URL(url.pathname, svc.knobs().nextLinkOrigin ?? svc.origin);
    next.searchParams.set('api-version', url.searchParams.get('api-version') ?? '');
    next.searchParams.set('$skiptoken', Buffer.from(`o:${offset + size}`).toString('base64url'));
    body['nextLink'] = next.toString();
  }
  return { status: 200, body };
}

function renderSubscription(s: ArmSubscription): unknown {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: s.subscriptionId,
    tenantId: s.tenantId,
    displayName: s.displayName,
    state: s.state,
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'EnterpriseAgreement_2014-09-01',
      spendingLimit: 'Off',
    },
  };
}

function renderWorkspace(w: ArmWorkspaceRecord): unknown {
  const scope = `/subscriptions/${w.subscriptionId}`;
  const properties: Record<string, unknown> = {
    managedResourceGroupId: `${scope}/resourceGroups/databricks-rg-${w.name}`,
    provisioningState: w.provisioningState,
    isUcEnabled: w.isUcEnabled,
    publicNetworkAccess: 'Enabled',
    requiredNsgRules: 'AllRules',
    createdDateTime: '2025-03-11T09:24:51.1234567Z',
  };
  if (w.workspaceId !== undefined) properties['workspaceId'] = w.workspaceId;
  if (w.workspaceUrl !== undefined) properties['workspaceUrl'] = w.workspaceUrl;
  return {
    id: `${scope}/resourceGroups/${w.resourceGroup}/providers/Microsoft.Databricks/workspaces/${w.name}`,
    name: w.name,
    type: 'Microsoft.Databricks/workspaces',
    location: w.location,
    sku: { name: w.sku },
    tags: {},
    properties,
  };
}
