// Drift reports and reconcile plans as Markdown text (shown with the built-in Markdown preview).
// No `vscode` import. Names come from servers: every one passes escapeMarkdown or markdownCode.
import type { ApplyResult } from '../../core/drift/apply';
import type { ReconcilePlan } from '../../core/drift/plan';
import { FINDING_LABELS, findingLabel, kindTitle } from '../../core/drift/labels';
import type { DriftFinding, NotComparedMember } from '../../core/drift/types';
import { describeFindings, describeIncomplete } from '../../core/drift/report';
import { escapeMarkdown, markdownCode } from '../../core/text/markdown';
import { plural } from '../../core/text/plural';
import type { StoredDrift } from './driftStore';

export interface ReportText {
  text: string;
  /** Line (0-based) of each group's heading, by store key: where its Problems entry points. */
  groupLines: Map<string, number>;
}

export function driftReport(title: string, host: string, entries: readonly StoredDrift[]): ReportText {
  const lines = [`# ${escapeMarkdown(title)}`, '', `Workspace: ${markdownCode(host)}`, ''];
  const groupLines = new Map<string, number>();
  const drifted = entries.filter((e) => e.drift.findings.length > 0 || !e.drift.complete);
  if (entries.length === 0) lines.push('Not compared yet: run **Compare with Entra ID** on the workspace or a group.');
  else if (drifted.length === 0)
    lines.push(
      `No drift: ${entries.length === 1 ? 'the group matches' : `all ${entries.length} compared groups match`} Entra ID.`,
    );
  else
    lines.push(
      `${drifted.length} of ${plural(entries.length, 'compared group')} ${drifted.length === 1 ? 'differs' : 'differ'} from Entra ID.`,
    );
  for (const entry of drifted) {
    const d = entry.drift;
    lines.push('');
    groupLines.set(entry.key, lines.length);
    lines.push(
      `## ${escapeMarkdown(d.databricksGroup?.displayName ?? '(no Databricks group)')} ↔ Entra "${escapeMarkdown(d.entraGroup.displayName)}"`,
      '',
    );
    lines.push(
      `${[describeFindings(d.findings), describeIncomplete(d)].filter((t) => t).join(' · ')} — compared ${formatTime(entry.comparedAt)}`,
      '',
    );
    if (!d.complete)
      lines.push(
        `**Incomplete**: ${plural(d.notCompared.length, 'Entra member')} could not be compared (listed below), so reconcile removes nobody from this group.`,
        '',
      );
    lines.push('| Finding | Type | Key | Name | Via | Connector fixes it |', '|---|---|---|---|---|---|');
    for (const f of d.findings) {
      // groupMissing on a Databricks group: the Entra group it is linked to was deleted.
      const kind =
        f.kind === 'groupMissing' && d.databricksGroup ? 'Entra group no longer exists' : findingLabel(f).one;
      lines.push(
        `| ${kind} | ${f.principalType} | ${markdownCode(f.key, { cell: true })} | ${nameCell(f)} | ${escapeMarkdown(f.via?.join(' › ') ?? '')} | ${f.connectorWillFix ? 'yes, next cycle' : 'no'} |`,
      );
    }
    lines.push(...notComparedSection(d.notCompared), ...whatToDo(d.findings));
  }
  return { text: lines.join('\n') + '\n', groupLines };
}

/** The name, with both spellings where they differ (a case difference, a renamed group). */
function nameCell(f: DriftFinding): string {
  if (f.kind === 'caseMismatch' && f.entraKey)
    return `${escapeMarkdown(f.displayName)} — Entra: ${markdownCode(f.entraKey, { cell: true })}`;
  if (f.kind === 'renamed')
    return `Entra: ${markdownCode(f.displayName, { cell: true })}, Databricks: ${markdownCode(f.key, { cell: true })}`;
  return escapeMarkdown(f.displayName);
}

/** One line per kind found: what to do about it. */
function whatToDo(findings: readonly DriftFinding[]): string[] {
  const kinds = [...new Set(findings.map((f) => f.kind))];
  if (kinds.length === 0) return [];
  return [
    '',
    '**What to do**',
    '',
    ...kinds.map((k) => `- ${kindTitle(k)}: ${escapeMarkdown(FINDING_LABELS[k].nextStep)}`),
  ];
}

export function planReport(groupName: string, plan: ReconcilePlan, result?: ApplyResult): string {
  const s = plan.summary;
  const lines = [`# Reconcile "${escapeMarkdown(groupName)}" with Entra ID`, ''];
  lines.push(
    `${s.creates} to create, ${s.adds} to add, ${s.removes} to remove — ${plural(s.requests, 'request')}.`,
    '',
  );
  for (const step of plan.steps) {
    if (step.kind === 'createUser')
      lines.push(`- create user ${markdownCode(step.userName)} (${escapeMarkdown(step.displayName)})`);
    else if (step.kind === 'createServicePrincipal')
      lines.push(
        `- create service principal ${markdownCode(step.applicationId)} (${escapeMarkdown(step.displayName)})`,
      );
    else if (step.kind === 'addMembers') {
      lines.push(
        `- add ${plural(step.members.length, 'member')} in one request: ${step.members.map((m) => markdownCode(m.key)).join(', ')}`,
      );
      const nested = step.members.filter((m) => m.via !== undefined && m.via.length > 0);
      if (nested.length > 0) {
        lines.push(
          `  - ${plural(nested.length, 'of them is', 'of them are')} in Entra only through nested groups and ${nested.length === 1 ? 'becomes a direct member' : 'become direct members'} here: ${nested.map((m) => `${markdownCode(m.key)} via ${escapeMarkdown(m.via!.join(' › '))}`).join(', ')}`,
        );
      }
    } else
      lines.push(`- **remove** ${step.principalType} ${markdownCode(step.key)} (${escapeMarkdown(step.displayName)})`);
  }
  if (plan.removalsWithheld) lines.push(`**Incomplete.** ${escapeMarkdown(plan.removalsWithheld)}`, '');
  if (plan.emptyEntraRemovals !== undefined) {
    lines.push(
      `**The Entra group reads as empty**: applying removes all ${plan.emptyEntraRemovals} members of the Databricks group, and asks separately before it does.`,
      '',
    );
  }
  if (plan.skipped.length > 0) {
    lines.push('', '## Not changed', '');
    for (const item of plan.skipped)
      lines.push(
        `- ${item.finding.principalType} ${markdownCode(item.finding.key)} (${FINDING_LABELS[item.finding.kind].one}): ${escapeMarkdown(item.reason)}`,
      );
  }
  lines.push(...notComparedSection(plan.notCompared));
  if (result) {
    lines.push(
      '',
      '## Result',
      '',
      `${result.applied.length} done, ${result.failed.length} failed${result.cancelled ? `, cancelled with ${plural(result.pendingSteps, 'step')} left` : ''}.`,
    );
    for (const f of result.failed)
      lines.push(`- ${f.principalType} ${markdownCode(f.key)}: ${escapeMarkdown(f.message)}`);
  }
  return lines.join('\n') + '\n';
}

/** "30 Nov 2026, 14:05" in the user's time zone: when the comparison ran, not an ISO stamp. */
export function formatTime(date: Date): string {
  return date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

function notComparedSection(list: readonly NotComparedMember[]): string[] {
  if (list.length === 0) return [];
  return [
    '',
    '### Not compared',
    '',
    ...list.map((n) => `- ${escapeMarkdown(n.displayName)} (${markdownCode(n.entraId)}): ${escapeMarkdown(n.reason)}`),
  ];
}
