// Is a Databricks workspace answering at this host? Asked before the user is asked for a token, so
// a typo in the URL is reported as a wrong URL, not as a rejected token. The probe sends no
// credentials: a workspace answers /Me without a token with 401 or 403 and its own error body
// (JSON today, an HTML page naming the access token on older deployments). Anything else — no
// connection, a name that does not resolve, a timeout, a redirect, another site's page — means
// nothing Databricks-like is there.
import { anonymousLook } from '../http/anonymousLook';
import { HttpRetryError, HttpTransportError } from '../http/errors';
import type { HttpRequest, HttpResponse } from '../http/types';
import { normalizeHost } from './host';

export const PROBE_PATH = '/api/2.0/preview/scim/v2/Me';

/** The part of HttpClient the probe uses; the request is anonymous, so even a client with a token sends none. */
export interface ProbeTransport {
  request(req: HttpRequest): Promise<HttpResponse>;
}

export type ProbeResult = { reachable: true; status: number } | { reachable: false; reason: string };

const TOKEN_WORDS = /access token|unauthori[sz]ed|unauthenticated|credential|permission|forbidden/i;

export async function probeWorkspace(
  http: ProbeTransport,
  host: string,
  opts: { signal?: AbortSignal } = {},
): Promise<ProbeResult> {
  let res: HttpResponse;
  try {
    // One look is enough: the user is waiting, and a retry would only delay "not reachable".
    res = await http.request({
      method: 'GET',
      url: `${normalizeHost(host)}${PROBE_PATH}`,
      ...anonymousLook(1, opts.signal),
    });
  } catch (err) {
    return { reachable: false, reason: failureReason(err) };
  }
  return judge(res);
}

/** Whether an answer to an unauthenticated /Me looks like a Databricks workspace's. */
export function judge(res: Pick<HttpResponse, 'status' | 'headers' | 'bodyText'>): ProbeResult {
  const type = res.headers['content-type'] ?? '';
  const html = /html/i.test(type) || /^\s*</.test(res.bodyText);
  if (res.status === 401 || res.status === 403) {
    if (!html && looksLikeApiError(res.bodyText)) return { reachable: true, status: res.status };
    if (html && TOKEN_WORDS.test(res.bodyText)) return { reachable: true, status: res.status };
    return {
      reachable: false,
      reason: `it answered HTTP ${res.status} with ${html ? 'a web page' : 'an unknown body'}, not the Databricks API`,
    };
  }
  if (res.status >= 200 && res.status < 300)
    return {
      reachable: false,
      reason: `it answered HTTP ${res.status} without asking for a token${html ? ' (a web page)' : ''}, which a Databricks workspace never does`,
    };
  return {
    reachable: false,
    reason: `it answered HTTP ${res.status}${html ? ' with a web page' : ''} where a workspace asks for a token`,
  };
}

function looksLikeApiError(body: string): boolean {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null) return false;
    const o = parsed as Record<string, unknown>;
    return 'error_code' in o || 'message' in o || 'detail' in o || 'schemas' in o || 'error' in o;
  } catch {
    return false;
  }
}

function failureReason(err: unknown): string {
  if (err instanceof HttpTransportError) {
    if (err.kind === 'timeout') return 'no answer in time';
    if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return 'the host name does not resolve';
    if (err.code === 'ECONNREFUSED') return 'the connection was refused';
    if (err.kind === 'redirect') return 'it redirects elsewhere (a sign-in page or another site), not a workspace API';
    if (err.kind === 'insecure') return `the secure connection failed (${err.message})`;
    return err.message;
  }
  // With one attempt allowed, a timeout or a reset arrives wrapped as "gave up after 1 attempt".
  if (err instanceof HttpRetryError) {
    if (err.lastError) return failureReason(err.lastError);
    return err.lastResponse ? `it kept answering HTTP ${err.lastResponse.status}` : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
