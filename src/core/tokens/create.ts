// token/create must not make a token the user never hears of. The transport repeats a 503 for
// any method, but a gateway can answer 503 after the service made the token; a repeat then mints
// a second one, and the first lives on unknown. So create is sent once, and a 503 is repeated
// only when the token list proves no token appeared. An answer without `token_info` (or without
// the value) leaves a token we cannot use: whatever new token the list shows is revoked again.

import { DatabricksError } from '../databricks/errors';
import type { TokenInfo } from './types';

/** What careful creation needs from the Token API. */
export interface CreateSteps {
  host: string;
  list(): Promise<TokenInfo[]>;
  /** One POST token/create, never repeated by the transport on 503; the raw outcome. */
  post(): Promise<{ tokenValue?: string; info?: TokenInfo; status: number }>;
  revoke(tokenId: string): Promise<void>;
  wait(ms: number): Promise<void>;
  comment?: string;
}

/** Creates after the first one: 503 answers proven harmless get this many tries in all. */
export const MAX_CREATE_ATTEMPTS = 3;
/** Longest wait between creates, whatever Retry-After says (the user is waiting on a dialog). */
const MAX_CREATE_WAIT_MS = 10_000;

export async function createCarefully(steps: CreateSteps): Promise<{ tokenValue: string; info: TokenInfo }> {
  const before = new Set((await steps.list()).map((t) => t.tokenId));
  for (let attempt = 1; ; attempt++) {
    let answer: Awaited<ReturnType<CreateSteps['post']>>;
    try {
      answer = await steps.post();
    } catch (err) {
      if (!(err instanceof DatabricksError) || err.status !== 503) throw err;
      const made = await newTokens(steps, before);
      if (made === undefined) {
        throw uncertain(steps, err, 'the token list could not be read to check whether a token was made anyway');
      }
      if (made.length > 0)
        throw await revokeStray(steps, made, 'answered token/create with HTTP 503, yet a new token appeared');
      if (attempt >= MAX_CREATE_ATTEMPTS) throw err;
      await steps.wait(Math.min(MAX_CREATE_WAIT_MS, (err.retryAfterSeconds ?? 1) * 1000));
      continue;
    }
    if (answer.tokenValue && answer.info) return { tokenValue: answer.tokenValue, info: answer.info };
    const made = (await newTokens(steps, before)) ?? [];
    const without = answer.tokenValue ? 'token_info' : 'token_value';
    throw await revokeStray(steps, made, `answered token/create without ${without}`, answer.status);
  }
}

/** Tokens listed now that were not listed before (with our comment, when there is one). */
async function newTokens(steps: CreateSteps, before: Set<string>): Promise<TokenInfo[] | undefined> {
  let now: TokenInfo[];
  try {
    now = await steps.list();
  } catch {
    return undefined;
  }
  return now.filter((t) => !before.has(t.tokenId) && (steps.comment === undefined || t.comment === steps.comment));
}

async function revokeStray(
  steps: CreateSteps,
  made: TokenInfo[],
  reason: string,
  status = 0,
): Promise<DatabricksError> {
  const revoked: string[] = [];
  const left: string[] = [];
  for (const t of made) {
    try {
      await steps.revoke(t.tokenId);
      revoked.push(t.tokenId);
    } catch {
      left.push(t.tokenId);
    }
  }
  const parts = [`Databricks on ${steps.host} ${reason}, so no usable token was made.`];
  if (revoked.length > 0) parts.push(`The token it made (id ${revoked.join(', ')}) was revoked again.`);
  if (left.length > 0)
    parts.push(`Revoke the token with id ${left.join(', ')} in the workspace settings: it could not be revoked.`);
  if (made.length === 0) parts.push('No new token shows in the token list, so there was nothing to revoke.');
  parts.push('Keep using the current token.');
  return new DatabricksError({
    status,
    code: 'TOKEN_CREATE_INCOMPLETE',
    detail: `${reason}; new tokens: ${made.length}, revoked: ${revoked.length}`,
    userMessage: parts.join(' '),
    method: 'POST',
    path: '/api/2.0/token/create',
    host: steps.host,
  });
}

function uncertain(steps: CreateSteps, err: DatabricksError, why: string): DatabricksError {
  return new DatabricksError({
    status: err.status,
    code: 'TOKEN_CREATE_UNCERTAIN',
    detail: `${err.detail}; ${why}`,
    userMessage:
      `Databricks on ${steps.host} answered the token request with HTTP ${err.status}, and ${why}. ` +
      'Check the token list in the workspace settings and revoke a token you do not know; keep using the current one.',
    method: 'POST',
    path: '/api/2.0/token/create',
    host: steps.host,
  });
}
