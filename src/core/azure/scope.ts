// Which Resource Manager to talk to and which token scope belongs to it. Sovereign clouds have
// their own (management.usgovcloudapi.net, management.chinacloudapi.cn); a token for one is useless
// to — and must never be sent to — another, so the scope is derived from the endpoint's origin.

export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';
export const ARM_SCOPE = 'https://management.azure.com/.default';
export const SUBSCRIPTIONS_API_VERSION = '2022-12-01';
export const WORKSPACES_API_VERSION = '2024-05-01';

/** "https://management.azure.com/subscriptions/" → "https://management.azure.com" (path and query dropped). */
export function armOrigin(endpoint: string = DEFAULT_ARM_ENDPOINT): string {
  const trimmed = endpoint.trim();
  if (trimmed === '') return DEFAULT_ARM_ENDPOINT;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  return new URL(withScheme).origin;
}

/** The `.default` scope of the Resource Manager at `endpoint`: `${origin}/.default`. */
export function armScopeFor(endpoint: string = DEFAULT_ARM_ENDPOINT): string {
  return `${armOrigin(endpoint)}/.default`;
}
