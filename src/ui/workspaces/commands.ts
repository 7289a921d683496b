// STUB — replaced by the workspaces work (addWorkspace, removeWorkspace, tokens, sign-in, status bar).
import * as vscode from 'vscode';
import type { ActionDeps } from '../commands/runAction';
import { registerAction } from '../commands/runAction';
import type { PatStore } from '../secrets/patStore';
import type { ExplorerView } from '../tree/explorerView';
import type { Connections } from './types';

export interface WorkspaceCommandDeps extends ActionDeps {
  connections: Connections;
  pats: PatStore;
  explorer: ExplorerView;
}

export function registerWorkspaceCommands(context: vscode.ExtensionContext, deps: WorkspaceCommandDeps): void {
  const hasWorkspaces = deps.connections.list().length > 0;
  void vscode.commands.executeCommand('setContext', 'dbxScim.hasWorkspaces', hasWorkspaces);
  context.subscriptions.push(
    registerAction('dbxScim.addWorkspace', async () => {
      await vscode.window.showInformationMessage('Adding workspaces arrives with the Explorer.');
    }, deps),
    registerAction('dbxScim.refresh', async () => deps.explorer.refresh(), deps),
  );
}
