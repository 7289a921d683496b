// The Graph layer's public surface, for layers that prefer one import.

export {
  GraphClient,
  collectPages,
  GROUP_SELECT,
  MAX_PAGE_SIZE,
  MEMBER_SELECT,
  SERVICE_PRINCIPAL_SELECT,
} from './client';
export type { GraphClientOptions, ServicePrincipalRoute } from './client';
export { GraphError, APPLICATION_PERMISSION, GROUP_MEMBER_PERMISSION } from './errors';
export { memberTree, DEFAULT_TREE_CONCURRENCY, DEFAULT_TREE_DEPTH } from './memberTree';
export {
  batchGet,
  getGroupsByIds,
  lookupGroupsByIds,
  MAX_BATCH_REQUESTS,
  MAX_IDS_PER_CALL,
  type BatchAnswer,
  type BatchRequest,
  type IdLookup,
} from './batch';
export { loadMemberLists, treeFromLists, type MemberLists, type MemberListsOptions } from './memberLists';
export type { MemberSource, MemberTree, MemberTreeOptions, NestedGroup, ReachedMember } from './memberTree';
export { displayNameEquals, displayNameSearch, odataString } from './query';
export { DEFAULT_GRAPH_ENDPOINT, GRAPH_SCOPE, graphOrigin, graphScopeFor } from './scope';
export type * from './types';
