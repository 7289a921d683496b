// Which proxy, if any, a request goes through. Written out rather than delegated to undici's
// EnvHttpProxyAgent because our rules differ: loopback is never proxied from the environment,
// plain-http targets are loopback-only anyway, and the proxy URL's password must be known to
// the redactor.

import { isIP } from 'node:net';
import { isLoopbackHostname } from './loopback';

export type ProxyEnv = Record<string, string | undefined>;

export interface NoProxyRule {
  /** Lower-case host or domain without leading dot, or '*' for everything. */
  host: string;
  port?: number;
}

export function parseNoProxy(value: string | undefined): NoProxyRule[] {
  if (!value) return [];
  const rules: NoProxyRule[] = [];
  for (const raw of value.split(/[,\s]+/)) {
    let entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') {
      rules.push({ host: '*' });
      continue;
    }
    let port: number | undefined;
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracketed) {
      entry = bracketed[1];
      if (bracketed[2]) port = Number(bracketed[2]);
    } else if (isIP(entry) !== 6) {
      const withPort = /^(.*):(\d+)$/.exec(entry);
      if (withPort) {
        entry = withPort[1];
        port = Number(withPort[2]);
      }
    }
    // "*.corp.com", ".corp.com" and "corp.com" all mean corp.com and everything below it.
    entry = entry.replace(/^\*?\.+/, '').replace(/\.$/, '');
    if (entry === '') continue;
    rules.push(port === undefined ? { host: entry } : { host: entry, port });
  }
  return rules;
}

function defaultPort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

export function isExcludedByNoProxy(url: URL, noProxy: string | undefined): boolean {
  let host = url.hostname.toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  host = host.replace(/\.$/, '');
  const port = defaultPort(url);
  return parseNoProxy(noProxy).some((rule) => {
    if (rule.host === '*') return true;
    if (rule.port !== undefined && rule.port !== port) return false;
    if (host === rule.host) return true;
    // Suffix match only on a label boundary (and never for IP literals): corp.com must not
    // match evilcorp.com.
    return isIP(host) === 0 && host.endsWith(`.${rule.host}`);
  });
}

function firstSet(env: ProxyEnv, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

/** Adds http:// to a bare host:port, the way most tools read HTTPS_PROXY=proxy.corp:8080. */
export function normalizeProxyUrl(raw: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
}

export interface ProxyChoice {
  /** Explicit proxy from settings; wins over the environment, and applies to loopback too. */
  explicit?: string;
  env?: ProxyEnv;
  ignoreEnv?: boolean;
}

/** The proxy URL to use for `target`, or undefined to connect directly. */
export function selectProxy(target: URL, choice: ProxyChoice): string | undefined {
  if (choice.explicit) return normalizeProxyUrl(choice.explicit);
  if (choice.ignoreEnv || !choice.env) return undefined;
  if (isLoopbackHostname(target.hostname)) return undefined;
  const env = choice.env;
  // Plain http is loopback-only (see loopback.ts), so every proxied target is https.
  const proxy =
    target.protocol === 'https:'
      ? firstSet(env, ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'])
      : firstSet(env, ['HTTP_PROXY', 'http_proxy']);
  if (!proxy) return undefined;
  if (isExcludedByNoProxy(target, firstSet(env, ['NO_PROXY', 'no_proxy']))) return undefined;
  return normalizeProxyUrl(proxy);
}

/** The forms of a proxy URL's credentials that could show up in text, for the redactor. */
export function proxySecrets(proxyUrl: string): string[] {
  let url: URL;
  try {
    url = new URL(proxyUrl);
  } catch {
    return [];
  }
  if (!url.password) return [];
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return [password, url.password, Buffer.from(`${user}:${password}`).toString('base64')];
}

/** The proxy URL without credentials, for messages. */
export function describeProxy(proxyUrl: string): string {
  try {
    const url = new URL(proxyUrl);
    return `${url.protocol}//${url.host}`;
  } catch {
    return 'the configured proxy';
  }
}

const PROXY_ENV_NAMES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const;

/**
 * The proxy choice of one client. Proxy passwords are registered with `redactor` before any
 * request, so even a failure to reach the proxy is masked.
 */
export function proxyChoiceFor(
  opts: { env?: NodeJS.ProcessEnv; proxy?: string; noProxyFromEnv?: boolean },
  redactor: { add(secret: string): void },
): ProxyChoice {
  const env = opts.env ?? process.env;
  const choice: ProxyChoice = { env, ignoreEnv: opts.noProxyFromEnv === true };
  if (opts.proxy) choice.explicit = opts.proxy;
  const proxies = opts.proxy ? [opts.proxy] : opts.noProxyFromEnv ? [] : PROXY_ENV_NAMES.map((n) => env[n]);
  for (const proxy of proxies) {
    if (proxy) for (const secret of proxySecrets(normalizeProxyUrl(proxy.trim()))) redactor.add(secret);
  }
  return choice;
}
