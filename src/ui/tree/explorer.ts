// STUB — replaced by the explorer work (provider, loaders, renderer).
import * as vscode from 'vscode';
import type { Connections } from '../workspaces/types';
import type { ExplorerView } from './explorerView';

export function registerExplorer(context: vscode.ExtensionContext, _deps: { connections: Connections; log: vscode.LogOutputChannel }): ExplorerView {
  const empty: vscode.TreeDataProvider<never> = { getTreeItem: (n) => n, getChildren: () => [] };
  context.subscriptions.push(vscode.window.createTreeView('dbxScim.explorer', { treeDataProvider: empty }));
  return { refresh: () => undefined, refreshWorkspace: () => undefined, reveal: async () => undefined, children: async () => [], setBusy: () => undefined };
}
