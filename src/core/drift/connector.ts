// Would the Entra "Azure Databricks SCIM Provisioning Connector" fix a finding on its next cycle?
// Facts from reference/databricks-api.md §6 and Microsoft's "how provisioning works":
//  - it provisions users and groups assigned to its enterprise app, and the *users* that are
//    immediate members of an assigned group; not service principals, not nested members
//    ("can't read or provision users in nested groups");
//  - each cycle processes changes on the Entra side only; it never notices a change made in
//    Databricks, and only removes memberships it sees removed in Entra;
//  - it matches users by `userName eq "<UPN or mail>"`, which Databricks compares case-sensitively
//    against the lower-cased stored name.
// Where we cannot see what it needs (is the group assigned to the app?), the answer is false: a
// wrong "false" costs an admin one needless click, a wrong "true" leaves a gap open for good.
//
// By finding kind and principal or situation (fix? and why):
//  - any, Databricks group has no externalId = the Entra group's object id: no. The connector links the
//    groups it provisions by externalId = Entra object id; without the link nothing shows the group is
//    assigned to it.
//  - missing, user, Entra key already lower case: yes. A direct user member of an assigned group is synced.
//  - missing, user, Entra key has upper case: no. Its case-sensitive lookup misses the lower-cased user,
//    the POST then 409s.
//  - missing, group: no. Group-in-group membership is nesting, which it does not provision.
//  - missing, service principal: no. It does not provision service principals.
//  - notProvisioned, user, direct member: yes. It creates the user (POST works whatever the case) and adds it.
//  - notProvisioned, user reached only through nesting: no. Nested members are never read.
//  - notProvisioned, group: no. Created only if assigned to the app, which we cannot see.
//  - notProvisioned, service principal: no. Not provisioned by it.
//  - nestedOnly, any: no. Nested members are never read.
//  - extra, any: no. It removes only what it sees removed in Entra; a Databricks-side add is never noticed.
//  - caseMismatch, user: no. Databricks stores lower case; the case-sensitive lookup keeps failing.
//  - renamed, group: no. It sends Entra-side changes only; which side renamed is unknown, and
//    identity-federated groups cannot be renamed at workspace level.
//  - groupMissing, group: no. Created only if assigned to the app, which we cannot see.
//
// An account group of an identity-federated workspace is provisioned by the same connector app set
// up at account level (account console, not the workspace): it links groups by externalId the same
// way and has the same limits (no nesting, no service principals), so the table above holds as is.
// With Automatic Identity Management the account takes Entra users and groups when they are first
// used; a nested Entra group absent from Databricks is then "not yet used" (finding notYetUsed),
// which the connector does not change either: notProvisioned, group stays no.

import type { PrincipalKind } from '../scim/types';
import type { FindingKind } from './types';

export interface ConnectorContext {
  principalType: PrincipalKind;
  /** The Entra principal reaches the group only through nested groups. */
  nestedOnly: boolean;
  /** The Entra value mapped to userName differs from its lower-case form. */
  upperCaseKey: boolean;
  /** The Databricks group's externalId is the Entra group's object id (connector-managed). */
  groupLinked: boolean;
  /** An account group (identity federation): the account-level connector provisions it, by the same rules. */
  accountGroup?: boolean;
}

export function connectorWillFix(kind: FindingKind, ctx: ConnectorContext): boolean {
  if (!ctx.groupLinked || ctx.principalType !== 'user' || ctx.nestedOnly) return false;
  if (kind === 'missing') return !ctx.upperCaseKey;
  return kind === 'notProvisioned';
}
