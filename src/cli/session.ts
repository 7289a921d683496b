// Builds the clients the CLI needs from Databricks' own environment variables.
import { HttpClient } from '../core/http/client';
import type { TokenProvider } from '../core/http/types';
import { credentialTokenProvider, loadDefaultAzureCredential, staticTokenProvider } from '../core/auth/tokenSources';
import { ScimClient } from '../core/scim/client';
import { HostError, parseHost } from '../core/workspaces/host';
import { UsageError } from './args';

export interface CliSession {
  scim: ScimClient;
  close(): Promise<void>;
}

export async function openSession(env: NodeJS.ProcessEnv): Promise<CliSession> {
  const rawHost = env.DATABRICKS_HOST;
  if (!rawHost) throw new UsageError('Set DATABRICKS_HOST to the workspace URL, e.g. https://adb-1234567890123456.7.azuredatabricks.net');
  let host: string;
  try {
    host = parseHost(rawHost).host;
  } catch (err) {
    if (err instanceof HostError) throw new UsageError(`DATABRICKS_HOST: ${err.message}`);
    throw err;
  }
  const token = env.DATABRICKS_TOKEN?.trim();
  const auth: TokenProvider = token
    ? staticTokenProvider(host, token)
    : credentialTokenProvider(host, await loadDefaultAzureCredential());
  const http = new HttpClient({ auth, userAgent: 'dbx-scim-cli' });
  if (token) http.redactor.add(token);
  return { scim: new ScimClient({ host, http }), close: () => http.close() };
}
