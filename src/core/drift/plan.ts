// planReconcile: findings → the fewest SCIM requests that remove the drift reconcile can fix.
// Pure. Order of steps = order of application: creates, then member adds (batched), then
// removals. Everything not planned is listed in `skipped` with the reason, so "why is this still
// here after reconcile?" always has an answer.

import { DEFAULT_MAX_MEMBERS_PER_PATCH } from '../scim/memberWrites';
import type { PrincipalKind } from '../scim/types';
import { refKey, type DriftFinding, type GroupDrift, type NotComparedMember } from './types';

export interface ReconcileOptions {
  /** Remove `extra` members. Default false: every removal needs consent. */
  allowRemovals?: boolean;
  /**
   * Add members reached only through nested Entra groups as direct members. Default true: the
   * connector never will (it ignores nesting), which is the reason to reconcile at all.
   */
  includeNested?: boolean;
  /** Members per PATCH; default the SCIM client's (1000). */
  maxMembersPerPatch?: number;
}

/** A member to add: `id` known, or (created in this plan) resolved by key when applied. */
export interface PlannedMember {
  principalType: PrincipalKind;
  key: string;
  displayName: string;
  id?: string;
  /** Set when Entra has it only through these nested groups: the plan makes it a direct member. */
  via?: string[];
}

export type PlanStep =
  | { kind: 'createUser'; userName: string; displayName: string }
  | { kind: 'createServicePrincipal'; applicationId: string; displayName: string }
  | { kind: 'addMembers'; groupId: string; members: PlannedMember[] }
  | {
      kind: 'removeMember';
      groupId: string;
      memberId: string;
      principalType: PrincipalKind;
      key: string;
      displayName: string;
    };

export type PlanStepKind = PlanStep['kind'];

export interface SkippedItem {
  finding: DriftFinding;
  reason: string;
}

export interface ReconcilePlan {
  /** The Databricks group acted on; null when there is none (groupMissing). */
  groupId: string | null;
  steps: PlanStep[];
  skipped: SkippedItem[];
  summary: { creates: number; adds: number; removes: number; requests: number };
  /** Entra members the comparison could not use (GroupDrift.notCompared), shown with the plan. */
  notCompared: NotComparedMember[];
  /** Set when the Entra answer was incomplete: why the plan holds no removal at all. */
  removalsWithheld?: string;
  /**
   * Set when the Entra group read as empty and the plan removes members: the number of removals,
   * which a person must confirm separately, naming that number (applyPlan refuses otherwise).
   */
  emptyEntraRemovals?: number;
}

/** Above this many changes a UI must ask again before applying. */
export const DEFAULT_MASS_CHANGE_THRESHOLD = 25;

const REASONS = {
  groupMissing:
    'Reconcile does not create groups: assign the Entra group to the provisioning app, or create the Databricks group, then compare again.',
  renamed:
    'Informational: reconcile does not rename groups (identity-federated groups can only be renamed at account level).',
  caseMismatch:
    'Informational: Databricks stores userNames in lower case, so nothing here can change it; make the Entra value lower case or map userName from a lower-case attribute so the connector finds the user.',
  notProvisionedGroup:
    'Reconcile does not create groups: provision the nested group (assign it to the provisioning app) or create it in Databricks, then compare again.',
  nestedExcluded: 'Nested members are not added (includeNested is off).',
  removalsOff:
    'Not removed: removals are off. Turn on dbxScim.reconcile.allowRemovals (CLI: --allow-removals) to remove members Entra does not have; each removal is still confirmed.',
  entraGroupDeleted:
    'The Entra group this group is linked to (its externalId) no longer exists, so its members keep access nobody manages. Delete the Databricks group, or link or map it to an existing Entra group; reconcile does neither.',
} as const;

/** Why an incomplete comparison removes nothing (plan.removalsWithheld and each withheld extra). */
export function withheldReason(notCompared: number): string {
  return `No member is removed: ${notCompared} Entra member${notCompared === 1 ? '' : 's'} could not be compared, so a member that looks extra may still be in the Entra group. Fix what "not compared" says, then compare again.`;
}

export function planReconcile(drift: GroupDrift, options: ReconcileOptions = {}): ReconcilePlan {
  const allowRemovals = options.allowRemovals ?? false;
  const includeNested = options.includeNested ?? true;
  const batch = options.maxMembersPerPatch ?? DEFAULT_MAX_MEMBERS_PER_PATCH;
  if (!Number.isInteger(batch) || batch < 1)
    throw new Error(`maxMembersPerPatch must be a positive integer, got ${batch}`);

  const groupId = drift.databricksGroup?.id ?? null;
  const creates: PlanStep[] = [];
  const adds: PlannedMember[] = [];
  const removes: PlanStep[] = [];
  const skipped: SkippedItem[] = [];
  const skip = (finding: DriftFinding, reason: string): void => {
    skipped.push({ finding, reason });
  };
  const idOf = (f: DriftFinding): string | undefined => drift.ids[refKey(f.principalType, f.key)];
  // A member Entra did not let us read could be any of the "extra" ones: no removal at all.
  const withheld = drift.complete ? undefined : withheldReason(drift.notCompared.length);

  // Nested groups this plan adds as members: their members are covered through them afterwards.
  const addedGroups = new Set(
    drift.findings
      .filter((f) => f.kind === 'missing' && f.principalType === 'group')
      .map((f) => f.displayName.toLowerCase()),
  );

  for (const f of drift.findings) {
    if (groupId === null) {
      skip(f, REASONS.groupMissing);
      continue;
    }
    switch (f.kind) {
      case 'groupMissing':
        skip(f, REASONS.entraGroupDeleted);
        break;
      case 'renamed':
      case 'caseMismatch':
        skip(f, REASONS[f.kind]);
        break;
      case 'missing':
        addExisting(f);
        break;
      case 'nestedOnly':
        if (!skipNested(f)) addExisting(f);
        break;
      case 'notProvisioned':
        if (skipNested(f)) break;
        if (f.principalType === 'group') skip(f, REASONS.notProvisionedGroup);
        else {
          creates.push(
            f.principalType === 'user'
              ? { kind: 'createUser', userName: f.key, displayName: f.displayName }
              : { kind: 'createServicePrincipal', applicationId: f.key, displayName: f.displayName },
          );
          adds.push({
            principalType: f.principalType,
            key: f.key,
            displayName: f.displayName,
            ...(f.via ? { via: [...f.via] } : {}),
          });
        }
        break;
      case 'extra': {
        const memberId = idOf(f);
        if (withheld) skip(f, withheld);
        else if (!allowRemovals) skip(f, REASONS.removalsOff);
        else if (memberId === undefined) skip(f, 'The member has no Databricks id in the comparison.');
        else
          removes.push({
            kind: 'removeMember',
            groupId,
            memberId,
            principalType: f.principalType,
            key: f.key,
            displayName: f.displayName,
          });
        break;
      }
    }
  }

  /** A finding reached through nesting is left alone when nesting is excluded or about to cover it. */
  function skipNested(f: DriftFinding): boolean {
    const through = f.via?.[0];
    if (through === undefined) return false;
    if (!includeNested) skip(f, REASONS.nestedExcluded);
    else if (addedGroups.has(through.toLowerCase()))
      skip(f, `Covered once this plan adds the nested group "${through}".`);
    else return false;
    return true;
  }

  function addExisting(f: DriftFinding): void {
    const id = idOf(f);
    if (id === undefined) skip(f, 'The principal has no Databricks id in the comparison.');
    else
      adds.push({
        principalType: f.principalType,
        key: f.key,
        displayName: f.displayName,
        id,
        ...(f.via ? { via: [...f.via] } : {}),
      });
  }

  const addSteps: PlanStep[] = [];
  if (groupId !== null) {
    for (let i = 0; i < adds.length; i += batch)
      addSteps.push({ kind: 'addMembers', groupId, members: adds.slice(i, i + batch) });
  }
  const steps = [...creates, ...addSteps, ...removes];
  return {
    groupId,
    steps,
    skipped,
    summary: { creates: creates.length, adds: adds.length, removes: removes.length, requests: steps.length },
    notCompared: [...drift.notCompared],
    ...(withheld ? { removalsWithheld: withheld } : {}),
    ...(drift.entraEmpty && removes.length > 0 ? { emptyEntraRemovals: removes.length } : {}),
  };
}

export function isEmpty(plan: ReconcilePlan): boolean {
  return plan.steps.length === 0;
}

/** Principals created, added and removed: what a mass-change threshold is compared with. */
export function changeCount(plan: ReconcilePlan): number {
  return plan.summary.creates + plan.summary.adds + plan.summary.removes;
}

/** True when applying needs a second confirmation (more changes than the threshold). */
export function needsConfirmation(plan: ReconcilePlan, threshold = DEFAULT_MASS_CHANGE_THRESHOLD): boolean {
  return changeCount(plan) > threshold;
}
