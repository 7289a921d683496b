// dbxScim.reconcile: compare afresh, plan, show the plan, apply with progress and cancellation,
// report per-principal failures, refresh the group and compare again. Consent rules: removals need
// the dbxScim.reconcile.allowRemovals user setting AND a person's yes in a modal (a programmatic
// call asks for them with `allowRemovals: true`, which is a request, not the yes); an Entra group
// that reads as empty and the mass-change threshold each need a further yes, however the command
// was called. Arguments never consent: any extension can pass them.
import type { FolderKind } from '../explorer/nodes';
import { plural } from '../../core/text/plural';
import * as vscode from 'vscode';
import { applyPlan, type ApplyResult } from '../../core/drift/apply';
import { isEmpty, needsConfirmation, planReconcile, type ReconcilePlan } from '../../core/drift/plan';
import { refKey, type DriftFinding, type GroupDrift } from '../../core/drift/types';
import { UserCancelled } from '../common/errors';
import { askConsent, confirmed } from '../common/consent';
import type { ExplorerView } from '../explorer/explorerView';
import type { Connections } from '../common/connection';
import type { DriftService } from './driftService';
import type { DriftTarget } from './driftTarget';
import type { DriftReports } from './reports';
import { planReport } from './reportText';
import { membersRouteFor, type MembersRoute } from './accountWriter';

export interface ReconcileOutcome {
  plan: ReconcilePlan;
  applied: boolean;
  result?: ApplyResult;
  /** Findings of the group after applying (what reconcile could not or was not allowed to fix). */
  remaining?: DriftFinding[];
}

export interface ReconcileDeps {
  service: DriftService;
  connections: Connections;
  reports: DriftReports;
  explorer: ExplorerView;
  log: vscode.LogOutputChannel;
}

export async function reconcile(target: DriftTarget, deps: ReconcileDeps): Promise<ReconcileOutcome> {
  const { service } = deps;
  if (!target.group) throw new Error('dbxScim.reconcile: name a group ("group": its id or displayName).');
  const groupArg = target.group;
  const settings = service.settings();
  const access = { interactive: target.interactive, ...(target.graphToken ? { graphToken: target.graphToken } : {}) };
  const group = await service.databricksGroup(target.host, groupArg);
  const { drift } = await withProgress(`Comparing "${group.displayName}" with Entra ID…`, (signal) =>
    service.compareGroup(target.host, group, { ...access, signal }),
  );
  if (!drift)
    throw new Error(
      `"${group.displayName}" has no Entra group to reconcile with (no mapping, externalId or Entra group of that name).`,
    );
  const scoped = scope(drift, target.only);

  // An incomplete comparison plans no removal whatever the answer, so do not ask about one.
  const extras = scoped.complete ? scoped.findings.filter((f) => f.kind === 'extra').length : 0;
  const removalsWanted = target.interactive || target.args?.allowRemovals === true;
  const allowRemovals =
    extras > 0 && settings.allowRemovals && removalsWanted ? await confirmRemovals(group.displayName, extras) : false;

  const plan = planReconcile(scoped, { allowRemovals });
  const withheld = plan.removalsWithheld
    ? ` Incomplete: ${plural(plan.notCompared.length, 'Entra member')} could not be compared, so nobody is removed — see the drift report.`
    : '';
  if (isEmpty(plan)) {
    if (target.interactive)
      void vscode.window.showInformationMessage(
        `"${group.displayName}": nothing to reconcile${plan.skipped.length > 0 ? ` (${plural(plan.skipped.length, 'finding needs', 'findings need')} another fix — see the drift report)` : ''}.${withheld}`,
      );
    return { plan, applied: false };
  }
  if (!target.interactive && target.args?.apply !== true) return { plan, applied: false };
  // An account group is written at account level: reach the account (sign-in, account id) before
  // anyone reviews a plan that could not be applied.
  const route = await membersRouteFor(deps.connections, target.host, group.id, {
    interactive: target.interactive,
    ...(target.accountToken ? { accountToken: target.accountToken } : {}),
  });
  try {
    return await applyReviewed(target, deps, { group, plan, scoped, withheld, access, route });
  } finally {
    await route.close();
  }
}

interface Reviewable {
  group: { id: string; displayName: string };
  plan: ReconcilePlan;
  scoped: GroupDrift;
  withheld: string;
  access: GraphAccessArgs;
  route: MembersRoute;
}

type GraphAccessArgs = { interactive: boolean; graphToken?: string };

async function applyReviewed(
  target: DriftTarget,
  deps: ReconcileDeps,
  { group, plan, scoped, withheld, access, route }: Reviewable,
): Promise<ReconcileOutcome> {
  const { service } = deps;
  const settings = service.settings();

  const changes = plan.summary.creates + plan.summary.adds + plan.summary.removes;
  // A ghost member's "Add" names the one principal to add: that click is the consent, no plan to review.
  const singleAdd = target.only !== undefined && plan.summary.removes === 0;
  if (singleAdd && plan.summary.creates > 0) {
    // Adding is what the click asked for; creating someone in the workspace is a step further.
    const who = scoped.findings[0]?.displayName ?? target.only ?? 'the principal';
    const where = deps.connections.find(target.host)?.name || target.host;
    const question = `Create ${who} in ${where} and add them to "${group.displayName}"?`;
    if (
      !(await confirmed(
        question,
        { detail: 'They do not exist in the workspace yet; Entra has them in the group.', severity: 'info' },
        'Create and Add',
      ))
    )
      throw new UserCancelled();
  }
  // The plan's preview is what a person reviews; once they decided, nothing is pending there.
  const planUri =
    target.interactive && !singleAdd
      ? await deps.reports.showText(target.host, `Reconcile ${group.displayName}`, planReport(group.displayName, plan))
      : undefined;
  let emptyEntra: number | undefined;
  try {
    if (planUri) {
      const s = plan.summary;
      const detail = `${s.creates} to create, ${s.adds} to add, ${s.removes} to remove (${plural(s.requests, 'request')}). The plan is open in the preview.${withheld}`;
      if (!(await confirmed(`Reconcile "${group.displayName}" with Entra ID?`, { detail, severity: 'info' }, 'Apply')))
        throw new UserCancelled();
    }
    emptyEntra = await confirmEmptyEntra(group.displayName, plan);
    await confirmMassChange(group.displayName, changes, settings.massChangeThreshold, plan);
  } finally {
    if (planUri) await deps.reports.closeText(planUri);
  }

  const { scim } = await deps.connections.get(target.host);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Reconciling "${group.displayName}"`, cancellable: true },
    (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      let count = '';
      let slowed = '';
      const show = (increment?: number): void =>
        progress.report({ ...(increment === undefined ? {} : { increment }), message: `${count}${slowed}` });
      // A workspace busy with other clients slows the apply down; say so rather than look stuck.
      const unlisten = scim.onLimitChange((e) => {
        slowed = e.reason ? ` — slowed down: ${e.message}` : '';
        show();
      });
      // A reconcile runs long and is costly to redo: it may wait out a busy workspace longer than a click.
      return applyPlan(plan, scim.background(), {
        ...(route.writer ? { members: route.writer } : {}),
        ...(emptyEntra !== undefined ? { confirmedEmptyEntraRemovals: emptyEntra } : {}),
        signal: abort.signal,
        onProgress: ({ done, total }) => {
          count = `${done} of ${plural(total, 'request')}`;
          show(100 / total);
        },
      }).finally(() => {
        unlisten();
        sub.dispose();
      });
    },
  );
  for (const f of result.failed)
    deps.log.warn(`reconcile ${group.displayName}: ${f.step} ${f.principalType} ${f.key} failed: ${f.message}`);
  const created = result.applied.filter((a) => a.step === 'createUser' || a.step === 'createServicePrincipal');
  deps.explorer.invalidate(target.host, {
    groups: [group.id],
    principals: result.applied.map((a) => a.id),
    folders: [...new Set(created.map((a): FolderKind => (a.step === 'createUser' ? 'users' : 'servicePrincipals')))],
  });
  const after = await service.compareGroup(target.host, group, access);
  if (target.interactive) void announce(group.displayName, result, deps, target.host, plan);
  return { plan, applied: true, result, remaining: after.drift?.findings ?? [] };
}

/** Only the finding a ghost member's "Add" stands for (by refKey, or by key from a programmatic `principal`). */
function scope(drift: GroupDrift, only: string | undefined): GroupDrift {
  if (!only) return drift;
  const lower = only.toLowerCase();
  return {
    ...drift,
    findings: drift.findings.filter((f) => refKey(f.principalType, f.key) === only || f.key.toLowerCase() === lower),
  };
}

/**
 * An Entra group that reads as empty is more often a bad read than an empty group: removing every
 * member needs its own yes that names the count (a second modal, also for programmatic calls).
 * Returns the confirmed count for applyPlan.
 */
async function confirmEmptyEntra(groupName: string, plan: ReconcilePlan): Promise<number | undefined> {
  const n = plan.emptyEntraRemovals;
  if (n === undefined) return undefined;
  const yes = await confirmed(
    `The Entra group reads as EMPTY. Remove all ${plural(n, 'member')} of "${groupName}"?`,
    {
      detail:
        'An empty answer is often a read that went wrong (permissions, a sync in progress). Only go on if the Entra group really has no members.',
    },
    `Remove All ${n}`,
  );
  if (!yes) throw new UserCancelled();
  return n;
}

async function confirmMassChange(
  groupName: string,
  changes: number,
  threshold: number,
  plan: ReconcilePlan,
): Promise<void> {
  if (!needsConfirmation(plan, threshold)) return;
  const question = `This changes ${changes} principals in "${groupName}" — more than ${threshold}. Apply anyway?`;
  const detail = 'The limit is the dbxScim.reconcile.massChangeThreshold user setting.';
  if (!(await confirmed(question, { detail }, 'Apply All'))) throw new UserCancelled();
}

async function confirmRemovals(groupName: string, extras: number): Promise<boolean> {
  const answer = await askConsent(
    `Also remove ${plural(extras, 'member')} of "${groupName}" that are not in the Entra group?`,
    { detail: 'They were added on the Databricks side. Without removal only the missing members are added.' },
    'Remove Them Too',
    'Keep Them',
  );
  if (answer === undefined) throw new UserCancelled();
  return answer === 'Remove Them Too';
}

async function announce(
  groupName: string,
  result: ApplyResult,
  deps: ReconcileDeps,
  host: string,
  plan: ReconcilePlan,
): Promise<void> {
  const done = `${plural(result.applied.length, 'change')} applied to "${groupName}"`;
  if (result.failed.length === 0 && !result.cancelled) {
    void vscode.window.showInformationMessage(`${done}.`);
    return;
  }
  const first = result.failed
    .slice(0, 3)
    .map((f) => `${f.key}: ${f.message}`)
    .join('; ');
  const text = `${done}; ${result.failed.length} failed${result.cancelled ? ', cancelled before the end' : ''}. ${first}`;
  const pick = await vscode.window.showWarningMessage(text, 'Show Details');
  if (pick === 'Show Details')
    await deps.reports.showText(host, `Reconcile ${groupName}`, planReport(groupName, plan, result));
}

export function withProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    (_progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      return work(abort.signal).finally(() => sub.dispose());
    },
  );
}
