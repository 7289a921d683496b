// Where a Databricks bearer token comes from. The transport only sees a TokenProvider bound to one
// origin, so a token can never be sent anywhere else whatever its source.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TokenProvider } from '../http/types';

/** Azure Databricks' first-party application id; its `/.default` scope yields a workspace token. */
export const AZURE_DATABRICKS_SCOPE = '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default';

export function staticTokenProvider(origin: string, token: string): TokenProvider {
  const value = token.trim();
  return { origin, getToken: async () => value };
}

/** Minimal shape of an @azure/identity credential, so this file does not load the package. */
export interface AzureTokenCredential {
  getToken(
    scopes: string | string[],
    options?: { abortSignal?: AbortSignal },
  ): Promise<{ token: string; expiresOnTimestamp: number } | null>;
}

/**
 * Caches the access token until shortly before it expires: Databricks rejects tokens that are
 * about to expire (seen at 30 s), so we refresh five minutes early.
 */
export function credentialTokenProvider(
  origin: string,
  credential: AzureTokenCredential,
  scope = AZURE_DATABRICKS_SCOPE,
): TokenProvider {
  let cached: { token: string; expiresAt: number } | undefined;
  return {
    origin,
    async getToken(signal?: AbortSignal) {
      if (cached && cached.expiresAt - Date.now() > 5 * 60_000) return cached.token;
      const got = await credential.getToken(scope, signal ? { abortSignal: signal } : undefined);
      if (!got)
        throw new Error('No Microsoft Entra token was returned. Sign in with `az login` or set DATABRICKS_TOKEN.');
      cached = { token: got.token, expiresAt: got.expiresOnTimestamp };
      return got.token;
    },
  };
}

/** The part of @azure/identity we use. */
export interface AzureIdentityModule {
  DefaultAzureCredential: new () => AzureTokenCredential;
  AzureCliCredential: new () => AzureTokenCredential;
}

/**
 * @azure/identity is large and only needed when someone picks an Azure credential, so it is
 * loaded on first use instead of at activation or CLI start. In the bundles it is the separate
 * chunk dist/azure-identity.js beside dist/extension.js and dist/cli.js (a .vsix has no
 * node_modules); from tsc output (unit tests) the package itself is loaded.
 */
export async function loadAzureIdentity(): Promise<AzureIdentityModule> {
  const chunk = path.join(__dirname, 'azure-identity.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path the bundler must not follow
  if (fs.existsSync(chunk)) return require(chunk) as AzureIdentityModule;
  return (await import('@azure/identity')) as unknown as AzureIdentityModule;
}

export async function loadDefaultAzureCredential(): Promise<AzureTokenCredential> {
  const identity = await loadAzureIdentity();
  return new identity.DefaultAzureCredential();
}
