// One error type for every way a Graph call can fail. Graph answers
// `{"error":{"code","message","innerError":{"request-id",…}}}`; callers switch on
// `status` / `code` and show `userMessage`, which always says what to do next — for a 403, which
// permission the sign-in lacks.

import { ApiError } from '../http/apiError';
import type { HttpTransportErrorKind } from '../http/errors';
import { microsoftService, type ServiceErrorContext } from '../http/serviceErrors';

/** Least-privileged permission to read groups and their members. */
export const GROUP_MEMBER_PERMISSION = 'GroupMember.Read.All';
/** Needed on top to see a service principal's appId. */
export const APPLICATION_PERMISSION = 'Application.Read.All';

/**
 * `requestId` is Graph's `innerError.request-id`, what Microsoft support asks for; `isAuthProblem`
 * means sign in again (401) or ask for a permission (403).
 */
export class GraphError extends ApiError {
  override readonly name = 'GraphError';
}

/** Where a failure happened, for messages. */
export interface GraphErrorContext extends ServiceErrorContext {
  /** What the call was about, e.g. "Entra group 1234…" — named in 404 and 403 messages. */
  what?: string;
  /** The permission this call needs beyond reading groups (e.g. Application.Read.All). */
  permission?: string;
}

function userMessageFor(
  status: number,
  code: string,
  detail: string,
  ctx: GraphErrorContext,
  wait: number | undefined,
): string {
  const what = ctx.what ?? 'the requested object';
  if (status === 401) {
    return `Microsoft Graph rejected the sign-in (${code}: ${detail}). Sign in to Microsoft again.`;
  }
  if (status === 403) {
    const permission = ctx.permission ?? GROUP_MEMBER_PERMISSION;
    const why =
      ctx.permission === APPLICATION_PERMISSION
        ? " to read service principals' appId"
        : ' to read Entra groups and their members';
    return (
      `Microsoft Graph denied access to ${what} (${code}): the sign-in lacks the ${permission} permission${why}. ` +
      `Ask an Entra admin to grant ${permission} (with admin consent), then sign in again.`
    );
  }
  if (status === 404) {
    return `${capitalize(what)} was not found in Entra ID (${detail}). Check the group id or the mapping in dbxScim.drift.groupMappings.`;
  }
  if (status === 429) {
    return `Microsoft Graph is rate-limiting requests (still after retries); try again in ${wait !== undefined ? `${wait} s` : 'a minute'}.`;
  }
  if (status === 400 && code === 'Request_UnsupportedQuery') {
    return `Microsoft Graph did not accept the query for ${what} (${detail}). This is a bug in the extension; please report it.`;
  }
  if (status >= 500) return `Microsoft Graph failed with HTTP ${status} (${detail}). Try again later.`;
  return `Microsoft Graph answered HTTP ${status} for ${what} (${code}: ${detail}).`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const TRANSPORT_MESSAGES: Record<HttpTransportErrorKind, (endpoint: string) => string> = {
  timeout: (e) =>
    `Microsoft Graph (${e}) did not answer in time. Check the network, or raise dbxScim.http.timeoutSeconds.`,
  aborted: () => 'The request was cancelled.',
  insecure: (e) =>
    `The token was not sent: ${e} is plain http and not a loopback address. Use https:// in dbxScim.entra.graphEndpoint.`,
  redirect: (e) =>
    `Microsoft Graph (${e}) redirected to another address; the token was not sent there. Check dbxScim.entra.graphEndpoint.`,
  proxy: (e) => `The proxy failed for ${e}. Check HTTPS_PROXY / the proxy settings.`,
  connection: (e) => `Could not reach Microsoft Graph at ${e}. Check dbxScim.entra.graphEndpoint and the network.`,
};

/** Graph's errors: the mapping every Microsoft service shares, in Graph's words. */
export const graphErrors = microsoftService<GraphError, GraphErrorContext>(GraphError, {
  name: 'Microsoft Graph',
  answer: userMessageFor,
  transport: TRANSPORT_MESSAGES,
  unusableAdvice: ' Check dbxScim.entra.graphEndpoint.',
});

/** Maps a non-2xx Graph response. */
export const graphErrorFromResponse = graphErrors.fromResponse;
/** An answer that is not what the call returns (no JSON, no `value` list): never read as "nothing". */
export const invalidAnswer = graphErrors.invalidAnswer;
