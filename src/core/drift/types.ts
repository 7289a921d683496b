// Plain-data shapes of drift: what computeDrift compares (a Databricks group, the workspace
// principals it may need, an Entra group with its members) and what it returns. No client types
// here on purpose: the pure functions are tested with literals, and the SCIM / Graph clients are
// adapted to these shapes at the edge (databricksSide.ts; a Graph adapter comes with the client).

import type { GroupSource, PrincipalKind } from '../scim/types';

/** The finding kinds — part of the CLI `--json` contract. */
export type FindingKind =
  'missing' | 'extra' | 'nestedOnly' | 'notProvisioned' | 'caseMismatch' | 'renamed' | 'groupMissing';

/** Order of kinds in a result (findings sort by this, then by key). */
export const FINDING_KINDS: readonly FindingKind[] = [
  'groupMissing',
  'renamed',
  'missing',
  'notProvisioned',
  'nestedOnly',
  'extra',
  'caseMismatch',
];

/** Which Entra user attribute the connector maps to Databricks `userName`. */
export type UserKey = 'userPrincipalName' | 'mail';

// ---- Databricks side --------------------------------------------------------------------------

/** A direct member of the Databricks group, with the attribute it is matched by. */
export interface DatabricksMember {
  /** SCIM id. */
  id: string;
  type: PrincipalKind;
  /** Users: as stored (lower case). */
  userName?: string;
  /** Service principals: the Entra application (client) id. */
  applicationId?: string;
  displayName?: string;
  /** Groups: the Entra object id when the connector (or someone) set it. */
  externalId?: string;
}

export interface DatabricksGroup {
  id: string;
  displayName: string;
  externalId?: string;
  /** 'account': an account group of an identity-federated workspace (its members live at account level). */
  source?: GroupSource;
  /** Direct members only (what SCIM `GET /Groups/{id}` returns). */
  members: readonly DatabricksMember[];
}

/**
 * Principals that exist in the workspace, used to tell `missing` (exists, not in the group) from
 * `notProvisioned` (does not exist at all) and to know the ids to add. It need hold only the
 * principals the Entra members could resolve to: anything absent is taken as "does not exist".
 */
export interface DatabricksDirectory {
  users: readonly { id: string; userName: string; displayName?: string }[];
  servicePrincipals: readonly { id: string; applicationId: string; displayName?: string }[];
  groups: readonly { id: string; displayName: string; externalId?: string }[];
}

// ---- Entra side -------------------------------------------------------------------------------

export interface EntraGroupRef {
  /** Entra object id. */
  id: string;
  displayName: string;
}

/**
 * One way an Entra principal belongs to the compared group. A principal reached along several
 * paths appears once per path; `via` is the chain of nested groups from the outermost (a direct
 * member group of the compared group) to the group that holds it directly. Empty or absent: a
 * direct member.
 */
export interface EntraMember {
  /** Entra object id. */
  id: string;
  type: PrincipalKind;
  displayName?: string;
  userPrincipalName?: string;
  mail?: string;
  /** Service principals: application (client) id = Databricks applicationId. */
  appId?: string;
  via?: readonly EntraGroupRef[];
}

// ---- options and results ----------------------------------------------------------------------

export interface DriftOptions {
  /** Default 'userPrincipalName'. */
  userKey?: UserKey;
  /** Default true: nested Entra members count (and show as nestedOnly when Databricks lacks them). */
  transitive?: boolean;
  /**
   * The account has Automatic Identity Management: Entra groups enter it when first used, so an
   * Entra group absent from Databricks under an account group is "not yet used", not missing.
   */
  automaticIdentityManagement?: boolean;
}

export interface DriftInput {
  /** Undefined: the Entra group has no Databricks group (→ one groupMissing finding). */
  databricksGroup: DatabricksGroup | undefined;
  directory: DatabricksDirectory;
  entraGroup: EntraGroupRef;
  entraMembers: readonly EntraMember[];
  /** Parts of the Entra group that were not read (nested groups below the walk's depth limit). */
  notRead?: readonly NotComparedMember[];
  /**
   * The Databricks group is linked (externalId) to an Entra group that no longer exists: one
   * groupMissing finding for the Databricks group, no member comparison.
   */
  entraGroupDeleted?: boolean;
  options?: DriftOptions;
}

/** One difference — exactly the record of the CLI `--json` contract. */
export interface DriftFinding {
  kind: FindingKind;
  principalType: PrincipalKind;
  /** userName (lower case) for users, applicationId (lower case) for SPs, displayName for groups. */
  key: string;
  displayName: string;
  /** nestedOnly (and a nested notProvisioned): the nested Entra groups, outermost first. */
  via?: string[];
  connectorWillFix: boolean;
  /**
   * notProvisioned group under an account group with Automatic Identity Management: Databricks
   * takes it from Entra when it is first used. In --json only when true (an added field).
   */
  notYetUsed?: boolean;
  /** caseMismatch: the Entra spelling of `key` (working data; not part of the --json record). */
  entraKey?: string;
}

/**
 * An Entra member (or a nested group's membership) that could not be compared: Graph returned
 * only its object id, it lacks the attribute users are matched by, or it sits below the nesting
 * depth that was read. Part of the CLI `--json` contract.
 */
export interface NotComparedMember {
  entraId: string;
  displayName: string;
  /** Plain words: what is missing and what fixes it. */
  reason: string;
}

export interface GroupDrift {
  databricksGroup: { id: string; displayName: string } | null;
  entraGroup: EntraGroupRef;
  findings: DriftFinding[];
  /**
   * True only when every Entra member was read with a usable key and no nesting was cut. An
   * incomplete group may show members as `extra` that are in fact in the Entra group, so nothing
   * is ever removed on its strength.
   */
  complete: boolean;
  notCompared: NotComparedMember[];
  /** The Entra group answered with no members at all (a removal on that needs its own confirmation). */
  entraEmpty: boolean;
  /**
   * Databricks ids of the principals that findings name and that exist in the workspace, keyed
   * by `refKey(principalType, key)`. Not part of the JSON contract; planReconcile needs them.
   */
  ids: Record<string, string>;
}

/** `${principalType}:${key}` — the key of GroupDrift.ids. */
export function refKey(principalType: PrincipalKind, key: string): string {
  return `${principalType}:${key}`;
}
