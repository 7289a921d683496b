// Where a Microsoft Graph token comes from in VS Code: the built-in Microsoft sign-in with Graph
// scopes (asked silently first; interactively only when the user started the action), or the Azure
// CLI / environment credential for workspaces that use it. A token handed in by a programmatic
// caller (tests, other extensions) is used as is and never stored. No `vscode` import: the session
// getter is a parameter (vscodeSessions.ts supplies the real one), as in tokenSource.ts.
import { credentialTokenProvider, type AzureTokenCredential } from '../../../core/auth/tokenSources';
import { APPLICATION_PERMISSION, GROUP_MEMBER_PERMISSION } from '../../../core/graph/errors';
import { graphOrigin } from '../../../core/graph/scope';
import type { TokenProvider } from '../../../core/http/types';
import type { AuthKind } from '../connection';
import { MICROSOFT_PROVIDER_ID, type SessionGetter } from './tokenSource';
import type { ActionableError, ErrorFix } from '../errors';

/**
 * Delegated scopes for the Graph at `endpoint`: read group members, and the applications' appId
 * (service principals match Databricks by it). VSCODE_TENANT pins the tenant, VSCODE_CLIENT_ID
 * swaps VS Code's own app for one an admin consented to Graph.
 */
export function graphSessionScopes(endpoint: string, tenantId?: string, clientId?: string): string[] {
  const origin = graphOrigin(endpoint);
  const scopes = [`${origin}/${GROUP_MEMBER_PERMISSION}`, `${origin}/${APPLICATION_PERMISSION}`];
  if (tenantId?.trim()) scopes.push(`VSCODE_TENANT:${tenantId.trim()}`);
  if (clientId?.trim()) scopes.push(`VSCODE_CLIENT_ID:${clientId.trim()}`);
  return scopes;
}

export class GraphSignInRequired extends Error implements ActionableError {
  // Run interactively, the comparison asks VS Code for the Microsoft sign-in itself.
  readonly fix: ErrorFix = { title: 'Sign In…', command: 'dbxScim.compareWithEntra', args: [] };
  constructor(message = 'Sign in with Microsoft to read Entra groups (Microsoft Graph).') {
    super(message);
  }
}

export interface GraphTokenInputs {
  endpoint: string;
  tenantId?: string;
  clientId?: string;
  /** The sign-in kind of the workspace compared: azure-cli workspaces use the same credential for Graph. */
  workspaceAuth: AuthKind;
  getSession: SessionGetter;
  loadAzureCredential: () => Promise<AzureTokenCredential>;
  /** A token passed by a programmatic caller: used for this call only. */
  explicitToken?: string;
  /** May VS Code show a sign-in? Only when a person started the action. */
  interactive: boolean;
  /** Every token handed out goes through here (the shared Redactor). */
  onToken: (token: string) => void;
}

/** A token provider bound to the Graph origin, or GraphSignInRequired when there is no credential. */
export async function graphTokenProvider(inputs: GraphTokenInputs): Promise<TokenProvider> {
  const origin = graphOrigin(inputs.endpoint);
  const explicit = inputs.explicitToken?.trim();
  if (explicit) {
    inputs.onToken(explicit);
    return { origin, getToken: async () => explicit };
  }
  if (inputs.workspaceAuth === 'azure-cli') {
    const provider = credentialTokenProvider(origin, await inputs.loadAzureCredential(), `${origin}/.default`);
    return {
      origin,
      async getToken(signal?: AbortSignal) {
        const token = await provider.getToken(signal);
        inputs.onToken(token);
        return token;
      },
    };
  }
  const scopes = graphSessionScopes(inputs.endpoint, inputs.tenantId, inputs.clientId);
  let session = await inputs.getSession(MICROSOFT_PROVIDER_ID, scopes, { silent: true });
  if (!session && inputs.interactive)
    session = await inputs.getSession(MICROSOFT_PROVIDER_ID, scopes, { createIfNone: true });
  if (!session) throw new GraphSignInRequired();
  inputs.onToken(session.accessToken);
  return {
    origin,
    // Asked per request: VS Code caches the session and refreshes the token before it expires.
    async getToken() {
      const current = await inputs.getSession(MICROSOFT_PROVIDER_ID, scopes, { silent: true });
      if (!current) throw new GraphSignInRequired('The Microsoft sign-in for Graph ended. Sign in again.');
      inputs.onToken(current.accessToken);
      return current.accessToken;
    },
  };
}
