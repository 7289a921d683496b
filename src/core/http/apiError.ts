// What every failed API call carries, whichever service answered: the status, the service's code
// and words, and one sentence for people. DatabricksError (Databricks), GraphError (Microsoft Graph)
// and ArmError (Azure Resource Manager) add what is particular to their service.
import type { HttpTransportErrorKind } from './errors';
import { definedFields } from './fields';

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
  /** The id the service gave the request (Graph's `innerError.request-id`): what its support asks for. */
  requestId?: string;
}

/** The fields an error keeps only when the failure had them. */
const OPTIONAL_FIELDS = [
  'retryAfterSeconds',
  'transportKind',
  'method',
  'path',
  'attempts',
  'host',
  'requestId',
] as const satisfies ReadonlyArray<keyof ApiErrorInit>;

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
  readonly requestId?: string;

  constructor(init: ApiErrorInit) {
    const where = init.method && init.path ? `${init.method} ${init.path}: ` : '';
    super(`${where}${init.status === 0 ? init.code : `HTTP ${init.status} ${init.code}`}: ${init.detail}`);
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.userMessage = init.userMessage;
    Object.assign(this, definedFields(init, OPTIONAL_FIELDS));
  }

  /** The fix is a new sign-in or token (401), or a permission or role for it (403). */
  get isAuthProblem(): boolean {
    return this.status === 401 || this.status === 403;
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
