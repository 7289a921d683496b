// The Azure Resource Manager layer's public surface: finding Azure Databricks workspaces.

export { AzureResourceClient, DEFAULT_MAX_PAGES, type AzureResourceClientOptions } from './client';
export { discoverWorkspaces, DEFAULT_DISCOVERY_CONCURRENCY, type DiscoverOptions } from './discover';
export { ArmError } from './errors';
export { parseWorkspace, parseSubscription, workspaceUrlFromArm } from './parse';
export {
  ARM_SCOPE,
  DEFAULT_ARM_ENDPOINT,
  SUBSCRIPTIONS_API_VERSION,
  WORKSPACES_API_VERSION,
  armOrigin,
  armScopeFor,
} from './scope';
export type * from './types';
