// One Problems-panel entry per drifted group, on the workspace's drift report document (so
// clicking it opens the report at that group), with quick actions to reconcile the group or open
// its report. Kept in step with the DriftStore.
import * as vscode from 'vscode';
import type { DriftStore } from './driftStore';
import { parseReportUri, REPORT_SCHEME, reportUri } from '../explorer/driftUris';
import type { DriftReports } from './reports';
import { problemMessage } from './problemText';

export const DIAGNOSTIC_SOURCE = 'Databricks SCIM';

export class DriftProblems implements vscode.CodeActionProvider, vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('dbxScim.drift');
  /** Per report URI: the store key of the group each diagnostic line belongs to. */
  private readonly lineOwners = new Map<string, Map<number, string>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly store: DriftStore,
    private readonly reports: DriftReports,
  ) {
    this.subscriptions = [
      this.diagnostics,
      store.onDidChange((e) => this.update(e.host)),
      vscode.languages.registerCodeActionsProvider({ scheme: REPORT_SCHEME }, this, {
        providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
      }),
    ];
  }

  /** The document the host's entries are on. */
  uriFor(host: string): vscode.Uri {
    return reportUri(host);
  }

  private update(host: string): void {
    const uri = this.uriFor(host);
    const { groupLines } = this.reports.render(host);
    const owners = new Map<number, string>();
    const list: vscode.Diagnostic[] = [];
    for (const entry of this.store.forHost(host)) {
      const line = groupLines.get(entry.key);
      const message = problemMessage(entry.drift);
      if (line === undefined || message === undefined) continue;
      const diagnostic = new vscode.Diagnostic(
        new vscode.Range(line, 0, line, 200),
        message,
        vscode.DiagnosticSeverity.Warning,
      );
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.code = 'entra-drift';
      owners.set(line, entry.key);
      list.push(diagnostic);
    }
    this.lineOwners.set(uri.toString(), owners);
    this.diagnostics.set(uri, list);
  }

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    return this.actionsOn(document.uri, context.diagnostics);
  }

  /** For tests (and anything without the document open): the quick actions of the host's entries. */
  actionsFor(host: string): vscode.CodeAction[] {
    const uri = this.uriFor(host);
    return this.actionsOn(uri, this.diagnostics.get(uri) ?? []);
  }

  private actionsOn(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): vscode.CodeAction[] {
    const target = parseReportUri(uri);
    if (!target) return [];
    const owners = this.lineOwners.get(this.uriFor(target.host).toString());
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const groupId = owners?.get(diagnostic.range.start.line);
      const entry = groupId ? this.store.get(target.host, groupId) : undefined;
      if (!entry?.drift.databricksGroup) continue;
      const name = entry.drift.databricksGroup.displayName;
      const reconcile = new vscode.CodeAction(`Reconcile "${name}" with Entra ID…`, vscode.CodeActionKind.QuickFix);
      reconcile.diagnostics = [diagnostic];
      reconcile.isPreferred = true;
      reconcile.command = {
        command: 'dbxScim.reconcile',
        title: 'Reconcile',
        arguments: [{ host: target.host, group: entry.drift.databricksGroup.id, interactive: true }],
      };
      const report = new vscode.CodeAction(`Show the drift report of "${name}"`, vscode.CodeActionKind.QuickFix);
      report.diagnostics = [diagnostic];
      report.command = {
        command: 'dbxScim.showDriftReport',
        title: 'Show Drift Report',
        arguments: [{ host: target.host, group: entry.drift.databricksGroup.id }],
      };
      actions.push(reconcile, report);
    }
    return actions;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
