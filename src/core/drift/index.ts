// Public surface of src/core/drift (see README.md). Pure: computeDrift, matchGroups, planReconcile.
// I/O: loadDatabricksSide (SCIM reads), applyPlan (SCIM writes).
export * from './types';
export { connectorWillFix, type ConnectorContext } from './connector';
export {
  matchGroups,
  isRenamed,
  type DatabricksGroupRef,
  type GroupMappings,
  type GroupMatching,
  type GroupPair,
  type MatchedBy,
  type UnresolvedMapping,
  type UnresolvedReason,
} from './matchGroups';
export { computeDrift } from './computeDrift';
export {
  planReconcile,
  isEmpty,
  changeCount,
  needsConfirmation,
  DEFAULT_MASS_CHANGE_THRESHOLD,
  withheldReason,
  type PlanStep,
  type PlanStepKind,
  type PlannedMember,
  type ReconcileOptions,
  type ReconcilePlan,
  type SkippedItem,
} from './plan';
export {
  applyPlan,
  EmptyEntraError,
  MassChangeError,
  type ApplyOptions,
  type ApplyResult,
  type AppliedItem,
  type FailedItem,
  type ReconcileScim,
} from './apply';
export { loadDatabricksSide, type DatabricksSide } from './databricksSide';
export { isIdOnly, notComparedReason } from './notCompared';
export { driftJson, describeDrift, describeFindings, describeIncomplete, type DriftJson } from './report';
