// Registers the workspace and token commands, the status bar and the expiry watcher, and keeps the
// `dbxScim.hasWorkspaces` context (which switches the welcome view) in sync with the settings.
import * as vscode from 'vscode';
import type { ActionDeps } from '../common/action';
import { registerAction } from '../common/action';
import { UserCancelled } from '../common/errors';
import type { PatStore } from './patStore';
import type { ExplorerView } from '../explorer/explorerView';
import { vscodeSessionGetter } from '../common/auth/vscodeSessions';
import { confirmed } from '../common/consent';
import { addWorkspace } from './addWorkspaceFlow';
import { ADD_FROM_AZURE_COMMAND, addWorkspacesFromAzure } from './azureDiscovery';
import type { ConnectionManager } from './connectionManager';
import type { EntraHosts } from './entraHosts';
import { registerExpiryWatcher } from './expiryWatcher';
import { deleteWorkspace } from '../common/settings';
import { registerStatusBar } from './statusBar';
import { clearToken, rotateWorkspaceToken, setToken, signIn, type TokenCommandDeps } from './tokenCommands';
import { resolveCommandContext } from '../explorer/commandContext';

export interface WorkspaceCommandDeps extends ActionDeps {
  connections: ConnectionManager;
  pats: PatStore;
  explorer: ExplorerView;
  entraHosts: EntraHosts;
}

export function registerWorkspaceCommands(context: vscode.ExtensionContext, deps: WorkspaceCommandDeps): void {
  const { connections, pats, explorer } = deps;
  const syncContext = (): Thenable<unknown> =>
    vscode.commands.executeCommand('setContext', 'dbxScim.hasWorkspaces', connections.list().length > 0);
  void syncContext();
  const tokenDeps: TokenCommandDeps = {
    connections,
    pats,
    getSession: vscodeSessionGetter,
    entraHosts: deps.entraHosts,
  };

  const signInTo = async (host: string): Promise<void> => void (await signIn({ host }, tokenDeps));
  // Adding or removing workspaces changes what the welcome view and the tree show: both follow.
  const changingWorkspaces = <R>(id: string, change: (arg?: unknown) => Promise<R>): vscode.Disposable =>
    registerAction(
      id,
      async (arg?: unknown) => {
        const result = await change(arg);
        await syncContext();
        explorer.refresh();
        return result;
      },
      deps,
      { rethrow: 'api' },
    );

  context.subscriptions.push(
    connections.onDidChange((host) => {
      if (host === undefined) void syncContext();
    }),
    changingWorkspaces('dbxScim.addWorkspace', (arg) =>
      addWorkspace(arg, { connections, pats, log: deps.log, signIn: signInTo }),
    ),
    changingWorkspaces(ADD_FROM_AZURE_COMMAND, (arg) =>
      addWorkspacesFromAzure(arg, { ...deps, getSession: vscodeSessionGetter, signIn: signInTo }),
    ),
    changingWorkspaces('dbxScim.removeWorkspace', async (arg) => {
      const { workspace, interactive } = await resolveCommandContext(arg, connections);
      if (interactive) {
        const ok = await confirmed(
          `Remove ${workspace.name} (${workspace.host}) from the explorer?`,
          { detail: 'Its stored token is deleted too; nothing changes in Databricks.' },
          'Remove',
        );
        if (!ok) throw new UserCancelled();
      }
      await pats.delete(workspace.host);
      await deleteWorkspace(workspace.host);
      connections.invalidate(workspace.host);
      return { host: workspace.host, removed: true };
    }),
    registerAction('dbxScim.setToken', (arg?: unknown) => setToken(arg, tokenDeps), deps, {
      busyLabel: 'Checking token…',
      rethrow: 'api',
    }),
    registerAction('dbxScim.clearToken', (arg?: unknown) => clearToken(arg, tokenDeps), deps, { rethrow: 'api' }),
    registerAction('dbxScim.rotateToken', (arg?: unknown) => rotateWorkspaceToken(arg, tokenDeps), deps, {
      busyLabel: 'Rotating token…',
      rethrow: 'api',
    }),
    registerAction('dbxScim.signIn', (arg?: unknown) => signIn(arg, tokenDeps), deps, { rethrow: 'api' }),
  );
  registerStatusBar(context, connections);
  registerExpiryWatcher(context, connections);
}
