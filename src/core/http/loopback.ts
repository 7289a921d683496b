// Plain http:// is refused except to this machine: a token sent in clear text to anything else
// can be read on the way. Loopback is allowed so local emulators and dev proxies work.

import { isIP } from 'node:net';

/** Hostname as URL.hostname gives it: IPv6 in brackets, possibly with a trailing dot. */
export function isLoopbackHostname(hostname: string): boolean {
  let host = hostname.toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host === 'localhost') return true;
  const family = isIP(host);
  if (family === 4) return host.split('.')[0] === '127';
  if (family === 6) {
    if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
    // IPv4-mapped loopback, e.g. ::ffff:127.0.0.1 (URL normalises it to ::ffff:7f00:1).
    const mapped = /^::ffff:(.+)$/.exec(host);
    if (mapped) {
      const rest = mapped[1];
      if (isIP(rest) === 4) return rest.startsWith('127.');
      return /^7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(rest);
    }
  }
  return false;
}

/** Why this URL must not be used, or undefined when it is fine. */
export function insecureUrlReason(url: URL): string | undefined {
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:') {
    if (isLoopbackHostname(url.hostname)) return undefined;
    return `plain http:// to ${url.host} is refused because the token would travel unencrypted; use https://${url.host}`;
  }
  return `unsupported protocol ${url.protocol} for ${url.host}; use https://`;
}
