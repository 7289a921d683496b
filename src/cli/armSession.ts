// The Azure Resource Manager client for `workspaces discover`, from DBX_SCIM_ARM_TOKEN /
// DBX_SCIM_ARM_ENDPOINT or the same Microsoft Entra credentials the other commands use. It needs
// no workspace, so it is built without DATABRICKS_HOST; its token is bound to the ARM origin.
import { AzureResourceClient } from '../core/azure/client';
import { endpointFromEnv } from './endpointEnv';
import { DEFAULT_ARM_ENDPOINT, armScopeFor } from '../core/azure/scope';
import {
  credentialTokenProvider,
  loadDefaultAzureCredential,
  staticTokenProvider,
  type AzureTokenCredential,
} from '../core/auth/tokenSources';

export interface ArmSessionOptions {
  /** @azure/identity's DefaultAzureCredential unless a test passes another. */
  loadCredential?: () => Promise<AzureTokenCredential>;
}

export async function openArmClient(
  env: NodeJS.ProcessEnv,
  options: ArmSessionOptions = {},
): Promise<AzureResourceClient> {
  const endpoint = endpointFromEnv(env, 'DBX_SCIM_ARM_ENDPOINT', DEFAULT_ARM_ENDPOINT);
  const token = env.DBX_SCIM_ARM_TOKEN?.trim();
  const provider = token
    ? staticTokenProvider(endpoint, token)
    : credentialTokenProvider(
        endpoint,
        await (options.loadCredential ?? loadDefaultAzureCredential)(),
        armScopeFor(endpoint),
      );
  const client = new AzureResourceClient({
    endpoint,
    getToken: (signal) => provider.getToken(signal),
    http: { userAgent: 'dbx-scim-cli' },
  });
  if (token) client.redactor.add(token);
  return client;
}
