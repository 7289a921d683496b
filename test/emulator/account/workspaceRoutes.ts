// What a workspace host of a federated account answers besides workspace SCIM and tokens: the
// unauthenticated well-known configuration (how a client finds the account), Identity v2, and the
// workspace proxy of the group rule sets (how a workspace admin who manages a group reaches them).

import type { ApiRequest, Reply, Services } from '../context';
import { identityV2 } from './identityV2';
import { ruleSetRoutes } from './ruleSets';

/** A knob that is on for every workspace (true), none (false), or the listed ones. */
export function enabledFor(knob: boolean | readonly string[], workspaceId: string | undefined): boolean {
  if (typeof knob === 'boolean') return knob;
  return workspaceId !== undefined && knob.includes(workspaceId);
}

/** GET /.well-known/databricks-config, without authentication; undefined = not this route (or switched off). */
export function wellKnownConfig(s: Services, method: string, pathname: string, baseUrl: string): Reply | undefined {
  if (pathname !== '/.well-known/databricks-config' || method !== 'GET') return undefined;
  const scope = s.scope;
  // Switched off, the path falls through to authentication and the route table like any unknown one.
  if (!scope || !enabledFor(s.knobs().wellKnownConfig, scope.workspaceId)) return undefined;
  return {
    status: 200,
    body: {
      account_id: scope.account.id,
      workspace_id: scope.workspaceId,
      cloud: 'azure',
      host_type: 'workspace',
      oidc_endpoint: `${baseUrl}/oidc`,
      token_federation_default_oidc_audiences: [`${baseUrl}/oidc/v1/token`],
    },
  };
}

/** Identity v2 and rule-set routes; undefined = not one of them (the workspace route table decides). */
export function workspaceExtras(s: Services, req: ApiRequest): Reply | undefined {
  if (req.pathname.replace(/\/+$/, '') === '/api/2.0/preview/accounts/access-control/rule-sets') {
    return ruleSetRoutes(s, req);
  }
  if (!req.pathname.startsWith('/api/2.0/identity/')) return undefined;
  if (!enabledFor(s.knobs().identityV2, s.scope?.workspaceId)) return undefined;
  return identityV2(s, req);
}
