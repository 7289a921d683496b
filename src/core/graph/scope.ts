// Which Graph to talk to and which token scope belongs to it. Sovereign clouds have their own
// Graph (graph.microsoft.us, microsoftgraph.chinacloudapi.cn, …) and a token for one is useless —
// and must never be sent — to another, so the scope is derived from the endpoint's origin.

import { endpointOrigin } from '../http/origin';

export const DEFAULT_GRAPH_ENDPOINT = 'https://graph.microsoft.com';

/** "https://graph.microsoft.us/v1.0/" → "https://graph.microsoft.us" (paths and queries dropped). */
export function graphOrigin(endpoint: string = DEFAULT_GRAPH_ENDPOINT): string {
  return endpointOrigin(endpoint, DEFAULT_GRAPH_ENDPOINT);
}

/** The `.default` scope of the Graph at `endpoint`: `${origin}/.default`. */
export function graphScopeFor(endpoint: string = DEFAULT_GRAPH_ENDPOINT): string {
  return `${graphOrigin(endpoint)}/.default`;
}
