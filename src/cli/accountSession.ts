// The account side of a CLI session (--account): which account (DATABRICKS_ACCOUNT_ID, else the
// workspace's discovery document) and an Entra token for it (DBX_SCIM_ACCOUNT_TOKEN, else Azure
// credentials). DATABRICKS_TOKEN is a workspace PAT and is never used here.
import { AccountClient } from '../core/account/client';
import { endpointFromEnv } from './endpointEnv';
import { AZURE_ACCOUNTS_HOST } from '../core/account/connection';
import { discoverAccount } from '../core/account/discovery';
import {
  NotAnEntraTokenError,
  entraTokenFromCredential,
  entraTokenSource,
  type EntraTokenSource,
} from '../core/account/entraToken';
import type { AzureTokenCredential } from '../core/auth/tokenSources';
import type { HostLimitsRegistry } from '../core/http/hostLimits';
import type { HttpTransport } from '../core/http/types';
import { UsageError } from './args';

export interface AccountSessionDeps {
  env: NodeJS.ProcessEnv;
  /** The workspace (DATABRICKS_HOST), for discovering the account. */
  workspaceHost: string;
  workspaceHttp: HttpTransport;
  hostLimits: HostLimitsRegistry;
  azure: () => Promise<AzureTokenCredential>;
  userAgent: string;
}

export async function openAccountClient(deps: AccountSessionDeps): Promise<AccountClient> {
  const { env } = deps;
  const accountsHost = endpointFromEnv(env, 'DBX_SCIM_ACCOUNT_HOST', AZURE_ACCOUNTS_HOST);
  const accountId = env.DATABRICKS_ACCOUNT_ID?.trim() || (await discoveredAccount(deps));
  const token = await tokenOf(env, deps.azure);
  return new AccountClient({
    accountId,
    accountsHost,
    token,
    hostLimits: deps.hostLimits,
    http: { userAgent: deps.userAgent },
  });
}

async function discoveredAccount(deps: AccountSessionDeps): Promise<string> {
  const found = await discoverAccount(deps.workspaceHost, deps.workspaceHttp);
  if (found.available) return found.accountId;
  throw new UsageError(
    `The workspace does not say which account it belongs to (${found.reason}). ` +
      'Set DATABRICKS_ACCOUNT_ID to the account id (account console → your user menu).',
  );
}

async function tokenOf(env: NodeJS.ProcessEnv, azure: () => Promise<AzureTokenCredential>): Promise<EntraTokenSource> {
  const given = env.DBX_SCIM_ACCOUNT_TOKEN?.trim();
  if (!given) return entraTokenFromCredential(await azure());
  try {
    return entraTokenSource(given);
  } catch (err) {
    if (err instanceof NotAnEntraTokenError) throw new UsageError(`DBX_SCIM_ACCOUNT_TOKEN: ${err.message}`);
    throw err;
  }
}
