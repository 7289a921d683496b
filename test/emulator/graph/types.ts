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
  /** A known gap of Graph v1.0: `/members` without a cast leaves service principals out. */
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
  /**
   * Users (userPrincipalName or object id; `'*'` = all) rendered without `mail`, as many tenants' guests and service
   * accounts are.
   */
  usersWithoutMail: readonly string[];
  /**
   * Type casts on `/transitiveMembers` are "advanced queries" on the real service: without the
   * `ConsistencyLevel: eventual` header and `$count=true` they answer 400 Request_UnsupportedQuery.
   */
  castsNeedAdvancedQuery: boolean;
  /**
   * The v1.0 `/members/microsoft.graph.servicePrincipal` cast answers `200 {"value": []}` whatever
   * the group holds (whether v1.0 serves it is not settled; `/beta` does), so a client must notice
   * and read service principals another way.
   */
  emptyV1ServicePrincipalCast: boolean;
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
  castsNeedAdvancedQuery: false,
  emptyV1ServicePrincipalCast: false,
});

/** Most requests one `POST /$batch` may carry; more → 400 for the whole batch. */
export const MAX_BATCH_REQUESTS = 20;
/** Most ids one `POST /directoryObjects/getByIds` may carry; more → 400. */
export const MAX_GET_BY_IDS = 1000;

export type GraphProfileName = 'default' | 'realistic';

/**
 * Named knob sets. `realistic`: Graph as a client meets it in production — latency, advanced-query
 * rules on casts and the v1.0 service-principal cast that lists nothing. Id-only members are not a
 * knob but a scope: issue a token without `User.ReadBasic.All`.
 */
export const graphProfiles: Readonly<Record<GraphProfileName, Readonly<Partial<GraphKnobs>>>> = Object.freeze({
  default: Object.freeze({}),
  realistic: Object.freeze({ latencyMs: 30, castsNeedAdvancedQuery: true, emptyV1ServicePrincipalCast: true }),
});

/**
 * Scopes of the default token: everything the client asks for. Without `User.ReadBasic.All` (or
 * `User.Read.All`) user members come back as Graph's "limited information" objects: `@odata.type`
 * and `id` only.
 */
export const DEFAULT_GRAPH_SCOPES: readonly string[] = Object.freeze([
  'GroupMember.Read.All',
  'User.ReadBasic.All',
  'Application.Read.All',
]);

export interface GraphEmulatorOptions {
  org?: EntraOrgName;
  /** Knobs to start from (default 'default'); `knobs` apply on top. */
  profile?: GraphProfileName;
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
  /** One request of a `$batch` (logged after the batch's own entry); not an HTTP request of its own. */
  inBatch?: true;
  /** On a `$batch` entry: how many requests it carried. */
  batchSize?: number;
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
