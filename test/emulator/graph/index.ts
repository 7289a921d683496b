// Public entry of the Microsoft Graph emulator (the Entra side of the emulated orgs).

export { startGraphEmulator } from './server';
export { EntraDirectory } from './directory';
export type {
  EntraGroup,
  EntraKind,
  EntraObject,
  EntraServicePrincipal,
  EntraUser,
  NewEntraGroup,
  NewEntraServicePrincipal,
  NewEntraUser,
} from './directory';
export { DEFAULT_GRAPH_KNOBS, DEFAULT_GRAPH_SCOPES, MAX_BATCH_REQUESTS, MAX_GET_BY_IDS, graphProfiles } from './types';
export type {
  GraphEmulator,
  GraphEmulatorOptions,
  GraphFault,
  GraphKnobs,
  GraphProfileName,
  GraphRequestLogEntry,
} from './types';
