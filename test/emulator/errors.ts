// The error bodies Databricks really sends. Two families exist side by side on the
// same host, and clients must parse both, so the emulator produces both — each where the real
// service does.

export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const UNPARSABLE = 'Request is unparsable, syntactically incorrect, or violates schema.';

/** A reply that handlers throw; the server turns it into the HTTP answer. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'object' && body !== null && 'detail' in body ? String(body.detail) : `HTTP ${status}`);
  }
}

export type ScimType =
  | 'invalidFilter'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'invalidValue'
  | 'noTarget'
  | 'mutability'
  | 'uniqueness'
  | 'tooMany';

/** RFC 7644 §3.12 error; `status` is a string, as Databricks sends it. */
export function scimError(status: number, detail: string, scimType?: ScimType): HttpError {
  const body: Record<string, string | string[]> = { schemas: [SCIM_ERROR_SCHEMA], detail, status: String(status) };
  if (scimType) body.scimType = scimType;
  return new HttpError(status, body);
}

/** The standard Databricks REST error: `{"error_code": "...", "message": "..."}`. */
export function databricksError(status: number, errorCode: string, message: string): HttpError {
  return new HttpError(status, { error_code: errorCode, message });
}

export const INVALID_TOKEN_MESSAGE = 'Invalid access token.';

/**
 * A bad PAT: 403 with a numeric error_code and a reason-phrase header (sdk-go issues #873, #917);
 * older deployments sent an HTML page instead, which clients must still understand.
 */
export function invalidTokenError(style: 'json' | 'html'): HttpError {
  const headers = { 'X-Databricks-Reason-Phrase': INVALID_TOKEN_MESSAGE };
  if (style === 'html') {
    const html =
      `<html><head><title>Error 403 ${INVALID_TOKEN_MESSAGE}</title></head>` +
      `<body><pre>${INVALID_TOKEN_MESSAGE}</pre></body></html>`;
    return new HttpError(403, new RawBody(html, 'text/html;charset=utf-8'), headers);
  }
  return new HttpError(403, { error_code: 403, message: INVALID_TOKEN_MESSAGE }, headers);
}

/** A body that is sent as-is instead of as JSON (HTML error pages, fault bodies). */
export class RawBody {
  constructor(
    readonly text: string,
    readonly contentType: string,
  ) {}
}

/**
 * The workspace refusing a request over its concurrency limit. Today's service sends a SCIM error
 * with status 500; clients have also seen the same code as a 400 in the standard body, and a
 * token-bucket variant of the text. All three name REQUEST_LIMIT_EXCEEDED, which is what a client
 * has to look for, whatever the status.
 */
export function concurrencyLimitError(
  answer: 'concurrent500' | 'concurrent400' | 'tokenBucket500',
  workspaceId: string,
  limit: number,
): HttpError {
  const concurrent = `Workspace ${workspaceId} exceeded the concurrent limit of ${limit} requests.`;
  if (answer === 'concurrent400') return databricksError(400, 'REQUEST_LIMIT_EXCEEDED', concurrent);
  if (answer === 'tokenBucket500') {
    return scimError(
      500,
      'REQUEST_LIMIT_EXCEEDED: GetUserPermissionsRequest RPC token bucket limit has been exceeded.',
    );
  }
  return scimError(500, `REQUEST_LIMIT_EXCEEDED: ${concurrent}`);
}

/** Throttle and outage bodies in the Databricks shape. */
export function throttleBody(status: number): Record<string, string> {
  if (status === 429) {
    return {
      error_code: 'REQUEST_LIMIT_EXCEEDED',
      message: 'Workspace SCIM request rate limit exceeded. Please retry after the time in the Retry-After header.',
    };
  }
  if (status === 503)
    return { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'The service is temporarily unavailable.' };
  return { error_code: 'INTERNAL_ERROR', message: `Injected failure with status ${status}.` };
}
