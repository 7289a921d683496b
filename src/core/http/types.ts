// The transport's public contract. src/core/scim, src/core/tokens and src/core/graph are written
// against these types only, so the transport can change underneath them.

import type { HostLimitsRegistry } from './hostLimits';
import type { Redactor } from './redact';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Supplies a bearer token for one origin. Called per attempt, so a refreshed token is picked up. */
export interface TokenProvider {
  /** The only origin (scheme://host:port) that may ever receive this token. */
  readonly origin: string;
  getToken(signal?: AbortSignal): Promise<string>;
}

/** What the API clients (Databricks SCIM, Token API, Graph) need from the transport; `HttpClient` satisfies it. */
export interface HttpTransport {
  request(req: HttpRequest): Promise<HttpResponse>;
  readonly redactor?: { redact(text: string): string };
}

export interface HttpRequest {
  method: HttpMethod;
  /** Absolute URL. */
  url: string | URL;
  headers?: Record<string, string>;
  /** Serialized as JSON with Content-Type application/json. */
  json?: unknown;
  signal?: AbortSignal;
  /**
   * Whether the request may be repeated after a 502/504 or a connection reset. Defaults to true
   * for GET, PUT and DELETE. 429 and 503 are retried for every method: the server did not act.
   */
  idempotent?: boolean;
  /**
   * Whether a 503 may be repeated (default true). A gateway can answer 503 after the service
   * acted, so a create that must not happen twice (a new token) says false and checks itself.
   */
  retryUnavailable?: boolean;
  /** Retry limits for this request over the client's (a background job may wait longer than a click). */
  retry?: Partial<RetryOptions>;
  /** A GET that lists a collection: hosts that meter listings apart from reads count it there. */
  listing?: boolean;
  /** Send no credentials at all (a public discovery endpoint), whatever the client's token provider. */
  anonymous?: boolean;
}

export interface HttpResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  bodyText: string;
  /** The URL that finally answered (after redirects). */
  url: string;
  /** How many attempts were made (1 = no retry). */
  attempts: number;
}

export interface RetryOptions {
  /** Total attempts, first one included. */
  maxAttempts: number;
  /** First backoff step when the server gives no Retry-After. */
  baseDelayMs: number;
  /** Cap for one wait (also caps a huge Retry-After). */
  maxDelayMs: number;
  /** Total time allowed for all waits of one request; past it the last response is surfaced. */
  budgetMs: number;
  /**
   * How backoff is randomised: 'equal' (default) waits between half and all of the exponential
   * step, 'full' anywhere between zero and the step. Jitter spreads many clients' retries apart.
   */
  jitter?: 'full' | 'equal';
}

export interface TimeoutOptions {
  connectMs: number;
  headersMs: number;
  /** Longest gap between two body chunks. */
  bodyMs: number;
  /** Longest one attempt may take, from dispatch to the last body byte (default 120 s). */
  deadlineMs: number;
}

export interface HttpClientOptions {
  auth?: TokenProvider;
  maxConcurrency?: number;
  /** Client-side rate limit (requests per second, token bucket). Unlimited when absent. */
  ratePerSecond?: number;
  /**
   * Per-host limits shared with other clients (adaptive concurrency, a GET token bucket): every
   * client of the same workspace should get the same registry. None when absent.
   */
  hostLimits?: HostLimitsRegistry;
  retry?: Partial<RetryOptions>;
  timeouts?: Partial<TimeoutOptions>;
  /** Explicit proxy URL; otherwise HTTPS_PROXY/HTTP_PROXY/NO_PROXY from the environment. */
  proxy?: string;
  /** Ignore proxy environment variables (tests). */
  noProxyFromEnv?: boolean;
  /** One line per finished request, already redacted. */
  log?: (line: string) => void;
  userAgent?: string;
  /** Wait function, replaceable so tests can observe waits; defaults to a real timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * Shared redactor, so several clients (Databricks, Graph) and the layers above mask the same
   * secrets. A new one is created when absent; either way it is exposed as `client.redactor`.
   */
  redactor?: Redactor;
  /** Where proxy variables are read from; defaults to process.env (tests pass their own). */
  env?: Record<string, string | undefined>;
  /** Largest response body accepted, in bytes; default 64 MiB. */
  maxBodyBytes?: number;
}

/*
 * Implemented in src/core/http:
 *   client.ts  export class HttpClient { constructor(opts: HttpClientOptions); readonly redactor: Redactor;
 *                request(req): Promise<HttpResponse>; close(): Promise<void> }
 *              request() resolves for every HTTP status, except when a retriable condition (429, 503,
 *              and for idempotent requests 502/504/connection reset/timeout) outlives the retry budget.
 *   errors.ts  export class HttpRetryError extends Error { lastResponse?: HttpResponse;
 *                lastError?: HttpTransportError; attempts: number }
 *              export class HttpTransportError extends Error { code?: string;
 *                kind: 'timeout' | 'aborted' | 'connection' | 'insecure' | 'redirect' | 'proxy' }
 *   redact.ts  export class Redactor { add(secret: string): void; redact(text: string): string }
 *              export function scrubSecrets(text: string, known?: (text: string) => string): string
 *   factory.ts export function createHttpClient(setup: HttpClientSetup): HttpClient
 */
