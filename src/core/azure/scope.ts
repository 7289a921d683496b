// Which Resource Manager to talk to and which token scope belongs to it. Sovereign clouds have
// their own (management.usgovcloudapi.net, management.chinacloudapi.cn); a token for one is useless
// to — and must never be sent to — another, so the scope is derived from the endpoint's origin.

import { endpointOrigin } from '../http/origin';

export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';
export const ARM_SCOPE = 'https://management.azure.com/.default';
export const SUBSCRIPTIONS_API_VERSION = '2022-12-01';
export const WORKSPACES_API_VERSION = '2024-05-01';

/** "https://management.azure.com/subscriptions/" → "https://management.azure.com" (path and query dropped). */
export function armOrigin(endpoint: string = DEFAULT_ARM_ENDPOINT): string {
  return endpointOrigin(endpoint, DEFAULT_ARM_ENDPOINT);
}

/** The `.default` scope of the Resource Manager at `endpoint`: `${origin}/.default`. */
export function armScopeFor(endpoint: string = DEFAULT_ARM_ENDPOINT): string {
  return `${armOrigin(endpoint)}/.default`;
}
