// What every failed API call carries, whichever service answered: the status, the service's code
// and words, and one sentence for people. DatabricksError (Databricks) and GraphError (Microsoft Graph)
// add what is particular to their service.
import type { HttpTransportErrorKind } from './errors';

export interface ApiErrorInit {
  status: number;
  code: string;
  detail: string;
  userMessage: string;
  retryAfterSeconds?: number;
  transportKind?: HttpTransportErrorKind;
  method?: string;
  path?: string;
  attempts?: number;
  /** Origin the request went to; lets the UI offer the fix for the right workspace. */
  host?: string;
}

export class ApiError extends Error {
  /** HTTP status; 0 when no HTTP answer was received (transport failure). */
  readonly status: number;
  /** The service's error code, or a status name. */
  readonly code: string;
  /** The server's own words (redacted, shortened). */
  readonly detail: string;
  /** One sentence for people: what happened and what to do. Never contains a secret. */
  readonly userMessage: string;
  readonly retryAfterSeconds?: number;
  readonly transportKind?: HttpTransportErrorKind;
  readonly method?: string;
  readonly path?: string;
  readonly attempts?: number;
  readonly host?: string;

  constructor(init: ApiErrorInit) {
    const where = init.method && init.path ? `${init.method} ${init.path}: ` : '';
    super(`${where}${init.status === 0 ? init.code : `HTTP ${init.status} ${init.code}`}: ${init.detail}`);
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.userMessage = init.userMessage;
    if (init.retryAfterSeconds !== undefined) this.retryAfterSeconds = init.retryAfterSeconds;
    if (init.transportKind !== undefined) this.transportKind = init.transportKind;
    if (init.method !== undefined) this.method = init.method;
    if (init.path !== undefined) this.path = init.path;
    if (init.attempts !== undefined) this.attempts = init.attempts;
    if (init.host !== undefined) this.host = init.host;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
  get isRateLimited(): boolean {
    return this.status === 429;
  }
  get isCancelled(): boolean {
    return this.transportKind === 'aborted';
  }
}
