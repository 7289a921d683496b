// applyPlan: runs a ReconcilePlan in plan order (creates, adds, removes): creates over workspace
// SCIM, membership writes through a MemberWriter (workspace SCIM unless the caller gives the account's).
// A failure is recorded per principal and the rest goes on: one bad principal must not leave the
// other 999 out. Cancellation is honoured between steps (and inside a request, by the transport).

import { MembershipNotAppliedError } from '../account/errors';
import { DatabricksError } from '../databricks/errors';
import type { ScimClient } from '../scim/client';
import { needsConfirmation, type PlanStep, type PlanStepKind, type PlannedMember, type ReconcilePlan } from './plan';
import type { PrincipalKind } from '../scim/types';
import { refKey } from './types';
import { notAppliedText, workspaceMemberWriter, type MemberWriter } from './memberWriter';

/** What applyPlan needs of the SCIM client (ScimClient satisfies it). */
export type ReconcileScim = Pick<
  ScimClient,
  'createUser' | 'createServicePrincipal' | 'findByName' | 'addMembers' | 'removeMember'
>;

export interface ApplyOptions {
  signal?: AbortSignal;
  /** After each step: `done` of `total` steps finished. */
  onProgress?: (progress: { done: number; total: number; step: PlanStep }) => void;
  /**
   * A guard for callers that have not asked the user: a plan with more changes than this is
   * refused before any request (MassChangeError). Omit it once the user has confirmed.
   */
  massChangeThreshold?: number;
  /**
   * The count a person confirmed for removals from a group whose Entra side read as empty. A plan
   * with `emptyEntraRemovals` is refused (EmptyEntraError) before any request unless this equals it.
   */
  confirmedEmptyEntraRemovals?: number;
  /** Where membership writes go; default workspace SCIM (`scim`). An account group needs the account's. */
  members?: MemberWriter;
}

export interface AppliedItem {
  step: PlanStepKind;
  principalType: PrincipalKind;
  key: string;
  /** Databricks id of the principal created, adopted, added or removed. */
  id: string;
  /** A create answered 409 "already exists" and the existing principal was used. */
  adopted?: boolean;
}

export interface FailedItem {
  step: PlanStepKind;
  principalType: PrincipalKind;
  key: string;
  /** One sentence for people (DatabricksError.userMessage); never holds a token. */
  message: string;
}

export interface ApplyResult {
  applied: AppliedItem[];
  failed: FailedItem[];
  /** Stopped by the signal; `pendingSteps` steps did not run. */
  cancelled: boolean;
  pendingSteps: number;
}

export class MassChangeError extends Error {
  override readonly name = 'MassChangeError';
  constructor(
    readonly changes: number,
    readonly threshold: number,
  ) {
    super(`The plan makes ${changes} changes, more than the ${threshold} allowed without confirmation.`);
  }
}

/** An empty Entra answer is the commonest shape of a bad read: emptying a group needs its own yes. */
export class EmptyEntraError extends Error {
  override readonly name = 'EmptyEntraError';
  constructor(readonly removals: number) {
    super(
      `The Entra group reads as empty, so the plan removes all ${removals} member${removals === 1 ? '' : 's'} of the Databricks group. That needs a separate confirmation naming the number ${removals}.`,
    );
  }
}

export async function applyPlan(
  plan: ReconcilePlan,
  scim: ReconcileScim,
  opts: ApplyOptions = {},
): Promise<ApplyResult> {
  if (plan.emptyEntraRemovals !== undefined && opts.confirmedEmptyEntraRemovals !== plan.emptyEntraRemovals) {
    throw new EmptyEntraError(plan.emptyEntraRemovals);
  }
  if (opts.massChangeThreshold !== undefined && needsConfirmation(plan, opts.massChangeThreshold)) {
    const s = plan.summary;
    throw new MassChangeError(s.creates + s.adds + s.removes, opts.massChangeThreshold);
  }
  const run = new PlanRun(scim, opts.members ?? workspaceMemberWriter(scim), opts.signal);
  const total = plan.steps.length;
  let done = 0;
  for (const step of plan.steps) {
    if (opts.signal?.aborted) break;
    const completed = await run.step(step);
    if (!completed) break;
    done++;
    opts.onProgress?.({ done, total, step });
  }
  const cancelled = done < total;
  return { applied: run.applied, failed: run.failed, cancelled, pendingSteps: total - done };
}

/** Thrown inside a step to stop the run: the signal fired while a request was in flight. */
class Cancelled extends Error {}

class PlanRun {
  readonly applied: AppliedItem[] = [];
  readonly failed: FailedItem[] = [];
  /** Ids of principals created (or adopted) in this run, by refKey. */
  private readonly created = new Map<string, string>();
  /** refKeys whose create failed: their adds fail with the reason, without a request. */
  private readonly notCreated = new Set<string>();

  constructor(
    private readonly scim: ReconcileScim,
    private readonly members: MemberWriter,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** False when cancelled. */
  async step(step: PlanStep): Promise<boolean> {
    try {
      if (step.kind === 'createUser')
        await this.create(
          step.kind,
          'user',
          step.userName,
          () => this.scim.createUser({ userName: step.userName, displayName: step.displayName }, this.callOpts()),
          () => this.scim.findByName('user', step.userName, this.callOpts()),
        );
      else if (step.kind === 'createServicePrincipal')
        await this.create(
          step.kind,
          'servicePrincipal',
          step.applicationId,
          () =>
            this.scim.createServicePrincipal(
              { applicationId: step.applicationId, displayName: step.displayName },
              this.callOpts(),
            ),
          () => this.scim.findByName('servicePrincipal', step.applicationId, this.callOpts()),
        );
      else if (step.kind === 'addMembers') await this.add(step.groupId, step.members);
      else
        await this.guard(step.kind, step.principalType, step.key, async () => {
          await this.members.remove(step.groupId, [step.memberId], this.callOpts());
          this.applied.push({ step: step.kind, principalType: step.principalType, key: step.key, id: step.memberId });
        });
      return true;
    } catch (err) {
      if (err instanceof Cancelled) return false;
      throw err;
    }
  }

  private callOpts(): { signal?: AbortSignal } {
    return this.signal ? { signal: this.signal } : {};
  }

  private async create(
    step: PlanStepKind,
    principalType: PrincipalKind,
    key: string,
    post: () => Promise<{ id: string }>,
    find: () => Promise<{ id: string } | undefined>,
  ): Promise<void> {
    const ref = refKey(principalType, key);
    const ok = await this.guard(step, principalType, key, async () => {
      try {
        const made = await post();
        this.created.set(ref, made.id);
        this.applied.push({ step, principalType, key, id: made.id });
      } catch (err) {
        if (!(err instanceof DatabricksError && err.isAlreadyExists)) throw err;
        // Someone (often the connector) created it since the comparison: adopt it.
        const found = await find();
        if (!found) throw err;
        this.created.set(ref, found.id);
        this.applied.push({ step, principalType, key, id: found.id, adopted: true });
      }
    });
    if (!ok) this.notCreated.add(ref);
  }

  private async add(groupId: string, members: readonly PlannedMember[]): Promise<void> {
    const ready: Array<PlannedMember & { id: string }> = [];
    for (const m of members) {
      const id = m.id ?? this.created.get(refKey(m.principalType, m.key));
      if (id !== undefined) ready.push({ ...m, id });
      else
        this.fail(
          'addMembers',
          m,
          this.notCreated.has(refKey(m.principalType, m.key))
            ? 'Not added: creating the principal failed.'
            : 'Not added: the principal has no Databricks id.',
        );
    }
    if (ready.length === 0) return;
    try {
      await this.members.add(
        groupId,
        ready.map((m) => m.id),
        this.callOpts(),
      );
      for (const m of ready)
        this.applied.push({ step: 'addMembers', principalType: m.principalType, key: m.key, id: m.id });
    } catch (err) {
      this.throwIfCancelled(err);
      // A batch is all-or-nothing. When the answer blames the request's content (400, e.g. one
      // member id no longer exists), retry one by one so only the bad principals fail; any other
      // failure (auth, account group, exhausted retries) would repeat for each, so it fails them all.
      if (!(ready.length > 1 && isPerPrincipalProblem(err))) {
        for (const m of ready) this.fail('addMembers', m, messageOf(err));
        return;
      }
      for (const m of ready) {
        await this.guard('addMembers', m.principalType, m.key, async () => {
          await this.members.add(groupId, [m.id], this.callOpts());
          this.applied.push({ step: 'addMembers', principalType: m.principalType, key: m.key, id: m.id });
        });
      }
    }
  }

  /** Runs one principal's work; a failure is recorded (false), a cancellation stops the run. */
  private async guard(
    step: PlanStepKind,
    principalType: PrincipalKind,
    key: string,
    work: () => Promise<void>,
  ): Promise<boolean> {
    if (this.signal?.aborted) throw new Cancelled();
    try {
      await work();
      return true;
    } catch (err) {
      this.throwIfCancelled(err);
      this.fail(step, { principalType, key }, messageOf(err));
      return false;
    }
  }

  private fail(step: PlanStepKind, who: { principalType: PrincipalKind; key: string }, message: string): void {
    this.failed.push({ step, principalType: who.principalType, key: who.key, message });
  }

  private throwIfCancelled(err: unknown): void {
    if ((err instanceof DatabricksError && err.isCancelled) || this.signal?.aborted) throw new Cancelled();
  }
}

function isPerPrincipalProblem(err: unknown): boolean {
  return err instanceof DatabricksError && err.status === 400 && !err.isAccountGroupWrite && !err.isAuthProblem;
}

function messageOf(err: unknown): string {
  // The whole call is failed: the read-back names ids, but a 2xx that changed nothing is not trusted for any.
  if (err instanceof MembershipNotAppliedError) return notAppliedText(err);
  if (err instanceof DatabricksError) return err.userMessage;
  return err instanceof Error ? err.message : String(err);
}
