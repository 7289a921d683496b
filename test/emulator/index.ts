// Public entry of the Databricks workspace SCIM + Token API emulator. Tests import from here only.

export { startEmulator } from './server';
export {
  DEFAULT_KNOBS,
  type DatasetName,
  type Emulator,
  type EmulatorOptions,
  type EmulatorStats,
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
export { SCALE, scaleTeamEntraId, scaleTeamLinked } from './data/seed';
export * from './data/demo';
export * from './graph';
export * from './data/entra';
export * from './arm';
