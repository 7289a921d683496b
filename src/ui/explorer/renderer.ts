// The only place that builds TreeItem, ThemeIcon and MarkdownString. The strings
// come from presentation.ts; this file adds what only VS Code objects can say: collapsibility,
// the click command, the busy spinner.
import * as vscode from 'vscode';
import { groupDriftUri, memberDriftUri } from './driftUris';
import type { ExplorerNode } from './nodes';
import { contextValueOf, descriptionOf, iconIdOf, labelOf, tooltipMarkdown } from './presentation';

export const LOAD_MORE_COMMAND = 'dbxScim.loadMore';

/** Whether a node has children, and whether they are shown without a click. */
export function collapsibleStateOf(node: ExplorerNode): vscode.TreeItemCollapsibleState {
  switch (node.kind) {
    case 'workspace':
      return vscode.TreeItemCollapsibleState.Expanded;
    case 'folder':
    case 'user':
    case 'group':
    case 'servicePrincipal':
      return vscode.TreeItemCollapsibleState.Collapsed;
    case 'member':
      return node.memberKind === 'group'
        ? vscode.TreeItemCollapsibleState.Collapsed
        : vscode.TreeItemCollapsibleState.None;
    case 'missingMember':
    case 'entitlement':
    case 'loadMore':
    case 'error':
    case 'empty':
      return vscode.TreeItemCollapsibleState.None;
  }
}

/**
 * The TreeItem for a node, tooltip included: a row without one shows its decoration URI (an
 * internal path) whenever the lazy tooltip cannot be resolved, so it is never left to chance.
 */
export function renderNode(node: ExplorerNode, busyLabel?: string): vscode.TreeItem {
  const item = new vscode.TreeItem(labelOf(node), collapsibleStateOf(node));
  item.id = node.key;
  item.contextValue = contextValueOf(node, busyLabel !== undefined);
  const description = busyLabel ?? descriptionOf(node);
  if (description !== undefined) item.description = description;
  const icon = busyLabel !== undefined ? 'loading~spin' : iconIdOf(node);
  if (icon) item.iconPath = new vscode.ThemeIcon(icon, iconColor(node));
  const tooltip = renderTooltip(node);
  if (tooltip) item.tooltip = tooltip;
  // Drift decorations (badge, colour) come from DriftDecorations, keyed by this URI.
  if (node.kind === 'group') item.resourceUri = groupDriftUri(node.host, node.id);
  else if (node.kind === 'member') item.resourceUri = memberDriftUri(node.host, node.groupId, node.id);
  if (node.kind === 'loadMore') {
    item.command = { command: LOAD_MORE_COMMAND, title: 'Load More', arguments: [node] };
  } else if (node.kind === 'error' && node.action) {
    item.command = { command: node.action.command, title: node.action.title, arguments: node.action.args ?? [] };
  }
  return item;
}

export function renderTooltip(node: ExplorerNode): vscode.MarkdownString | undefined {
  const text = tooltipMarkdown(node);
  return text === undefined ? undefined : new vscode.MarkdownString(text);
}

function iconColor(node: ExplorerNode): vscode.ThemeColor | undefined {
  if (node.kind === 'error') return new vscode.ThemeColor('problemsWarningIcon.foreground');
  if ((node.kind === 'user' || node.kind === 'servicePrincipal' || node.kind === 'member') && node.active === false) {
    return new vscode.ThemeColor('disabledForeground');
  }
  return undefined;
}
