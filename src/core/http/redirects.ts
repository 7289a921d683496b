// Redirect rules, applied by the client itself rather than undici's interceptor so that the
// Authorization header, the http:// refusal and the same-origin rule are decided by us on every hop.

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

/**
 * Why a redirect to another origin is refused, or undefined for the same origin. Following it
 * without the token would still trust the other origin's answer as the workspace's (an empty
 * member list from anywhere would read as "everyone is extra"), so it is never followed.
 */
export function crossOriginRefusal(from: URL, to: URL): string | undefined {
  if (from.origin === to.origin) return undefined;
  return `refused redirect from ${from.origin} to another origin, ${to.origin}: only answers from ${from.origin} are trusted. If the workspace moved, use its new URL.`;
}
