// Public shapes of the Graph emulator: options, knobs, faults and the request log.

import type { EntraOrgName } from '../data/entra';
import type { EmulatorState } from '../state';
import type { Fault, RequestLogEntry } from '../types';
import type { EntraDirectory } from './directory';

export interface GraphKnobs {
  /** Added before every response. */
  latencyMs: number;
  /** 0..1 probability of a 429 (seeded PRNG, deterministic). */
  rate429: number;
  /** Retry-After on 429s (seconds). */
  retryAfter: string;
  seed: number;
  /** The v1.0 known issue (reference §5.1): `/members` without a cast leaves service principals out. */
  hideServicePrincipalsInMembers: boolean;
  /**
   * Permissions the caller's token lacks. 'GroupMember.Read.All': every /groups call → 403.
   * 'Application.Read.All': the servicePrincipal cast → 403, and service principals elsewhere
   * come back with `@odata.type` and `id` only (Graph's "limited information").
   */
  deniedPermissions: readonly string[];
  /** Page size without `$top`. */
  defaultTop: number;
  /** Largest accepted `$top`. */
  maxTop: number;
  /** Origin written into `@odata.nextLink` (default: the emulator's own) — to test a client's origin check. */
  nextLinkOrigin?: string;
  /**
   * Groups (object id or displayName) whose `/members` and `/transitiveMembers` answer exactly
   * `200 {"value": []}` whatever they hold: a partial or broken answer that looks like an empty group.
   */
  emptyMemberGroups: readonly string[];
  /** Users (userPrincipalName or object id; `'*'` = all) rendered without `mail`, as many tenants' guests and service accounts are. */
  usersWithoutMail: readonly string[];
}

export const DEFAULT_GRAPH_KNOBS: Readonly<GraphKnobs> = Object.freeze({
  latencyMs: 0,
  rate429: 0,
  retryAfter: '1',
  seed: 1,
  hideServicePrincipalsInMembers: true,
  deniedPermissions: [],
  defaultTop: 100,
  maxTop: 999,
  emptyMemberGroups: [],
  usersWithoutMail: [],
});

/**
 * Scopes of the default token: everything the client asks for. Without `User.ReadBasic.All` (or
 * `User.Read.All`) user members come back as Graph's "limited information" objects: `@odata.type`
 * and `id` only.
 */
export const DEFAULT_GRAPH_SCOPES: readonly string[] = Object.freeze(['GroupMember.Read.All', 'User.ReadBasic.All', 'Application.Read.All']);

export interface GraphEmulatorOptions {
  org?: EntraOrgName;
  knobs?: Partial<GraphKnobs>;
  /** The bearer the emulator accepts; random per start unless given. */
  token?: string;
  /** Scopes the default token carries (default DEFAULT_GRAPH_SCOPES). */
  scopes?: readonly string[];
  /** 0 (default) = a random free port. */
  port?: number;
  /** For `scale`: the Databricks scale state to take user names from (saves building it again). */
  databricksScale?: EmulatorState;
}

/** Faults that make sense for a read-only JSON API (see ../README.md "Faults"). */
export type GraphFault = Extract<Fault, { kind: 'status' | 'reset' | 'delay' | 'redirect' }>;

export interface GraphRequestLogEntry extends RequestLogEntry {
  /** The ConsistencyLevel header, when sent. */
  consistencyLevel?: string;
}

export interface GraphEmulator {
  /** 'http://127.0.0.1:PORT' — the Graph endpoint (routes under /v1.0 and /beta). */
  url: string;
  /** Carries the `scopes` option (default DEFAULT_GRAPH_SCOPES). */
  token: string;
  /** A further accepted token with exactly these scopes (`scp` claim in its payload). */
  issueToken(scopes: readonly string[]): string;
  log: GraphRequestLogEntry[];
  clearLog(): void;
  setKnobs(k: Partial<GraphKnobs>): void;
  injectFaults(...faults: GraphFault[]): void;
  state: EntraDirectory;
  close(): Promise<void>;
}
