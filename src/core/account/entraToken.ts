// The only credential the account API on Azure takes is a Microsoft Entra access token for the
// Azure Databricks application; a workspace PAT is meaningless there and must never leave for it.
// An EntraTokenSource can only be made by the functions below, and every token it hands out is
// checked for the Entra shape before a request carries it, so a PAT cannot slip through.

import type { AzureTokenCredential } from '../auth/tokenSources';
import { AZURE_DATABRICKS_SCOPE } from '../auth/tokenSources';

/** Azure Databricks' first-party application id, the `aud` of the tokens the account API takes. */
export const AZURE_DATABRICKS_APP_ID = AZURE_DATABRICKS_SCOPE.split('/')[0] ?? '';

const BRAND: unique symbol = Symbol('EntraTokenSource');

/** A supplier of Entra access tokens for Azure Databricks; build it with entraTokenSource/entraTokenFromCredential. */
export interface EntraTokenSource {
  readonly [BRAND]: true;
  getToken(signal?: AbortSignal): Promise<string>;
}

/** A token refused before it was sent: a PAT, or not an Entra access token for Azure Databricks. */
export class NotAnEntraTokenError extends Error {
  override readonly name = 'NotAnEntraTokenError';
  constructor(readonly reason: 'pat' | 'not-a-jwt' | 'wrong-audience') {
    super(
      reason === 'pat'
        ? 'The account API takes a Microsoft Entra token, not a personal access token: sign in with `az login` ' +
            'or a service principal and use its Entra token.'
        : reason === 'wrong-audience'
          ? 'The Microsoft Entra token is not for Azure Databricks: request it for the scope ' + AZURE_DATABRICKS_SCOPE
          : 'The account API takes a Microsoft Entra access token; the token given is empty or malformed.',
    );
  }
}

function base64UrlJson(segment: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) return undefined;
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Databricks' own secret shapes: PATs (`dapi…`) and OAuth secrets/tokens (`dose…`, `dkea…`). */
const DATABRICKS_SECRET = /^(?:dapi|dose|dkea)[0-9a-z]/i;

/**
 * Throws NotAnEntraTokenError for a Databricks PAT or OAuth secret, and for a JWT whose audience
 * is not Azure Databricks (a Graph or ARM token). Only the shape and claims are read (the service
 * checks the signature); the token never appears in the error. Opaque bearer tokens pass.
 */
export function assertEntraToken(token: string): string {
  const value = token.trim();
  if (value === '' || DATABRICKS_SECRET.test(value)) throw new NotAnEntraTokenError(value === '' ? 'not-a-jwt' : 'pat');
  const parts = value.split('.');
  if (parts.length !== 3) return value;
  const payload = base64UrlJson(parts[1] ?? '');
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new NotAnEntraTokenError('not-a-jwt');
  }
  const aud = (payload as Record<string, unknown>)['aud'];
  const audiences = Array.isArray(aud) ? aud : [aud];
  const forDatabricks = audiences.some(
    (a) => typeof a === 'string' && a.toLowerCase().replace(/^api:\/\//, '') === AZURE_DATABRICKS_APP_ID,
  );
  if (!forDatabricks) throw new NotAnEntraTokenError('wrong-audience');
  return value;
}

function make(getToken: (signal?: AbortSignal) => Promise<string>): EntraTokenSource {
  return {
    [BRAND]: true,
    async getToken(signal?: AbortSignal) {
      return assertEntraToken(await getToken(signal));
    },
  };
}

/** A fixed token (CLI flag, environment, tests); checked now and again on every use. */
export function entraTokenSource(token: string): EntraTokenSource {
  const value = assertEntraToken(token);
  return make(async () => value);
}

/**
 * Tokens from an @azure/identity credential for the Azure Databricks scope, cached until five
 * minutes before they expire (the service refuses tokens about to expire).
 */
export function entraTokenFromCredential(credential: AzureTokenCredential): EntraTokenSource {
  let cached: { token: string; expiresAt: number } | undefined;
  return make(async (signal) => {
    if (cached && cached.expiresAt - Date.now() > 5 * 60_000) return cached.token;
    const got = await credential.getToken(AZURE_DATABRICKS_SCOPE, signal ? { abortSignal: signal } : undefined);
    if (!got) throw new Error('No Microsoft Entra token was returned. Sign in with `az login`.');
    cached = { token: got.token, expiresAt: got.expiresOnTimestamp };
    return got.token;
  });
}

/** Any async supplier (an extension's session), wrapped so that what it returns is checked. */
export function entraTokenFromSupplier(supplier: (signal?: AbortSignal) => Promise<string>): EntraTokenSource {
  return make(supplier);
}
