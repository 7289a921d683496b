// Public entry of the Databricks workspace SCIM + Token API emulator. Tests import from here only.

export { startEmulator } from './server';
export {
  DEFAULT_KNOBS,
  type DatasetName,
  type Emulator,
  type EmulatorOptions,
  type EmulatorStats,
  type EmulatorWorkspace,
  type Fault,
  type FaultMatch,
  type FilterableAttributes,
  type Knobs,
  type ProfileName,
  type RequestLogEntry,
} from './types';
export { EVIDENCED_FILTER_ATTRIBUTES, profiles, realisticKnobs } from './profiles';
export { PrincipalCollection } from './collection';
export {
  EmulatorState,
  type CreateGroupInput,
  type CreateServicePrincipalInput,
  type CreateUserInput,
  type IssueTokenInput,
} from './state';
export type { GroupRecord, PrincipalKind, PrincipalRecord, ServicePrincipalRecord, UserRecord } from './records';
export type { TokenInfo } from './tokenStore';
export { SCIM_BASE } from './router';
export { AccountState, type GrantRule, type Permission, type RuleSet } from './account/accountState';
export { DEFAULT_ACCOUNT_ID } from './account/hosts';
export { ACCOUNT_RATE_LIMITS, type AccountRateLimits, type RateLimit } from './account/rateLimits';
export { ACCOUNT_ADMIN_ROLE, GROUP_MANAGER_ROLE } from './account/roles';
export { SCALE, scaleTeamEntraId, scaleTeamLinked } from './data/seed';
export * from './data/demo';
export * from './graph';
export * from './data/entra';
