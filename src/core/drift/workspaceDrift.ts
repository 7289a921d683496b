// Drift of a workspace: which Databricks groups mirror which Entra groups, and each pair's
// findings. The I/O edge around the pure core: it reads SCIM and Graph, then hands plain data to
// matchGroups and computeDrift, so the matching rules and finding rules live in one place each.
//
// This file is the per-group plan, for named groups (a click on one group, `dbx-scim drift NAME`):
// the pairs from driftTargets.ts (the group by name, one Graph lookup for its Entra group: mapping,
// else externalId, else name), then per pair the Entra member lists (loadEntraSide: batched, nested
// groups level by level) and the Databricks side (databricksSide.ts: the group, member details,
// directory lookups only for Entra members not already in the group). All groups of a workspace go
// through allGroupsDrift.ts, which reads the same things for every group in a few listings and
// batches instead.

import { computeDrift } from './computeDrift';
import { loadDatabricksSide, type DatabricksSide } from './databricksSide';
import { loadEntraSide, type EntraSide } from './entraSide';
import { mapLimited, signalOf } from './limitedCalls';
import type { DriftOptions, GroupDrift } from './types';
import type { DriftClients, DriftTarget, WorkspaceDriftOptions } from './workspaceDriftTypes';

export { addMappedEntraGroups, findDriftTargets, LOOKUP_CONCURRENCY } from './driftTargets';
export { lookupEntra } from './entraLookups';
export { entraRef, groupRef } from './groupRefs';
export { mapLimited, signalOf } from './limitedCalls';
export { isDeleted, pairFromLookups } from './pairFromLookups';
export type {
  DriftClients,
  DriftTarget,
  DriftTargets,
  EntraLookup,
  UnresolvedGroup,
  UnresolvedReason,
  WorkspaceDriftOptions,
} from './workspaceDriftTypes';

/** Pairs compared at once: each is itself a few parallel listings. */
export const COMPARE_CONCURRENCY = 4;

/** Compares each target, COMPARE_CONCURRENCY at a time; results in the targets' order. */
export async function compareTargets(
  clients: DriftClients,
  targets: readonly DriftTarget[],
  opts: WorkspaceDriftOptions = {},
): Promise<GroupDrift[]> {
  return mapLimited(targets, COMPARE_CONCURRENCY, opts.signal, (t) => compareTarget(clients, t, opts));
}

/** One pair → its drift (reads both sides, then the pure computeDrift). */
export async function compareTarget(
  clients: DriftClients,
  target: DriftTarget,
  opts: WorkspaceDriftOptions = {},
): Promise<GroupDrift> {
  return compareUnread(target, opts) ?? compareBothSides(clients, target, opts);
}

/** The targets that need no read (an Entra group without a Databricks group, a deleted Entra group), else undefined. */
export function compareUnread(target: DriftTarget, opts: DriftOptions): GroupDrift | undefined {
  const options = driftOptions(opts);
  if (!target.databricks) {
    // Nothing to compare members with: the one finding is the missing group itself.
    return computeDrift({
      databricksGroup: undefined,
      directory: { users: [], servicePrincipals: [], groups: [] },
      entraGroup: target.entra,
      entraMembers: [],
      options,
    });
  }
  if (target.entraGroupDeleted) {
    const group = { id: target.databricks.id, displayName: target.databricks.displayName, members: [] };
    return computeDrift({
      databricksGroup: group,
      directory: { users: [], servicePrincipals: [], groups: [] },
      entraGroup: target.entra,
      entraMembers: [],
      entraGroupDeleted: true,
      options,
    });
  }
  return undefined;
}

async function compareBothSides(
  clients: DriftClients,
  target: DriftTarget,
  opts: WorkspaceDriftOptions,
): Promise<GroupDrift> {
  if (!target.databricks) throw new Error('compareBothSides needs a Databricks group');
  const entra = await loadEntraSide(clients.graph, target.entra, {
    transitive: opts.transitive ?? true,
    ...signalOf(opts),
  });
  const dbx = await loadDatabricksSide(clients.scim, target.databricks.id, entra.members, {
    userKey: opts.userKey ?? 'userPrincipalName',
    ...signalOf(opts),
  });
  return compareRead(target, entra, dbx, opts);
}

/** A target whose two sides were read → its drift (pure). */
export function compareRead(
  target: DriftTarget,
  entra: EntraSide,
  dbx: DatabricksSide,
  opts: DriftOptions,
): GroupDrift {
  return computeDrift({
    databricksGroup: dbx.group,
    directory: dbx.directory,
    entraGroup: target.entra,
    entraMembers: entra.members,
    notRead: entra.notRead,
    options: driftOptions(opts),
  });
}

function driftOptions(opts: DriftOptions): DriftOptions {
  const options: DriftOptions = {};
  if (opts.userKey) options.userKey = opts.userKey;
  if (opts.transitive !== undefined) options.transitive = opts.transitive;
  if (opts.automaticIdentityManagement) options.automaticIdentityManagement = true;
  return options;
}
