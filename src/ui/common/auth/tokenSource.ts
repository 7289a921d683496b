// Chooses where a workspace's bearer token comes from (PAT, VS Code's Microsoft sign-in, or Azure
// CLI / environment credentials). No `vscode` import: the session getter, the PAT reader and the
// credential loader are parameters, so plain-Node tests drive it with fakes (style-anchors: "Auth
// helpers take the session getter as a parameter").
import {
  AZURE_DATABRICKS_SCOPE,
  credentialTokenProvider,
  staticTokenProvider,
  type AzureTokenCredential,
} from '../../../core/auth/tokenSources';
import type { TokenProvider } from '../../../core/http/types';
import { isAzureDatabricksHost } from '../../../core/workspaces/host';
import { CredentialMissingError, type AuthKind } from '../connection';

/** VS Code's built-in Microsoft authentication provider. */
export const MICROSOFT_PROVIDER_ID = 'microsoft';

/** The part of a VS Code AuthenticationSession we use. */
export interface SessionLike {
  accessToken: string;
  account?: { label: string };
}

export interface SessionRequestOptions {
  /** Never show UI; undefined when there is no session yet. */
  silent?: boolean;
  /** Ask the user to sign in when there is no session. */
  createIfNone?: boolean;
}

/** Same shape as `vscode.authentication.getSession`, narrowed to what we need. */
export type SessionGetter = (
  providerId: string,
  scopes: readonly string[],
  options: SessionRequestOptions,
) => Promise<SessionLike | undefined>;

/** Scopes for a Databricks token; VSCODE_TENANT pins the sign-in to the configured tenant. */
export function entraScopes(tenantId?: string): string[] {
  const tenant = tenantId?.trim();
  return tenant ? [AZURE_DATABRICKS_SCOPE, `VSCODE_TENANT:${tenant}`] : [AZURE_DATABRICKS_SCOPE];
}

export interface TokenSourceInputs {
  host: string;
  auth: AuthKind;
  tenantId?: string;
  getSession: SessionGetter;
  readPat: (host: string) => Promise<{ token: string } | undefined>;
  /** Loads @azure/identity only when called (it is large). */
  loadAzureCredential: () => Promise<AzureTokenCredential>;
  /** Every token value handed out goes through here (the shared Redactor). */
  onToken: (token: string) => void;
  /** Whether the user confirmed sending a Microsoft Entra token to this host, which is not Azure Databricks. */
  hostConfirmed: (host: string) => boolean;
}

/**
 * The token provider for one workspace, or CredentialMissingError when it has no usable credential
 * now. Never shows UI: the Entra session is asked for silently; signing in is `signInToEntra`.
 */
export async function resolveTokenProvider(inputs: TokenSourceInputs): Promise<TokenProvider> {
  const { host } = inputs;
  // An Entra token for Azure Databricks works on every workspace the user can reach, so a host that
  // is not Azure Databricks gets one only after the user said yes to that exact host.
  if (inputs.auth !== 'pat' && !isAzureDatabricksHost(host) && !inputs.hostConfirmed(host)) {
    throw new CredentialMissingError(
      host,
      inputs.auth,
      `${host} does not look like an Azure Databricks workspace, so your Microsoft Entra token is not sent to it. Sign in to confirm that this host should get it.`,
    );
  }
  switch (inputs.auth) {
    case 'pat': {
      const stored = await inputs.readPat(host);
      const token = stored?.token.trim();
      if (!token)
        throw new CredentialMissingError(
          host,
          'pat',
          `No personal access token is stored for ${host}. Set a token to connect.`,
        );
      inputs.onToken(token);
      return staticTokenProvider(host, token);
    }
    case 'entra': {
      const scopes = entraScopes(inputs.tenantId);
      // Checked once up front so the tree can show "Sign in…" instead of failing every request.
      const first = await silentSession(inputs, scopes);
      inputs.onToken(first.accessToken);
      return {
        origin: host,
        // Asked per request: VS Code caches the session and refreshes its token before expiry.
        async getToken() {
          const session = await silentSession(inputs, scopes);
          inputs.onToken(session.accessToken);
          return session.accessToken;
        },
      };
    }
    case 'azure-cli': {
      const credential = await inputs.loadAzureCredential();
      const provider = credentialTokenProvider(host, credential);
      return {
        origin: host,
        async getToken(signal?: AbortSignal) {
          const token = await provider.getToken(signal);
          inputs.onToken(token);
          return token;
        },
      };
    }
  }
}

async function silentSession(inputs: TokenSourceInputs, scopes: readonly string[]): Promise<SessionLike> {
  const session = await inputs.getSession(MICROSOFT_PROVIDER_ID, scopes, { silent: true });
  if (!session) {
    throw new CredentialMissingError(inputs.host, 'entra', `Sign in with Microsoft to connect to ${inputs.host}.`);
  }
  return session;
}

/** Interactive sign-in (only when the user asked for it); CredentialMissingError when declined. */
export async function signInToEntra(getSession: SessionGetter, host: string, tenantId?: string): Promise<SessionLike> {
  const session = await getSession(MICROSOFT_PROVIDER_ID, entraScopes(tenantId), { createIfNone: true });
  if (!session) throw new CredentialMissingError(host, 'entra', `Microsoft sign-in for ${host} did not complete.`);
  return session;
}
