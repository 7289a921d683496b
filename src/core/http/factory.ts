// The one place an HttpClient is put together from what a surface knows: the credential, the
// workspace's shared limits, the user's timeout settings and who is calling. The extension and the
// CLI each used to build one with slightly different options; the defaults now live here.

import { HttpClient } from './client';
import type { HostLimitsRegistry } from './hostLimits';
import type { Redactor } from './redact';
import type { HttpClientOptions, TokenProvider } from './types';

/** Who is calling, sent as the User-Agent so workspace admins can tell the two apart in audit logs. */
export const USER_AGENTS = {
  vscode: 'databricks-scim-explorer-vscode',
  cli: 'dbx-scim-cli',
} as const;

export type HttpCaller = keyof typeof USER_AGENTS;

export interface HttpClientSetup {
  /** None for a request that must carry no credential (the unauthenticated workspace probe). */
  auth?: TokenProvider;
  caller: HttpCaller;
  /** The workspace's shared limits; every client of one host gets the same registry. None for Graph. */
  limits?: HostLimitsRegistry;
  /** Headers/body timeout and the per-attempt deadline (user settings); the transport's defaults otherwise. */
  deadlines?: { timeoutMs?: number; deadlineMs?: number };
  maxConcurrency?: number;
  /** Shared with the layers above so they mask the same secrets; a fresh one otherwise. */
  redactor?: Redactor;
  /** One line per finished request, already redacted. */
  log?: (line: string) => void;
}

export function createHttpClient(setup: HttpClientSetup): HttpClient {
  const opts: HttpClientOptions = { userAgent: USER_AGENTS[setup.caller] };
  if (setup.auth) opts.auth = setup.auth;
  if (setup.limits) opts.hostLimits = setup.limits;
  if (setup.maxConcurrency !== undefined) opts.maxConcurrency = setup.maxConcurrency;
  if (setup.deadlines) {
    const { timeoutMs, deadlineMs } = setup.deadlines;
    opts.timeouts = { headersMs: timeoutMs, bodyMs: timeoutMs, deadlineMs };
  }
  if (setup.redactor) opts.redactor = setup.redactor;
  if (setup.log) opts.log = setup.log;
  return new HttpClient(opts);
}
