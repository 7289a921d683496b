// Which Graph to talk to and which token scope belongs to it. Sovereign clouds have their own
// Graph (graph.microsoft.us, microsoftgraph.chinacloudapi.cn, …) and a token for one is useless —
// and must never be sent — to another, so the scope is derived from the endpoint's origin.

export const DEFAULT_GRAPH_ENDPOINT = 'https://graph.microsoft.com';

/** "https://graph.microsoft.us/v1.0/" → "https://graph.microsoft.us" (paths and queries dropped). */
export function graphOrigin(endpoint: string = DEFAULT_GRAPH_ENDPOINT): string {
  const trimmed = endpoint.trim();
  if (trimmed === '') return DEFAULT_GRAPH_ENDPOINT;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  return new URL(withScheme).origin;
}

/** The `.default` scope of the Graph at `endpoint`: `${origin}/.default`. */
export function graphScopeFor(endpoint: string = DEFAULT_GRAPH_ENDPOINT): string {
  return `${graphOrigin(endpoint)}/.default`;
}
