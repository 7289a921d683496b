// Service endpoints the CLI reads from the environment (Graph, Resource Manager, the account host):
// one check, so each says the same thing and none lets a token go over plain http to a remote host.
import { isLoopbackHostname } from '../core/http/loopback';
import { endpointOrigin } from '../core/http/origin';
import { UsageError } from './args';

/** `env[name]` (or `fallback`) as an origin: https, or plain http on loopback (an emulator). */
export function endpointFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name]?.trim() || fallback;
  let url: URL;
  try {
    url = new URL(endpointOrigin(raw, fallback));
  } catch {
    throw new UsageError(`${name}: "${raw}" is not a URL, e.g. ${fallback}`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHostname(url.hostname))) {
    throw new UsageError(
      `${name} must start with https:// (got ${url.protocol}//). Plain http is only allowed for a local emulator.`,
    );
  }
  return url.origin;
}
