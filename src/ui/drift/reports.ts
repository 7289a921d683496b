// Drift reports as read-only Markdown documents under a custom scheme, shown with the built-in
// Markdown preview (no webview of ours, so no CSP to get wrong) — also when something opens one as
// text, such as a click on its Problems entry. Workspace and group reports are rendered from the
// DriftStore on demand and re-rendered when it changes; reconcile plans are text put here by the
// reconcile flow, and their preview is closed once the plan was decided.
import * as vscode from 'vscode';
import type { DriftStore } from './driftStore';
import { parseReportUri, REPORT_SCHEME, reportUri } from '../explorer/driftUris';
import {
  closeTabs,
  previewReportsOpenedAsText,
  previewTabShown,
  previewTabsOf,
  showPreview,
  textTabsOf,
} from './previewTabs';
import { driftReport, type ReportText } from './reportText';

export class DriftReports implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** Texts put here (reconcile plans), by URI string. */
  private readonly texts = new Map<string, string>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly store: DriftStore) {
    this.subscriptions = [
      this.changed,
      vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this),
      previewReportsOpenedAsText((uri, line) => this.previewTarget(uri, line)),
      store.onDidChange((e) => {
        for (const doc of vscode.workspace.textDocuments) {
          const target = parseReportUri(doc.uri);
          if (target && target.host === e.host && !this.texts.has(doc.uri.toString())) this.changed.fire(doc.uri);
        }
      }),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const put = this.texts.get(uri.toString());
    if (put !== undefined) return put;
    const target = parseReportUri(uri);
    if (!target) return '';
    return this.render(target.host, target.groupId).text;
  }

  /** The workspace report (groupId undefined) or one group's, with the heading line of each group. */
  render(host: string, groupId?: string): ReportText {
    if (groupId === undefined) return driftReport('Entra drift of the workspace', host, this.store.forHost(host));
    const entry = this.store.get(host, groupId);
    return driftReport(
      `Entra drift of "${entry?.drift.databricksGroup?.displayName ?? groupId}"`,
      host,
      entry ? [entry] : [],
    );
  }

  /** Opens the report in the Markdown preview; returns its URI. */
  async show(host: string, groupId?: string): Promise<vscode.Uri> {
    const uri = this.uriOf(host, groupId);
    this.changed.fire(uri);
    await showPreview(uri);
    return uri;
  }

  private uriOf(host: string, groupId?: string): vscode.Uri {
    const name =
      groupId === undefined
        ? 'Entra drift'
        : `Entra drift of ${this.store.get(host, groupId)?.drift.databricksGroup?.displayName ?? groupId}`;
    return reportUri(host, groupId, name);
  }

  /** A workspace report opened as text at a group's heading (its Problems entry): that group's report. */
  private previewTarget(uri: vscode.Uri, line: number | undefined): vscode.Uri {
    const target = parseReportUri(uri);
    if (!target || target.groupId !== undefined || line === undefined || this.texts.has(uri.toString())) return uri;
    for (const [groupId, at] of this.render(target.host).groupLines)
      if (at === line) return this.uriOf(target.host, groupId);
    return uri;
  }

  /** Shows `text` (a reconcile plan) as a Markdown preview under `title`. */
  async showText(host: string, title: string, text: string): Promise<vscode.Uri> {
    const uri = reportUri(host, undefined, title).with({ fragment: 'plan' });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    await showPreview(uri);
    await previewTabShown(uri);
    return uri;
  }

  /** Closes what shows a text put here by showText (its preview, and its source if opened). */
  async closeText(uri: vscode.Uri): Promise<void> {
    await closeTabs([...previewTabsOf(uri), ...textTabsOf(uri)]);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
