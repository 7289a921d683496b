// The only place that builds TreeItem, ThemeIcon and MarkdownString. The strings come from the
// row presenters; this file adds what only VS Code objects can say: collapsibility, the click
// command, the busy spinner, the decoration URI.
import * as vscode from 'vscode';
import { groupDriftUri, memberDriftUri } from './driftUris';
import type { ExplorerNode } from './nodes';
import { contextValueOf, present } from './presentation';
import type { RowState } from './rowState';

export const LOAD_MORE_COMMAND = 'dbxScim.loadMore';

const COLLAPSIBLE = {
  no: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
} as const;

const ICON_COLORS = {
  warning: 'problemsWarningIcon.foreground',
  disabled: 'disabledForeground',
} as const;

/**
 * The TreeItem for a node, tooltip included: a row without one shows its decoration URI (an
 * internal path) whenever a lazy tooltip cannot be resolved, so it is never left to chance.
 */
export function renderNode(node: ExplorerNode, state: RowState = {}): vscode.TreeItem {
  const parts = present(node, state);
  const item = new vscode.TreeItem(parts.label, COLLAPSIBLE[parts.expands]);
  item.id = node.key;
  item.contextValue = contextValueOf(node, false, state);
  const description = state.busy ?? parts.description;
  if (description !== undefined) item.description = description;
  const icon = state.busy !== undefined ? 'loading~spin' : parts.icon;
  if (icon)
    item.iconPath = new vscode.ThemeIcon(
      icon,
      parts.iconColor ? new vscode.ThemeColor(ICON_COLORS[parts.iconColor]) : undefined,
    );
  if (parts.tooltip !== undefined) item.tooltip = new vscode.MarkdownString(parts.tooltip);
  // Drift decorations (badge, colour) come from DriftDecorations, keyed by this URI.
  if (node.kind === 'group') item.resourceUri = groupDriftUri(node.host, node.id);
  else if (node.kind === 'member') item.resourceUri = memberDriftUri(node.host, node.groupId, node.id);
  if (node.kind === 'loadMore') {
    item.command = { command: LOAD_MORE_COMMAND, title: 'Load More', arguments: [node] };
  } else if (node.kind === 'error' && node.action) {
    item.command = { command: node.action.command, title: node.action.title, arguments: [...(node.action.args ?? [])] };
  }
  return item;
}
