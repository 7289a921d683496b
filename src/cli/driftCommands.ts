// `dbx-scim drift [GROUP...]` and `dbx-scim reconcile GROUP [--apply] [--allow-removals]`
// (DESIGN.md §2). Exit codes: 0 no drift / nothing to do / plan applied, 3 drift found or a plan
// not applied, 1 a change failed; names that match nothing are usage errors (2), like the other
// commands' unknown group names.
import { applyPlan } from '../core/drift/apply';
import { planReconcile } from '../core/drift/plan';
import type { UserKey } from '../core/drift/types';
import { compareTarget, compareTargets, findDriftTargets, type DriftClients, type UnresolvedGroup, type WorkspaceDriftOptions } from '../core/drift/workspaceDrift';
import { UsageError, type CliArgs } from './args';
import { driftJson } from '../core/drift/report';
import { applyText, driftTable, planText, reconcileJson } from './driftOutput';
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
  const clients: DriftClients = { scim: session.scim, graph: await session.graph() };
  const opts = driftOptionsOf(args);
  const found = await findDriftTargets(clients, names, opts);
  // Named groups that match nothing, and mappings that point nowhere, are the caller's to fix;
  // without names, an ambiguous Entra name only means that group is not compared.
  const blocking = found.unresolved.filter((u) => names.length > 0 || u.reason === 'mappingNotFound');
  if (blocking.length > 0) throw new UsageError(blocking.map((u) => u.message).join('\n'));
  const notes = found.unresolved.map(noteOf);
  return verb === 'drift' ? drift(clients, args, found.targets, opts, notes) : reconcile(clients, args, found.targets, opts, notes);
}

async function drift(clients: DriftClients, args: CliArgs, targets: Parameters<typeof compareTargets>[1], opts: WorkspaceDriftOptions, notes: string[]): Promise<TextResult> {
  const drifts = await compareTargets(clients, targets, opts);
  for (const d of drifts) {
    for (const i of d.ignored) notes.push(`${d.entraGroup.displayName}: not compared: ${i.displayName} (${i.reason})`);
  }
  const text = args.json ? JSON.stringify(driftJson(drifts), null, 2) + '\n' : driftTable(drifts);
  return { text, notes, exitCode: drifts.some((d) => d.findings.length > 0) ? EXIT_DRIFT : 0 };
}

async function reconcile(clients: DriftClients, args: CliArgs, targets: Parameters<typeof compareTargets>[1], opts: WorkspaceDriftOptions, notes: string[]): Promise<TextResult> {
  const target = targets[0];
  if (!target) throw new UsageError(`Nothing to compare for "${args.command[1] ?? ''}".`);
  const groupDrift = await compareTarget(clients, target, opts);
  const plan = planReconcile(groupDrift, { allowRemovals: args.allowRemovals });
  const shown = planText(groupDrift, plan, args.allowRemovals);
  if (!args.apply || plan.steps.length === 0) {
    const hint = plan.steps.length === 0 ? 'Nothing to change.\n' : 'Run again with --apply to make these changes.\n';
    return { text: args.json ? JSON.stringify(reconcileJson(groupDrift, plan), null, 2) + '\n' : shown + hint, notes, exitCode: plan.steps.length > 0 ? EXIT_DRIFT : 0 };
  }
  // --apply is the consent DESIGN §3 asks for above the mass-change threshold: no second prompt here.
  const result = await applyPlan(plan, clients.scim);
  const ok = result.failed.length === 0 && !result.cancelled;
  const text = args.json ? JSON.stringify(reconcileJson(groupDrift, plan, result), null, 2) + '\n' : shown + applyText(result);
  return { text, notes, exitCode: ok ? 0 : 1 };
}

function driftOptionsOf(args: CliArgs): WorkspaceDriftOptions {
  const userKey: UserKey = args.userKey === 'mail' ? 'mail' : 'userPrincipalName';
  return { userKey, transitive: args.transitive, mappings: args.mappings };
}

function noteOf(u: UnresolvedGroup): string {
  return `not compared: ${u.message}`;
}
