// The emulated tenant's subscriptions and Azure Databricks workspaces. Plain data, seeded the same
// on every start: one subscription holds enough workspaces to need several pages, another a few,
// and a third is listed but forbidden (the caller has no role that lets it read resources there).

export const ARM_TENANT_ID = '5f1c2a9e-7d3b-4c8e-a6f0-2b9d4e1c7a35';
/** Object id of the signed-in user the default token stands for. */
export const ARM_CALLER_OBJECT_ID = 'b7e4c1d2-9a3f-4e58-8c61-0f2a3d5e7b94';

export interface ArmSubscription {
  subscriptionId: string;
  displayName: string;
  /** Enabled, Warned, PastDue, Disabled or Deleted. */
  state: string;
  tenantId: string;
}

export interface ArmWorkspaceRecord {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  /** standard, premium or trial. */
  sku: string;
  /** Without scheme, as ARM returns it; absent while a workspace is being provisioned or after it failed. */
  workspaceUrl?: string;
  /** The int64 workspace id, as a string. */
  workspaceId?: string;
  isUcEnabled: boolean;
  provisioningState: string;
}

export const SUB_DATA_PLATFORM = '3a8f6c21-4b7d-4e9a-b2c5-8d1e0f6a9c47';
export const SUB_ANALYTICS = '9d2e7b40-1c6a-4f83-a5e9-6b0c3d8f2a71';
export const SUB_FINANCE = 'e4b19c73-8f2d-4a60-9c1e-5a7d3b6f0e28';

function ws(
  subscriptionId: string,
  resourceGroup: string,
  name: string,
  location: string,
  sku: string,
  workspaceId: string,
  isUcEnabled: boolean,
): ArmWorkspaceRecord {
  // adb-<id>.<shard>.azuredatabricks.net: the shard digit varies per region in the real service.
  const shard = (Number(workspaceId.slice(-1)) % 9) + 1;
  return {
    subscriptionId,
    resourceGroup,
    name,
    location,
    sku,
    workspaceUrl: `adb-${workspaceId}.${shard}.azuredatabricks.net`,
    workspaceId,
    isUcEnabled,
    provisioningState: 'Succeeded',
  };
}

function seedSubscriptions(): ArmSubscription[] {
  return [
    {
      subscriptionId: SUB_DATA_PLATFORM,
      displayName: 'Contoso Data Platform',
      state: 'Enabled',
      tenantId: ARM_TENANT_ID,
    },
    {
      subscriptionId: SUB_ANALYTICS,
      displayName: 'Contoso Analytics Sandbox',
      state: 'Enabled',
      tenantId: ARM_TENANT_ID,
    },
    {
      subscriptionId: SUB_FINANCE,
      displayName: 'Contoso Finance (restricted)',
      state: 'Enabled',
      tenantId: ARM_TENANT_ID,
    },
  ];
}

/** In this order; the forbidden subscription's workspace comes last so `workspaceUrls` can skip it. */
function seedWorkspaces(): ArmWorkspaceRecord[] {
  return [
    ws(SUB_DATA_PLATFORM, 'rg-data-prod', 'dbw-data-eng-prod', 'westeurope', 'premium', '4729381056472913', true),
    ws(SUB_DATA_PLATFORM, 'rg-data-dev', 'dbw-data-eng-dev', 'westeurope', 'premium', '1836452097384652', true),
    ws(SUB_DATA_PLATFORM, 'rg-ml', 'dbw-ml-research', 'eastus2', 'premium', '7203958164720394', true),
    ws(SUB_DATA_PLATFORM, 'rg-bi', 'dbw-bi-reporting', 'northeurope', 'premium', '5517290384615528', false),
    ws(SUB_DATA_PLATFORM, 'rg-legacy', 'dbw-legacy-etl', 'westeurope', 'standard', '2948105736290187', false),
    ws(SUB_ANALYTICS, 'rg-sandbox', 'dbw-sandbox', 'uksouth', 'trial', '6620394857102736', true),
    ws(SUB_ANALYTICS, 'rg-sandbox', 'dbw-analyst-playground', 'westus3', 'premium', '8391027465830915', true),
    ws(SUB_FINANCE, 'rg-finance', 'dbw-finance', 'westeurope', 'premium', '3175820469317284', true),
  ];
}

export class ArmState {
  readonly subscriptions: ArmSubscription[] = seedSubscriptions();
  readonly workspaces: ArmWorkspaceRecord[] = seedWorkspaces();

  findSubscription(id: string): ArmSubscription | undefined {
    const wanted = id.toLowerCase();
    return this.subscriptions.find((s) => s.subscriptionId.toLowerCase() === wanted);
  }

  addSubscription(displayName: string, subscriptionId: string): ArmSubscription {
    const s = { subscriptionId, displayName, state: 'Enabled', tenantId: ARM_TENANT_ID };
    this.subscriptions.push(s);
    return s;
  }

  /** A workspace in `subscriptionId`, seeded-style URL unless `extra` says otherwise. */
  addWorkspace(subscriptionId: string, name: string, extra: Partial<ArmWorkspaceRecord> = {}): ArmWorkspaceRecord {
    const id = String(1_000_000_000_000_000 + this.workspaces.length * 7_919_113 + name.length);
    const w = { ...ws(subscriptionId, 'rg-added', name, 'westeurope', 'premium', id, true), ...extra };
    this.workspaces.push(w);
    return w;
  }

  /** Workspaces of one subscription, in state order. */
  workspacesOf(subscriptionId: string): ArmWorkspaceRecord[] {
    const wanted = subscriptionId.toLowerCase();
    return this.workspaces.filter((w) => w.subscriptionId.toLowerCase() === wanted);
  }
}
