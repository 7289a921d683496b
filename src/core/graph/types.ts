// Shapes the Graph client hands to the layers above. Members are typed from `@odata.type`, so
// drift can match users by UPN/mail, service principals by appId and groups by id without
// looking at Graph's wire format.

export type GraphMemberType = 'user' | 'group' | 'servicePrincipal' | 'other';

export interface GraphMember {
  type: GraphMemberType;
  /** Entra object id. */
  id: string;
  /** '' when Graph withholds it (members the caller may not read come back with id only). */
  displayName: string;
  userPrincipalName?: string;
  mail?: string;
  /** Service principals only: the application (client) id = Databricks applicationId. */
  appId?: string;
  /** The raw `@odata.type` when `type` is 'other' (devices, contacts, …). */
  odataType?: string;
}

export interface GraphGroup {
  id: string;
  displayName: string;
  securityEnabled?: boolean;
  /** True when the group is synced from on-premises AD (its membership is managed there). */
  onPremisesSyncEnabled?: boolean;
}

/** One page of a listing: the items it brought (already de-duplicated against earlier pages). */
export interface GraphPage<T> {
  items: T[];
  /** `@odata.count` when it was asked for and sent. */
  count?: number;
}

export interface GraphCallOptions {
  signal?: AbortSignal;
}

export interface ListMembersOptions extends GraphCallOptions {
  /** `/transitiveMembers` (everyone reached through nesting, flat) instead of `/members`. */
  transitive?: boolean;
  /**
   * Also ask the `microsoft.graph.servicePrincipal` cast and merge by id (default true): v1.0
   * `/members` does not list service principals (a known gap of Graph v1.0).
   */
  servicePrincipals?: boolean;
}

export interface GroupSearchResult {
  groups: GraphGroup[];
  /** `@odata.count`: how many groups match in total (the page may hold fewer). */
  count?: number;
}
