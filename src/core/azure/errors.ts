// One error type for every way an Azure Resource Manager call can fail. ARM answers
// `{"error":{"code","message"}}`; `userMessage` always says what to do next.

import { ApiError } from '../http/apiError';
import type { HttpTransportErrorKind } from '../http/errors';
import { microsoftService, type ServiceErrorContext } from '../http/serviceErrors';

/** `isAuthProblem` means sign in again (401) or ask for a role (403). */
export class ArmError extends ApiError {
  override readonly name = 'ArmError';
}

/** Where a failure happened, for messages. */
export interface ArmErrorContext extends ServiceErrorContext {
  /** What the call was about, e.g. 'the subscriptions' or 'subscription "Contoso"'. */
  what: string;
}

function userMessageFor(status: number, code: string, detail: string, ctx: ArmErrorContext, wait?: number): string {
  if (status === 401)
    return `Azure Resource Manager rejected the sign-in (${code}: ${detail}). Sign in to Azure again (az login).`;
  if (status === 403)
    return `Azure Resource Manager denied reading ${ctx.what} (${code}). The Reader role (or any role with Microsoft.Databricks/workspaces/read) on the subscription lets you list its workspaces.`;
  if (status === 404) return `Azure Resource Manager did not find ${ctx.what} (${code}: ${detail}).`;
  if (status === 429)
    return `Azure Resource Manager is rate-limiting requests (still after retries); try again in ${wait !== undefined ? `${wait} s` : 'a minute'}.`;
  if (status === 400)
    return `Azure Resource Manager refused the request for ${ctx.what} (${code}: ${detail}). This is a bug; please report it.`;
  if (status >= 500) return `Azure Resource Manager failed with HTTP ${status} (${detail}). Try again later.`;
  return `Azure Resource Manager answered HTTP ${status} for ${ctx.what} (${code}: ${detail}).`;
}

const TRANSPORT_MESSAGES: Record<HttpTransportErrorKind, (endpoint: string) => string> = {
  timeout: (e) => `Azure Resource Manager (${e}) did not answer in time. Check the network and try again.`,
  aborted: () => 'The request was cancelled.',
  insecure: (e) => `The token was not sent: ${e} is plain http and not a loopback address. Use https://.`,
  redirect: (e) => `Azure Resource Manager (${e}) redirected to another address; the token was not sent there.`,
  proxy: (e) => `The proxy failed for ${e}. Check HTTPS_PROXY / the proxy settings.`,
  connection: (e) => `Could not reach Azure Resource Manager at ${e}. Check the endpoint and the network.`,
};

/** ARM's errors: the mapping every Microsoft service shares, in ARM's words. */
export const armErrors = microsoftService<ArmError, ArmErrorContext>(ArmError, {
  name: 'Azure Resource Manager',
  answer: userMessageFor,
  transport: TRANSPORT_MESSAGES,
  about: (ctx) => ` for ${ctx.what}`,
});
