// Public shapes of the Azure Resource Manager emulator: options, knobs, faults, the request log.

import type { GraphFault, GraphRequestLogEntry } from '../graph/types';
import { SUB_FINANCE, type ArmState } from './state';

export interface ArmKnobs {
  /** Added before every response. */
  latencyMs: number;
  /** 0..1 probability of a 429 (seeded PRNG, deterministic). */
  rate429: number;
  /** Retry-After on 429s (seconds). */
  retryAfter: string;
  seed: number;
  /** Subscriptions per page of `GET /subscriptions`. */
  subscriptionPageSize: number;
  /** Workspaces per page of a subscription's workspace list. */
  workspacePageSize: number;
  /**
   * Subscriptions (id or displayName) the caller sees in the subscription list but may not read
   * resources in: their workspace list answers 403 AuthorizationFailed.
   */
  forbiddenSubscriptions: readonly string[];
  /**
   * `properties.workspaceUrl` of the workspaces, in `state.workspaces` order (index i → workspace i;
   * entries past the end are ignored, workspaces past the end keep their seeded URL). Written as
   * given — real values carry no scheme, e.g. `127.0.0.1:8123` for a local Databricks emulator.
   */
  workspaceUrls: readonly string[];
  /** Origin written into `nextLink` (default: the emulator's own) — to test a client's host check. */
  nextLinkOrigin?: string;
}

export const DEFAULT_ARM_KNOBS: Readonly<ArmKnobs> = Object.freeze({
  latencyMs: 0,
  rate429: 0,
  retryAfter: '1',
  seed: 1,
  subscriptionPageSize: 2,
  workspacePageSize: 2,
  forbiddenSubscriptions: Object.freeze([SUB_FINANCE]),
  workspaceUrls: Object.freeze([]),
});

export type ArmProfileName = 'default' | 'realistic';

/** `realistic`: ARM's latency (its reads take noticeably longer than Graph's) and an occasional 429. */
export const armProfiles: Readonly<Record<ArmProfileName, Readonly<Partial<ArmKnobs>>>> = Object.freeze({
  default: Object.freeze({}),
  realistic: Object.freeze({ latencyMs: 80, rate429: 0.02 }),
});

/** The audience of the default token; ARM also takes the other spellings in ARM_AUDIENCES. */
export const ARM_AUDIENCE = 'https://management.azure.com/';
export const ARM_AUDIENCES: readonly string[] = Object.freeze([
  'https://management.core.windows.net/',
  'https://management.core.windows.net',
  'https://management.azure.com/',
  'https://management.azure.com',
]);

/** api-versions each route accepts (the first is what clients are expected to send). */
export const SUBSCRIPTIONS_API_VERSIONS: readonly string[] = Object.freeze([
  '2022-12-01',
  '2021-01-01',
  '2020-01-01',
  '2016-06-01',
]);
export const WORKSPACES_API_VERSIONS: readonly string[] = Object.freeze([
  '2024-05-01',
  '2026-01-01',
  '2023-02-01',
  '2018-04-01',
]);

export interface ArmTokenClaims {
  /** `aud`: who the token is for; anything outside ARM_AUDIENCES → 401. */
  audience?: string;
  /** `oid`: the caller, named in 403 messages. */
  objectId?: string;
}

export interface ArmEmulatorOptions {
  /** Knobs to start from (default 'default'); `knobs` apply on top. */
  profile?: ArmProfileName;
  knobs?: Partial<ArmKnobs>;
  /** The bearer the emulator accepts; random per start unless given. */
  token?: string;
  /** 0 (default) = a random free port. */
  port?: number;
}

/** Faults that make sense for a read-only JSON API: status, reset, delay, redirect. */
export type ArmFault = GraphFault;

/** One request as the emulator saw it (the Graph log's shape; no batch fields are set). */
export type ArmRequestLogEntry = Omit<GraphRequestLogEntry, 'consistencyLevel' | 'inBatch' | 'batchSize'>;

export interface ArmEmulator {
  /** 'http://127.0.0.1:PORT' — the ARM endpoint (what https://management.azure.com is in production). */
  url: string;
  /** Accepted bearer, audience https://management.azure.com/. */
  token: string;
  /** A further accepted token (a wrong `audience` makes it one ARM answers 401 for). */
  issueToken(claims?: ArmTokenClaims): string;
  log: ArmRequestLogEntry[];
  /** Most requests open at once since start or the last clearLog(). */
  readonly peakInFlight: number;
  /** Empties the log and restarts peakInFlight. */
  clearLog(): void;
  setKnobs(k: Partial<ArmKnobs>): void;
  injectFaults(...faults: ArmFault[]): void;
  state: ArmState;
  close(): Promise<void>;
}
