// Builds the clients the CLI needs from Databricks' own environment variables, plus Microsoft
// Graph for drift (DBX_SCIM_GRAPH_TOKEN / DBX_SCIM_GRAPH_ENDPOINT). Each client has its own
// transport because a transport's token is bound to one origin: the PAT can never reach Graph and
// the Graph token can never reach the workspace.
import type { AccountClient } from '../core/account/client';
import { endpointFromEnv } from './endpointEnv';
import type { HttpClient } from '../core/http/client';
import { createHttpClient, USER_AGENTS } from '../core/http/factory';
import { DEFAULT_GETS_PER_MINUTE, HostLimitsRegistry } from '../core/http/hostLimits';
import type { TokenProvider } from '../core/http/types';
import {
  credentialTokenProvider,
  loadDefaultAzureCredential,
  staticTokenProvider,
  type AzureTokenCredential,
} from '../core/auth/tokenSources';
import { GraphClient } from '../core/graph/client';
import { DEFAULT_GRAPH_ENDPOINT, graphScopeFor } from '../core/graph/scope';
import { ScimClient } from '../core/scim/client';
import { HostError, isAzureDatabricksHost, parseHost } from '../core/workspaces/host';
import { openAccountClient } from './accountSession';
import { UsageError } from './args';

export interface SessionOptions {
  /** --allow-host: hosts that may get Entra credentials although they are not Azure Databricks. */
  allowHosts?: readonly string[];
  /** Where the host warning goes when --allow-host lets the token through. */
  warn?: (message: string) => void;
  /** @azure/identity's DefaultAzureCredential unless a test passes another. */
  loadCredential?: () => Promise<AzureTokenCredential>;
  /** Where a line goes when the workspace slows the CLI down (or lets it speed up again). */
  onLimit?: (line: string) => void;
}

export interface CliSession {
  scim: ScimClient;
  /** The account API (--account), built on first use. */
  account(): Promise<AccountClient>;
  /** Built on first use, so commands that do not compare with Entra need no Graph credentials. */
  graph(): Promise<GraphClient>;
  close(): Promise<void>;
}

export async function openSession(env: NodeJS.ProcessEnv, options: SessionOptions = {}): Promise<CliSession> {
  const rawHost = env.DATABRICKS_HOST;
  if (!rawHost)
    throw new UsageError(
      'Set DATABRICKS_HOST to the workspace URL, e.g. https://adb-1234567890123456.7.azuredatabricks.net',
    );
  let host: string;
  try {
    host = parseHost(rawHost).host;
  } catch (err) {
    if (err instanceof HostError) throw new UsageError(`DATABRICKS_HOST: ${err.message}`);
    throw err;
  }
  // One credential for both services (one `az login` lookup), loaded only when a token is missing.
  let credential: Promise<AzureTokenCredential> | undefined;
  const azure = (): Promise<AzureTokenCredential> =>
    (credential ??= (options.loadCredential ?? loadDefaultAzureCredential)());

  const token = env.DATABRICKS_TOKEN?.trim();
  if (!token) checkEntraHost(host, options);
  const auth: TokenProvider = token ? staticTokenProvider(host, token) : credentialTokenProvider(host, await azure());
  // The workspace counts GETs per minute and requests in flight; one registry holds both limits.
  const hostLimits = new HostLimitsRegistry({
    getsPerMinute: getsPerMinuteOf(env),
    ...(options.onLimit ? { log: options.onLimit } : {}),
  });
  const http = createHttpClient({ auth, caller: 'cli', limits: hostLimits });
  if (token) http.redactor.add(token);

  const transports: HttpClient[] = [http];
  let graph: Promise<GraphClient> | undefined;
  const openGraph = async (): Promise<GraphClient> => {
    const endpoint = endpointFromEnv(env, 'DBX_SCIM_GRAPH_ENDPOINT', DEFAULT_GRAPH_ENDPOINT);
    const graphToken = env.DBX_SCIM_GRAPH_TOKEN?.trim();
    const graphAuth = graphToken
      ? staticTokenProvider(endpoint, graphToken)
      : credentialTokenProvider(endpoint, await azure(), graphScopeFor(endpoint));
    const graphHttp = createHttpClient({ auth: graphAuth, caller: 'cli' });
    if (graphToken) graphHttp.redactor.add(graphToken);
    transports.push(graphHttp);
    // The client says so when it has to read service principals another way (stderr, like other warnings).
    return new GraphClient({ endpoint, http: graphHttp, ...(options.warn ? { log: options.warn } : {}) });
  };
  let account: Promise<AccountClient> | undefined;
  const openAccount = async (): Promise<AccountClient> => {
    const client = await openAccountClient({
      env,
      workspaceHost: host,
      workspaceHttp: http,
      hostLimits,
      azure,
      userAgent: USER_AGENTS.cli,
    });
    transports.push(client.connection.http);
    return client;
  };
  return {
    scim: new ScimClient({ host, http, limitEvents: hostLimits }),
    graph: () => (graph ??= openGraph()),
    account: () => (account ??= openAccount()),
    close: async () => {
      await Promise.all(transports.map((t) => t.close()));
    },
  };
}

/**
 * An Entra token for Azure Databricks works on every workspace the caller can reach, so it goes to
 * a host outside Azure Databricks' domains only when --allow-host names exactly that host. Checked
 * before any credential is loaded.
 */
function checkEntraHost(host: string, options: SessionOptions): void {
  if (isAzureDatabricksHost(host)) return;
  const warning = `${host} does not look like an Azure Databricks workspace (*.azuredatabricks.net, *.databricks.azure.cn, *.databricks.azure.us).`;
  const allowed = (options.allowHosts ?? []).some((given) => {
    try {
      return parseHost(given).host === host;
    } catch (err) {
      if (err instanceof HostError) throw new UsageError(`--allow-host: ${err.message}`);
      throw err;
    }
  });
  if (!allowed) {
    throw new Error(
      `${warning} Your Microsoft Entra token is not sent to it. Set DATABRICKS_TOKEN, or pass --allow-host ${host} if you trust this host.`,
    );
  }
  options.warn?.(`${warning} Sending your Microsoft Entra token to it because of --allow-host.`);
}

/** DBX_SCIM_GETS_PER_MINUTE: GETs per minute to the workspace (0 = no client-side limit). */
function getsPerMinuteOf(env: NodeJS.ProcessEnv): number {
  const raw = env.DBX_SCIM_GETS_PER_MINUTE?.trim();
  if (!raw) return DEFAULT_GETS_PER_MINUTE;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new UsageError(`DBX_SCIM_GETS_PER_MINUTE must be a whole number, 0 or more (got "${raw}")`);
  return value;
}
