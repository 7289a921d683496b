// Public entry of the Azure Resource Manager emulator (subscriptions and Azure Databricks workspaces).

export { startArmEmulator } from './server';
export {
  ArmState,
  ARM_CALLER_OBJECT_ID,
  ARM_TENANT_ID,
  SUB_ANALYTICS,
  SUB_DATA_PLATFORM,
  SUB_FINANCE,
  type ArmSubscription,
  type ArmWorkspaceRecord,
} from './state';
export {
  ARM_AUDIENCE,
  ARM_AUDIENCES,
  DEFAULT_ARM_KNOBS,
  SUBSCRIPTIONS_API_VERSIONS,
  WORKSPACES_API_VERSIONS,
  armProfiles,
  type ArmEmulator,
  type ArmEmulatorOptions,
  type ArmFault,
  type ArmKnobs,
  type ArmProfileName,
  type ArmRequestLogEntry,
  type ArmTokenClaims,
} from './types';
