// Composition root: builds the objects and registers them; no logic lives here.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const hasWorkspaces = (vscode.workspace.getConfiguration('dbxScim').get<unknown[]>('workspaces') ?? []).length > 0;
  void vscode.commands.executeCommand('setContext', 'dbxScim.hasWorkspaces', hasWorkspaces);
  const empty: vscode.TreeDataProvider<never> = { getTreeItem: (n) => n, getChildren: () => [] };
  context.subscriptions.push(
    vscode.window.createTreeView('dbxScim.explorer', { treeDataProvider: empty }),
    vscode.commands.registerCommand('dbxScim.addWorkspace', () =>
      vscode.window.showInformationMessage('Adding workspaces arrives with the Explorer.'),
    ),
    vscode.commands.registerCommand('dbxScim.refresh', () => undefined),
  );
}

export function deactivate(): void {
  // Nothing to release: everything is in context.subscriptions.
}
