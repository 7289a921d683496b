// What a route handler receives and returns. Handlers are plain functions of (services, request)
// → reply, so they can be read without any HTTP in the way; server.ts owns sockets and faults.

import type { Scope } from './account/scope';
import type { ListCache } from './listing';
import type { UserRecord } from './records';
import type { EmulatorState } from './state';
import type { Knobs } from './types';

export interface Services {
  readonly state: EmulatorState;
  readonly listCache: ListCache;
  /** What this host sees and who may write (account/scope.ts); absent = everything, as one workspace. */
  readonly scope?: Scope;
  knobs(): Readonly<Knobs>;
}

export interface ApiRequest {
  readonly method: string;
  readonly pathname: string;
  readonly query: Readonly<Record<string, string>>;
  /** Parsed JSON body; undefined when there was none. */
  readonly body: unknown;
  /** Set when a body was sent but is not JSON. */
  readonly bodyError?: string;
  /** Owner of the bearer token (authentication happened before routing). */
  readonly caller: UserRecord;
}

export interface Reply {
  status: number;
  /** JSON-serialised unless a RawBody (errors.ts); absent for 204. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Extra time the server takes before answering (work the real service would do). */
  delayMs?: number;
}

export function json(status: number, body: unknown): Reply {
  return { status, body };
}
