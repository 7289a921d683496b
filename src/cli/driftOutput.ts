// How drift and reconcile results look for people (tables, summary lines), and reconcile's --json.
import { plural } from '../core/text/plural';
import type { ApplyResult } from '../core/drift/apply';
import type { PlanStep, ReconcilePlan } from '../core/drift/plan';
import { countLabel, FINDING_LABELS, findingLabel } from '../core/drift/labels';
import { FINDING_KINDS, type DriftFinding, type GroupDrift, type NotComparedMember } from '../core/drift/types';
import { safeTerminalText as one } from '../core/text/terminal';
import { formatTable, type Row } from './output';

// ---- drift ------------------------------------------------------------------------------------
// The --json document is core's driftJson (src/core/drift/report.ts), shared with the extension.

export function driftTable(drifts: readonly GroupDrift[]): string {
  const sections = drifts.map((d) => {
    const title = `${one(d.databricksGroup?.displayName ?? '(no Databricks group)')} ↔ Entra "${one(d.entraGroup.displayName)}"`;
    const incomplete = notComparedLines(d.notCompared).join('');
    if (d.findings.length === 0)
      return d.complete
        ? `${title}: no drift\n`
        : `${title}: incomplete, no drift among the members compared\n${incomplete}`;
    const rows: Row[] = d.findings.map((f) => ({
      kind: findingLabel(f).one,
      type: f.principalType,
      key: f.key,
      displayName: f.displayName === f.key ? '' : f.displayName,
      note: noteOf(f),
    }));
    const table = formatTable(rows, ['kind', 'type', 'key', 'displayName', 'note']);
    return `${title}: ${count(d.findings.length, 'finding')}${d.complete ? '' : ' (incomplete)'}\n${indent(table)}${incomplete}`;
  });
  return [...sections, driftSummary(drifts)].join('\n');
}

function noteOf(f: DriftFinding): string {
  const parts: string[] = [];
  if (f.via && f.via.length > 0) parts.push(`via ${f.via.map((v) => one(v)).join(' › ')}`);
  parts.push(f.connectorWillFix ? 'the connector will fix it' : 'the connector will not fix it');
  return parts.join('; ');
}

/**
 * "3 groups compared, 2 with drift: 5 missing from the group, 2 nested in Entra only; the Entra connector will fix
 * 3 of them."
 */
export function driftSummary(drifts: readonly GroupDrift[]): string {
  const incomplete = drifts.filter((d) => !d.complete).length;
  const compared =
    count(drifts.length, 'group') +
    ' compared' +
    (incomplete > 0 ? ` (${incomplete} incomplete: see "not compared")` : '');
  const drifted = drifts.filter((d) => d.findings.length > 0);
  if (drifted.length === 0) return `${compared}, no drift.\n`;
  const all = drifted.flatMap((d) => d.findings);
  const byKind = FINDING_KINDS.map((k) => {
    const n = all.filter((f) => f.kind === k).length;
    return n === 0 ? '' : countLabel(k, n);
  }).filter((s) => s !== '');
  const fixable = all.filter((f) => f.connectorWillFix).length;
  const connector =
    fixable === 0 ? 'the Entra connector will fix none of them' : `the Entra connector will fix ${fixable} of them`;
  return `${compared}, ${drifted.length} with drift: ${byKind.join(', ')}; ${connector}.\n`;
}

// ---- reconcile --------------------------------------------------------------------------------

export function planText(drift: GroupDrift, plan: ReconcilePlan, allowRemovals: boolean): string {
  const s = plan.summary;
  const lines = [
    `Reconcile ${one(drift.databricksGroup?.displayName ?? '(no Databricks group)')} with Entra "${one(drift.entraGroup.displayName)}": ` +
      `${count(s.creates, 'principal')} to create, ${count(s.adds, 'member')} to add, ${count(s.removes, 'member')} to remove ` +
      `(${count(s.requests, 'request')}).`,
  ];
  for (const step of plan.steps) lines.push(...stepLines(step));
  for (const { finding, reason } of plan.skipped) {
    const why =
      reason === plan.removalsWithheld
        ? 'not removed: the Entra answer is incomplete (see INCOMPLETE below)'
        : finding.kind === 'extra' && !allowRemovals
          ? 'not removed: removals need --allow-removals'
          : reason;
    lines.push(
      `  skip    ${FINDING_LABELS[finding.kind].one} ${finding.principalType} ${one(finding.key)}: ${one(why)}`,
    );
  }
  if (plan.removalsWithheld) lines.push(`  INCOMPLETE: ${one(plan.removalsWithheld)}`);
  if (plan.emptyEntraRemovals !== undefined) {
    lines.push(
      `  EMPTY ENTRA GROUP: the plan removes all ${plural(plan.emptyEntraRemovals, 'member')}; --apply also needs --confirm-empty-entra-removals ${plan.emptyEntraRemovals}.`,
    );
  }
  return lines.join('\n') + '\n' + notComparedLines(plan.notCompared).join('');
}

/** "  not compared  Jane (id): reason" — members the comparison could not use, and why. */
function notComparedLines(list: readonly NotComparedMember[]): string[] {
  return list.map((n) => `  not compared  ${notComparedName(n)}: ${one(n.reason)}\n`);
}

/** "Jane (id)", or the id alone when Graph gave no name (id-only objects). */
export function notComparedName(n: NotComparedMember): string {
  return one(n.displayName === n.entraId ? n.entraId : `${n.displayName} (${n.entraId})`);
}

function stepLines(step: PlanStep): string[] {
  switch (step.kind) {
    case 'createUser':
      return [`  create  user ${one(step.userName)} (${one(step.displayName)})`];
    case 'createServicePrincipal':
      return [`  create  service principal ${one(step.applicationId)} (${one(step.displayName)})`];
    case 'addMembers':
      return [
        `  add     ${count(step.members.length, 'member')} in one request:`,
        ...step.members.map((m) => `            ${m.principalType} ${one(m.key)}`),
      ];
    case 'removeMember':
      return [`  remove  ${step.principalType} ${one(step.key)} (${one(step.displayName)})`];
  }
}

export function applyText(result: ApplyResult): string {
  const lines = [`Applied ${count(result.applied.length, 'change')}; ${count(result.failed.length, 'failure')}.`];
  for (const f of result.failed) lines.push(`  failed  ${f.step} ${f.principalType} ${one(f.key)}: ${one(f.message)}`);
  if (result.cancelled) lines.push(`  stopped: ${count(result.pendingSteps, 'step')} did not run.`);
  return lines.join('\n') + '\n';
}

export function reconcileJson(drift: GroupDrift, plan: ReconcilePlan, result?: ApplyResult): unknown {
  return {
    databricksGroup: drift.databricksGroup?.displayName ?? null,
    entraGroup: drift.entraGroup.displayName,
    complete: drift.complete,
    notCompared: drift.notCompared,
    plan: {
      steps: plan.steps,
      skipped: plan.skipped,
      summary: plan.summary,
      ...(plan.removalsWithheld ? { removalsWithheld: plan.removalsWithheld } : {}),
      ...(plan.emptyEntraRemovals !== undefined ? { emptyEntraRemovals: plan.emptyEntraRemovals } : {}),
    },
    ...(result ? { result: { applied: result.applied, failed: result.failed, cancelled: result.cancelled } } : {}),
  };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? l : `  ${l}`))
    .join('\n');
}
