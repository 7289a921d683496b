// One error type for every way an Azure Resource Manager call can fail. ARM answers
// `{"error":{"code","message"}}`; `userMessage` always says what to do next.

import { ApiError } from '../http/apiError';
import type { HttpTransportErrorKind } from '../http/errors';
import {
  foreignNextLinkInit,
  invalidAnswerInit,
  microsoftResponseInit,
  toServiceError,
  type ServiceErrorContext,
} from '../http/serviceErrors';
import type { HttpResponse } from '../http/types';

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

/** Maps a non-2xx ARM response. */
export function armErrorFromResponse(res: HttpResponse, ctx: ArmErrorContext, attempts = res.attempts): ArmError {
  return new ArmError(
    microsoftResponseInit(res, ctx, attempts, (code, detail, wait) =>
      userMessageFor(res.status, code, detail, ctx, wait),
    ),
  );
}

const TRANSPORT_MESSAGES: Record<HttpTransportErrorKind, (endpoint: string) => string> = {
  timeout: (e) => `Azure Resource Manager (${e}) did not answer in time. Check the network and try again.`,
  aborted: () => 'The request was cancelled.',
  insecure: (e) => `The token was not sent: ${e} is plain http and not a loopback address. Use https://.`,
  redirect: (e) => `Azure Resource Manager (${e}) redirected to another address; the token was not sent there.`,
  proxy: (e) => `The proxy failed for ${e}. Check HTTPS_PROXY / the proxy settings.`,
  connection: (e) => `Could not reach Azure Resource Manager at ${e}. Check the endpoint and the network.`,
};

/** Maps anything the transport throws (an ArmError is returned as is). */
export function toArmError(err: unknown, ctx: ArmErrorContext): ArmError {
  return toServiceError(err, ctx, {
    isOwn: (e): e is ArmError => e instanceof ArmError,
    fromResponse: (res, attempts) => armErrorFromResponse(res, ctx, attempts),
    make: (init) => new ArmError(init),
    transportWords: TRANSPORT_MESSAGES,
  });
}

/** A nextLink that leaves the ARM host: refused before any request, so the token stays home. */
export function foreignNextLinkError(link: string, ctx: ArmErrorContext): ArmError {
  return new ArmError(foreignNextLinkInit('Azure Resource Manager', link, ctx, ` for ${ctx.what}`));
}

/** An answer that is not what the call returns: never read as "nothing". */
export function invalidAnswer(ctx: ArmErrorContext, why = 'the answer is not the expected JSON'): ArmError {
  return new ArmError(
    invalidAnswerInit('Azure Resource Manager', ctx, why, ` for ${ctx.what} that cannot be used (${why}).`),
  );
}
