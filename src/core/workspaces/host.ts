// Workspace host parsing. A host is the identity of a workspace everywhere (settings, the secret
// store key, the token's allowed origin), so it is normalized once, here: scheme + host + port,
// lower case, no path, query or trailing slash.
import { isLoopbackHostname } from '../http/loopback';

export interface ParsedHost {
  /** e.g. https://adb-1234567890123456.7.azuredatabricks.net */
  host: string;
  /** Set when the host is allowed but unusual, so the UI can ask before saving it. */
  warning?: string;
}

export class HostError extends Error {}

const DATABRICKS_HOST_PATTERNS: RegExp[] = [
  /^adb-\d+\.\d+\.azuredatabricks\.net$/,
  /\.azuredatabricks\.net$/,
  /\.databricks\.azure\.cn$/,
  /\.databricks\.azure\.us$/,
  /\.cloud\.databricks\.com$/,
  /\.gcp\.databricks\.com$/,
];

/** Accepts what people paste: a bare host name, a URL with a path (`…/?o=123#job/1`), trailing slashes. */
export function parseHost(input: string): ParsedHost {
  const trimmed = input.trim();
  if (!trimmed) throw new HostError('Enter the workspace URL, e.g. https://adb-1234567890123456.7.azuredatabricks.net');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new HostError(
      `"${trimmed}" is not a URL. Enter the workspace URL, e.g. https://adb-1234567890123456.7.azuredatabricks.net`,
    );
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHostname(url.hostname))) {
    throw new HostError(
      `The workspace URL must start with https:// (got ${url.protocol}//). Plain http is only allowed for a local emulator.`,
    );
  }
  if (url.username || url.password) {
    throw new HostError(
      'The workspace URL must not contain a user name or password. Remove them; the token is asked for separately.',
    );
  }
  const host = `${url.protocol}//${url.host.toLowerCase()}`;
  const known =
    isLoopbackHostname(url.hostname) || DATABRICKS_HOST_PATTERNS.some((p) => p.test(url.hostname.toLowerCase()));
  return known
    ? { host }
    : { host, warning: `${url.hostname} does not look like a Databricks workspace host (adb-….azuredatabricks.net).` };
}

/**
 * Azure Databricks' DNS zones (public cloud, Azure China, Azure Government). Only Microsoft can
 * serve a host below them, so a Microsoft Entra token for Azure Databricks may go there unasked;
 * anywhere else (AWS and GCP workspaces and loopback emulators included) it needs the user's yes.
 */
const AZURE_DATABRICKS_ZONES = ['azuredatabricks.net', 'databricks.azure.cn', 'databricks.azure.us'];

/** Where a host sits: Azure Databricks, another Databricks cloud, this machine, or anything else. */
export type HostKind = 'azureDatabricks' | 'otherDatabricks' | 'loopback' | 'unknown';

/** For a host as stored (parseHost's form) or pasted; what cannot be parsed is `unknown`. */
export function classifyHost(input: string): HostKind {
  let url: URL;
  try {
    url = new URL(parseHost(input).host);
  } catch {
    return 'unknown';
  }
  const name = url.hostname;
  if (url.protocol === 'https:' && AZURE_DATABRICKS_ZONES.some((zone) => name.endsWith(`.${zone}`)))
    return 'azureDatabricks';
  if (isLoopbackHostname(name)) return 'loopback';
  return DATABRICKS_HOST_PATTERNS.some((p) => p.test(name)) ? 'otherDatabricks' : 'unknown';
}

/** Whether an Entra token for Azure Databricks may be sent to `host` without asking. */
export function isAzureDatabricksHost(host: string): boolean {
  return classifyHost(host) === 'azureDatabricks';
}

/**
 * The host alone (parseHost without the warning): settings and secret-store keys, and the base URL
 * of the SCIM and Token API clients. Throws HostError for what parseHost refuses.
 */
export function normalizeHost(input: string): string {
  return parseHost(input).host;
}
