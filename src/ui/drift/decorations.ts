// One FileDecorationProvider for every drift mark in the tree (style-anchor: databricks-vscode's
// DecorationProvider): a drifted group row gets a badge with its finding count in the warning
// colour, an `extra` member row a "−" badge. Rows carry custom-scheme resourceUris (driftUris.ts);
// this answers for those URIs from the DriftStore and fires when the store changes.
import * as vscode from 'vscode';
import { parseDecorationUri } from '../explorer/driftUris';
import type { DriftStore } from './driftStore';
import { describeDrift } from '../../core/drift/report';

export class DriftDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri | vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: DriftStore) {
    // Member URIs are many and not known here: one "everything" event is cheap (VS Code asks
    // again only for the rows it shows).
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const target = parseDecorationUri(uri);
    if (!target) return undefined;
    if (target.kind === 'member') {
      if (!this.store.isExtra(target.host, target.groupId, target.memberId)) return undefined;
      const incomplete = this.store.get(target.host, target.groupId)?.drift.complete === false;
      return {
        badge: '−',
        tooltip: incomplete
          ? 'Not in what Entra answered (extra?) — the comparison is incomplete, so it is never removed'
          : 'Not in the Entra group (extra)',
        color: new vscode.ThemeColor('gitDecoration.deletedResourceForeground'),
        propagate: false,
      };
    }
    const drift = this.store.get(target.host, target.groupId)?.drift;
    const summary = drift ? describeDrift(drift) : undefined;
    if (!drift || !summary) return undefined;
    // An incomplete comparison without findings still must not look in sync: "?" says "unknown".
    const badge = drift.findings.length === 0 ? '?' : badgeOf(drift.findings.length);
    return {
      badge,
      tooltip: `Entra drift: ${summary}`,
      color: new vscode.ThemeColor('list.warningForeground'),
      propagate: false,
    };
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** Badges hold at most two characters; the tooltip has the exact count. */
function badgeOf(count: number): string {
  return count > 99 ? '99' : String(count);
}
