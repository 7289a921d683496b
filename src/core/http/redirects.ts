// Redirect rules, applied by the client itself rather than undici's interceptor so that the
// Authorization header and the http:// refusal are decided by us on every hop.

import type { HttpMethod } from './types';

export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface RedirectStep {
  url: URL;
  method: HttpMethod;
  /** False when the request turns into a GET and must lose its body. */
  keepBody: boolean;
}

/**
 * The next hop for a response, or undefined when it is not a redirect we follow (not a 3xx we
 * know, or no usable Location: the response is then returned as it is). 303 always becomes GET;
 * 301/302 turn a POST into a GET as browsers do; 307/308 keep method and body.
 */
export function redirectStep(
  status: number,
  method: HttpMethod,
  location: string | undefined,
  current: URL,
): RedirectStep | undefined {
  if (!REDIRECT_STATUSES.has(status) || !location) return undefined;
  let url: URL;
  try {
    url = new URL(location, current);
  } catch {
    return undefined;
  }
  url.hash = '';
  const toGet = status === 303 || ((status === 301 || status === 302) && method === 'POST');
  if (toGet) return { url, method: 'GET', keepBody: false };
  return { url, method, keepBody: true };
}
