// What the Azure Resource Manager layer returns: subscriptions, workspace resources as ARM lists
// them, and the discovery result (usable workspaces plus the subscriptions that could not be read).

export interface AzureSubscription {
  subscriptionId: string;
  displayName: string;
  /** Enabled, Warned, PastDue, Disabled or Deleted. */
  state: string;
  tenantId?: string;
}

/** A Microsoft.Databricks/workspaces resource, fields as ARM gives them. */
export interface AzureWorkspaceResource {
  /** ARM resource id: /subscriptions/…/resourceGroups/…/providers/Microsoft.Databricks/workspaces/NAME */
  resourceId: string;
  name: string;
  location: string;
  /** `sku.name`: standard, premium or trial ('' when absent). */
  sku: string;
  subscriptionId: string;
  /** `properties.workspaceUrl` as sent: a host without scheme. Absent while provisioning or after a failure. */
  workspaceUrl?: string;
  /** `properties.workspaceId`, the int64 as a string. */
  workspaceId?: string;
  isUcEnabled: boolean;
  provisioningState?: string;
}

export interface DiscoveredWorkspace {
  name: string;
  location: string;
  sku: string;
  subscriptionId: string;
  subscriptionName: string;
  /** Normalised like every stored host: https://adb-….azuredatabricks.net (http:// only for loopback). */
  workspaceUrl: string;
  /** '' when ARM did not say. */
  workspaceId: string;
  resourceId: string;
  isUcEnabled: boolean;
}

/** A subscription (or one workspace in it) that discovery could not read; the rest of the walk went on. */
export interface DiscoveryProblem {
  subscriptionId: string;
  subscriptionName: string;
  /** One sentence for people; never a token. */
  message: string;
}

export interface DiscoveryResult {
  /** Sorted by subscription name, then workspace name. */
  workspaces: DiscoveredWorkspace[];
  /** In subscription order. */
  problems: DiscoveryProblem[];
}

export interface AzureCallOptions {
  signal?: AbortSignal;
}
