// `dbx-scim drift [GROUP...]` and `dbx-scim reconcile GROUP [--apply] [--allow-removals] …`.
// Exit codes: 0 no drift / nothing to do / plan applied, 3 drift found (or a group not completely
// compared) or a plan not applied, 1 a change failed or was refused; names that match nothing are
// usage errors (2).
import { plural } from '../core/text/plural';
import { applyPlan } from '../core/drift/apply';
import {
  DEFAULT_MASS_CHANGE_THRESHOLD,
  changeCount,
  needsConfirmation,
  planReconcile,
  type ReconcilePlan,
} from '../core/drift/plan';
import type { GroupDrift, UserKey } from '../core/drift/types';
import type { ScimClient } from '../core/scim/client';
import type { AccountClient } from '../core/account/client';
import { accountMemberWriter, needsAccountWriter, type MemberWriter } from '../core/drift/memberWriter';
import { driftAllGroups } from '../core/drift/allGroupsDrift';
import {
  compareTarget,
  compareTargets,
  findDriftTargets,
  type DriftClients,
  type UnresolvedGroup,
  type WorkspaceDriftOptions,
} from '../core/drift/workspaceDrift';
import { UsageError, type CliArgs } from './args';
import { driftJson } from '../core/drift/report';
import { applyText, driftTable, notComparedName, planText, reconcileJson } from './driftOutput';
import type { CliSession } from './session';

export const EXIT_DRIFT = 3;

export interface TextResult {
  /** For stdout. */
  text: string;
  /** For stderr, one line each. */
  notes: string[];
  exitCode: number;
}

export function isDriftCommand(args: CliArgs): boolean {
  return args.command[0] === 'drift' || args.command[0] === 'reconcile';
}

export async function runDriftCommand(session: CliSession, args: CliArgs): Promise<TextResult> {
  const [verb, ...names] = args.command;
  if (verb === 'reconcile' && names.length !== 1) {
    throw new UsageError('Name one group, e.g. dbx-scim reconcile data-eng (add --apply to make the changes).');
  }
  // A reconcile is a job to finish, not a click: it may wait out a busy workspace longer.
  const clients: DriftClients = {
    scim: verb === 'reconcile' ? session.scim.background() : session.scim,
    graph: await session.graph(),
  };
  const opts = driftOptionsOf(args);
  // All groups of the workspace: listings and batches instead of a few requests per group.
  const all = verb === 'drift' && names.length === 0 ? await driftAllGroups(clients, opts) : undefined;
  const found = all ?? (await findDriftTargets(clients, names, opts));
  // Named groups that match nothing, and mappings that point nowhere, are the caller's to fix;
  // without names, an ambiguous Entra name only means that group is not compared.
  const blocking = found.unresolved.filter((u) => names.length > 0 || u.reason === 'mappingNotFound');
  if (blocking.length > 0) throw new UsageError(blocking.map((u) => u.message).join('\n'));
  const notes = found.unresolved.map(noteOf);
  return verb === 'drift'
    ? drift(clients, args, found.targets, opts, notes, all?.drifts)
    : reconcile(clients, args, found.targets, opts, notes, () => session.account());
}

async function drift(
  clients: DriftClients,
  args: CliArgs,
  targets: Parameters<typeof compareTargets>[1],
  opts: WorkspaceDriftOptions,
  notes: string[],
  compared?: GroupDrift[],
): Promise<TextResult> {
  const drifts = compared ?? (await compareTargets(clients, targets, opts));
  for (const d of drifts) notes.push(...incompleteNotes(d));
  const text = args.json ? JSON.stringify(driftJson(drifts), null, 2) + '\n' : driftTable(drifts);
  // An incomplete group is not known to be in sync: a drift gate must not pass it.
  return { text, notes, exitCode: drifts.some((d) => d.findings.length > 0 || !d.complete) ? EXIT_DRIFT : 0 };
}

async function reconcile(
  clients: DriftClients,
  args: CliArgs,
  targets: Parameters<typeof compareTargets>[1],
  opts: WorkspaceDriftOptions,
  notes: string[],
  openAccount: () => Promise<AccountClient>,
): Promise<TextResult> {
  const target = targets[0];
  if (!target) throw new UsageError(`Nothing to compare for "${args.command[1] ?? ''}".`);
  const groupDrift = await compareTarget(clients, target, opts);
  const plan = planReconcile(groupDrift, { allowRemovals: args.allowRemovals });
  const shown = planText(groupDrift, plan, args.allowRemovals);
  const planOnly = (hint: string): string =>
    args.json ? JSON.stringify(reconcileJson(groupDrift, plan), null, 2) + '\n' : shown + hint;
  // Removals were asked for and withheld (the Entra answer is incomplete): the run did not do what
  // it was told, whatever else it did.
  const withheld =
    args.apply &&
    args.allowRemovals &&
    plan.removalsWithheld !== undefined &&
    plan.skipped.some((s) => s.finding.kind === 'extra');
  if (plan.removalsWithheld)
    notes.push(`${groupDrift.databricksGroup?.displayName ?? ''}: removals withheld: ${plan.removalsWithheld}`);
  if (!args.apply || plan.steps.length === 0) {
    notes.push(...incompleteNotes(groupDrift));
    const hint = plan.steps.length === 0 ? 'Nothing to change.\n' : 'Run again with --apply to make these changes.\n';
    return { text: planOnly(hint), notes, exitCode: withheld ? 1 : plan.steps.length > 0 ? EXIT_DRIFT : 0 };
  }
  const unconfirmed = refuseUnconfirmed(args, plan);
  const route = unconfirmed === undefined ? await membersRoute(clients.scim, plan, openAccount) : undefined;
  const refusal = unconfirmed ?? route?.refusal;
  if (refusal) return { text: planOnly(''), notes: [...notes, refusal, ...incompleteNotes(groupDrift)], exitCode: 1 };
  const result = await applyPlan(plan, clients.scim, {
    ...(args.confirmEmptyEntraRemovals !== undefined
      ? { confirmedEmptyEntraRemovals: args.confirmEmptyEntraRemovals }
      : {}),
    ...(route?.writer ? { members: route.writer } : {}),
  });
  const ok = result.failed.length === 0 && !result.cancelled && !withheld;
  const text = args.json
    ? JSON.stringify(reconcileJson(groupDrift, plan, result), null, 2) + '\n'
    : shown + applyText(result);
  // Failures go to stderr too: a pipeline that keeps only stderr must still see them.
  for (const f of result.failed) notes.push(`failed: ${f.step} ${f.principalType} ${f.key}: ${f.message}`);
  if (result.cancelled) notes.push(`stopped: ${plural(result.pendingSteps, 'step')} did not run.`);
  notes.push(...incompleteNotes(groupDrift));
  return { text, notes, exitCode: ok ? 0 : 1 };
}

/**
 * Workspace SCIM cannot change an account group's members: they are written through the account,
 * which needs an Entra token (DBX_SCIM_ACCOUNT_TOKEN or Azure credentials). The account is read
 * once before the first write, so a missing token is a plain refusal, not a failure per member.
 */
async function membersRoute(
  scim: ScimClient,
  plan: ReconcilePlan,
  openAccount: () => Promise<AccountClient>,
): Promise<{ writer?: MemberWriter; refusal?: string }> {
  if (plan.groupId === null) return {};
  const group = await scim.get('group', plan.groupId, { excludedAttributes: ['members'] });
  if (!needsAccountWriter(group)) return {};
  try {
    const account = await openAccount();
    const there = await account.findByName('group', group.displayName);
    if (there?.id !== group.id)
      return { refusal: `Not applied: the account has no group "${group.displayName}" with id ${group.id}.` };
    return { writer: accountMemberWriter(account) };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return {
      refusal:
        `Not applied: "${group.displayName}" is an account group (identity federation): its members are changed at ` +
        `account level, through the account API, which could not be reached: ${why} It takes an Entra token for ` +
        'Azure Databricks: set DBX_SCIM_ACCOUNT_TOKEN, or sign in with az login (a workspace personal access ' +
        'token cannot be used). Nothing was changed.',
    };
  }
}

/** The two confirmations --apply alone does not give: emptying a group Entra reads as empty, and a mass change. */
function refuseUnconfirmed(args: CliArgs, plan: ReconcilePlan): string | undefined {
  const empty = plan.emptyEntraRemovals;
  if (empty !== undefined && args.confirmEmptyEntraRemovals !== empty) {
    const given =
      args.confirmEmptyEntraRemovals === undefined
        ? ''
        : ` (--confirm-empty-entra-removals ${args.confirmEmptyEntraRemovals} does not match)`;
    return `Not applied: the Entra group reads as empty, so the plan removes all ${plural(empty, 'member')} of the Databricks group${given}. An empty answer is often a read that went wrong; if the Entra group really is empty, run again with --confirm-empty-entra-removals ${empty}.`;
  }
  const threshold = args.maxChanges ?? DEFAULT_MASS_CHANGE_THRESHOLD;
  if (!args.yesMassChange && needsConfirmation(plan, threshold)) {
    return `Not applied: the plan changes ${changeCount(plan)} principals, more than ${threshold}. Check the plan, then run again with --yes-mass-change (or --max-changes ${changeCount(plan)}).`;
  }
  return undefined;
}

/** One stderr line per member that could not be compared, so a script sees why a group is incomplete. */
function incompleteNotes(d: GroupDrift): string[] {
  const group = d.databricksGroup?.displayName ?? d.entraGroup.displayName;
  return d.notCompared.map((n) => `${group}: not compared: ${notComparedName(n)}: ${n.reason}`);
}

function driftOptionsOf(args: CliArgs): WorkspaceDriftOptions {
  const userKey: UserKey = args.userKey === 'mail' ? 'mail' : 'userPrincipalName';
  return { userKey, transitive: args.transitive, mappings: args.mappings };
}

function noteOf(u: UnresolvedGroup): string {
  return `not compared: ${u.message}`;
}
