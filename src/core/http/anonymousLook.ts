// A look at a public path of a host before any token is involved: a workspace's discovery
// document, or whether a workspace answers there at all.
import type { HttpRequest } from './types';

/**
 * The request options of such a look: no credential at all, whatever the client's token provider;
 * at most `maxAttempts` tries, since someone is waiting; the caller's cancel signal.
 */
export function anonymousLook(
  maxAttempts: number,
  signal: AbortSignal | undefined,
): Pick<HttpRequest, 'anonymous' | 'retry' | 'signal'> {
  return { anonymous: true, retry: { maxAttempts }, ...(signal ? { signal } : {}) };
}
