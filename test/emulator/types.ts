// Public shapes of the emulator: what tests configure (options, knobs, faults) and what they read
// back (the request log). Kept apart from the server so test files can import types without
// pulling in node:http.

import type { AccountRateLimits } from './account/rateLimits';
import type { AccountState } from './account/accountState';
import type { PrincipalKind } from './records';
import type { EmulatorState } from './state';

export type DatasetName = 'demo' | 'scale' | 'empty';

export type ProfileName = 'default' | 'realistic';

export interface EmulatorOptions {
  dataset?: DatasetName;
  /** A named knob set (profiles.ts); `knobs` are applied on top of it. */
  profile?: ProfileName;
  /** Workspace id named in the concurrency-limit error; a fixed 16-digit id unless given. */
  workspaceId?: string;
  /** 0 (default) = a random free port. */
  port?: number;
  knobs?: Partial<Knobs>;
  /** PAT of the seeded admin user; random per start unless given. */
  adminToken?: string;
  /** Workspaces sharing the account (default 1); the first is `url`, the others listen on ports of their own. */
  workspaces?: number;
  /** The account's id (a GUID); a fixed one unless given. */
  accountId?: string;
}

/** One workspace of the account, as a test reaches it. */
export interface EmulatorWorkspace {
  /** Numeric id, as a string (16 digits), like `workspaceId`. */
  workspaceId: string;
  /** Its own host: 'http://127.0.0.1:PORT'. Workspace #1's is `emu.url`. */
  url: string;
}

export interface Emulator {
  /** 'http://127.0.0.1:PORT' — the workspace host. */
  url: string;
  adminToken: string;
  workspaceId: string;
  /** Live counters of what the limits saw; `resetStats()` starts them again. */
  stats: Readonly<EmulatorStats>;
  resetStats(): void;
  /** Every request, in arrival order (entries are filled in as the answer is sent). */
  log: RequestLogEntry[];
  clearLog(): void;
  setKnobs(k: Partial<Knobs>): void;
  /** Queued, deterministic faults; each is consumed by the next matching request(s). */
  injectFaults(...faults: Fault[]): void;
  state: EmulatorState;
  /** The account every workspace belongs to; `url` is the account host (its own port). */
  account: { id: string; url: string; state: AccountState };
  /** Every workspace of the account, workspace #1 first (its url is `url`). */
  workspaces: EmulatorWorkspace[];
  /**
   * An opaque Entra access token for the user (the seeded admin when absent): accepted by the account
   * host and by every workspace the user belongs to.
   */
  entraToken(userName?: string): string;
  /** Closes the server and destroys every socket, so a test run never waits on keep-alive. */
  close(): Promise<void>;
}

export interface EmulatorStats {
  /** SCIM requests open right now (arrived, not yet answered), refused ones included. */
  inFlight: number;
  /** Most SCIM requests open at once: what the client attempted, refused ones included. */
  peakConcurrency: number;
  /** Answers refused by `concurrencyLimit`. */
  concurrencyRefused: number;
  /** Answers refused by `getRateLimit` (429). */
  rateLimited: number;
  /** concurrencyRefused + rateLimited. */
  throttled: number;
}

/** Attribute names (any case) a filter may use, per resource type. */
export type FilterableAttributes = Readonly<Record<PrincipalKind, readonly string[]>>;

export interface RequestLogEntry {
  method: string;
  /** Which host answered: a workspace id, or `account` (absent in the Graph emulator's log). */
  host?: string;
  path: string;
  query: Record<string, string>;
  /** 0 until answered; stays 0 when the socket was reset without an answer. */
  status: number;
  /** The raw Authorization header, so tests can check where tokens went. */
  authorization?: string;
  /** Parsed JSON request body (or the raw text when it was not JSON). */
  body?: unknown;
  receivedAt: number;
  retryAfter?: string;
  /** Name of the fault that shaped the answer: an injected fault's kind, or the knob that fired. */
  fault?: string;
  /**
   * SCIM requests open when this one arrived, itself included (absent for other APIs): lets a
   * test check how many requests a client had in flight at any point, e.g. after its first refusal.
   */
  concurrency?: number;
}

export interface Knobs {
  /** Added before every response. */
  latencyMs: number;
  /** 0..1 probability of a 429 (seeded PRNG, deterministic). */
  rate429: number;
  /** Retry-After header value on 429/503; Databricks sends integer seconds, but may be an HTTP date. */
  retryAfter: string;
  rate5xx: number;
  status5xx: number;
  /** Probability of destroying the socket without answering. */
  resetRate: number;
  /** Delay between body chunks. */
  slowBodyMs: number;
  /** Probability of sending a Content-Length and then cutting the body short. */
  truncateRate: number;
  /** Lists reflect writes only after this lag; GET by id is immediate. */
  consistencyLagMs: number;
  /** Server maximum for `count`. */
  pageCap: number;
  /** Page size when the request has no `count`. */
  defaultCount: number;
  /** Filters with more nodes than this → 400 INVALID_FILTER. */
  maxFilterNodes: number;
  /** Databricks looks userName up case-sensitively (it stores lower case). */
  userNameCaseSensitive: boolean;
  /** Status of a successful PATCH: 204 (empty) or 200 + the resource. */
  patchStatus: 200 | 204;
  seed: number;
  /** Shape of the "Invalid access token." 403: today's JSON or the older HTML page. */
  errorStyle: 'json' | 'html';
  /** Workspace setting maxTokenLifetimeDays: caps `lifetime_seconds` of new tokens. */
  maxTokenLifetimeDays: number;
  /** Tokens per user before /token/create answers QUOTA_EXCEEDED. */
  tokenQuota: number;
  /** Empty list pages: omit `Resources` (true) or send `[]` (false); SDKs accept both. */
  omitEmptyResources: boolean;
  /** Longest chain of nested groups (10 levels on Databricks). */
  maxNestingDepth: number;
  /** SCIM requests the workspace works on at once; the excess is refused (`concurrencyAnswer`). 0 = no limit. */
  concurrencyLimit: number;
  /** How the excess is refused: the 500 SCIM error of today's service, a 400, or the RPC token-bucket text. */
  concurrencyAnswer: 'concurrent500' | 'concurrent400' | 'tokenBucket500';
  /** SCIM GETs admitted per `getRateWindowMs` (sliding window); more → 429 + Retry-After. 0 = no limit. */
  getRateLimit: number;
  getRateWindowMs: number;
  /** Extra time a /Me takes when its answer includes entitlements (the server scans permissions). */
  slowMeMs: number;
  /** What filters may name per resource type; null = every attribute the emulator can filter on. */
  filterableAttributes: FilterableAttributes | null;
  /** Status for a member id that does not exist in a group write: 400 invalidValue or 404. */
  unknownMemberStatus: 400 | 404;
  /** Lifetime of a token made without one; 0 = it never expires (expiry_time -1). Capped by maxTokenLifetimeDays. */
  defaultTokenLifetimeDays: number;
  /** Tokens unused for this many days are revoked; 0 = never. */
  revokeUnusedTokenDays: number;
  /** Account SCIM: server maximum for `count` (100 on the real service). */
  accountPageCap: number;
  /** Account SCIM GET /Groups lists carry `members` (older accounts) or not (accounts since August 2025). */
  accountListMembers: boolean;
  /** Account SCIM: a member is removed only with `path: members[value eq "id"]`; a `value` on remove → 400. */
  strictMemberRemove: boolean;
  /** Account API rate limits; null = none. ACCOUNT_RATE_LIMITS holds the documented ones. */
  accountRateLimits: AccountRateLimits | null;
  /** Probability (or true = always) that an account membership write answers 2xx and changes nothing. */
  silentNoOpMembershipWrites: number | boolean;
  /** Automatic Identity Management: resolve-by-external-id works and brings Entra-only identities in. */
  aim: boolean;
  /** Workspaces that answer GET /.well-known/databricks-config: all (true), none (false), or these ids. */
  wellKnownConfig: boolean | readonly string[];
  /** Workspaces with the Identity v2 (Beta) API: all (true), none (false), or these ids. */
  identityV2: boolean | readonly string[];
}

export const DEFAULT_KNOBS: Readonly<Knobs> = Object.freeze({
  latencyMs: 0,
  rate429: 0,
  retryAfter: '1',
  rate5xx: 0,
  status5xx: 503,
  resetRate: 0,
  slowBodyMs: 0,
  truncateRate: 0,
  consistencyLagMs: 0,
  pageCap: 10000,
  defaultCount: 10000,
  maxFilterNodes: 200,
  userNameCaseSensitive: true,
  patchStatus: 204,
  seed: 1,
  errorStyle: 'json',
  maxTokenLifetimeDays: 730,
  tokenQuota: 600,
  omitEmptyResources: true,
  maxNestingDepth: 10,
  concurrencyLimit: 0,
  concurrencyAnswer: 'concurrent500',
  getRateLimit: 0,
  getRateWindowMs: 60_000,
  slowMeMs: 0,
  filterableAttributes: null,
  unknownMemberStatus: 400,
  defaultTokenLifetimeDays: 0,
  revokeUnusedTokenDays: 0,
  accountPageCap: 10000,
  accountListMembers: true,
  strictMemberRemove: false,
  accountRateLimits: null,
  silentNoOpMembershipWrites: 0,
  aim: false,
  wellKnownConfig: true,
  identityV2: true,
});

export interface FaultMatch {
  method?: string;
  /** A string is a prefix of the pathname; a RegExp is tested against the pathname. */
  path?: string | RegExp;
}

export type Fault = { match?: FaultMatch; times?: number } & (
  | { kind: 'status'; status: number; retryAfter?: string; body?: string; contentType?: string }
  | { kind: 'reset' }
  | { kind: 'truncate' }
  | { kind: 'slowBody'; ms: number }
  | { kind: 'delay'; ms: number }
  | { kind: 'redirect'; location: string; status?: 301 | 302 | 307 | 308 }
);
