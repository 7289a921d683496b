// The Azure Resource Manager client for `workspaces discover`, from DBX_SCIM_ARM_TOKEN /
// DBX_SCIM_ARM_ENDPOINT or the same Microsoft Entra credentials the other commands use. It needs
// no workspace, so it is built without DATABRICKS_HOST; its token is bound to the ARM origin.
import { AzureResourceClient } from '../core/azure/client';
import { DEFAULT_ARM_ENDPOINT, armOrigin, armScopeFor } from '../core/azure/scope';
import {
  credentialTokenProvider,
  loadDefaultAzureCredential,
  staticTokenProvider,
  type AzureTokenCredential,
} from '../core/auth/tokenSources';
import { isLoopbackHostname } from '../core/http/loopback';
import { UsageError } from './args';

export interface ArmSessionOptions {
  /** @azure/identity's DefaultAzureCredential unless a test passes another. */
  loadCredential?: () => Promise<AzureTokenCredential>;
}

export async function openArmClient(
  env: NodeJS.ProcessEnv,
  options: ArmSessionOptions = {},
): Promise<AzureResourceClient> {
  const endpoint = armEndpointOf(env);
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

/** DBX_SCIM_ARM_ENDPOINT → an ARM origin; https, or plain http on loopback (the emulator). */
function armEndpointOf(env: NodeJS.ProcessEnv): string {
  const raw = env.DBX_SCIM_ARM_ENDPOINT?.trim() || DEFAULT_ARM_ENDPOINT;
  let url: URL;
  try {
    url = new URL(armOrigin(raw));
  } catch {
    throw new UsageError(`DBX_SCIM_ARM_ENDPOINT: "${raw}" is not a URL, e.g. https://management.azure.com`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHostname(url.hostname))) {
    throw new UsageError(
      `DBX_SCIM_ARM_ENDPOINT must start with https:// (got ${url.protocol}//). Plain http is only allowed for a local emulator.`,
    );
  }
  return url.origin;
}
