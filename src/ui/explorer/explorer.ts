// Wires the explorer: provider + TreeView + the tree's own commands (Refresh, "Load more…"), and
// reloads a workspace when its connection changes. See README.md in this folder for the node scheme.
import * as vscode from 'vscode';
import type { Redactor } from '../../core/http/redact';
import { normalizeHost } from '../../core/workspaces/host';
import { busyWhile, isApiArgument, registerAction } from '../common/action';
import { ACCOUNT_SIGN_IN_COMMAND } from './childLoader';
import { isExplorerNode, stringField } from './commandContext';
import type { Connections } from '../common/connection';
import type { DriftLens } from './driftLens';
import type { ExplorerView } from './explorerView';
import type { ExplorerNode, PrincipalNode } from './nodes';
import { ExplorerProvider } from './provider';
import { LOAD_MORE_COMMAND } from './renderer';

export interface ExplorerDeps {
  connections: Connections;
  log: vscode.LogOutputChannel;
  redactor: Redactor;
  /** Drift of the last Entra comparisons; absent = no drift shown. */
  drift?: DriftLens;
}

export function registerExplorer(context: vscode.ExtensionContext, deps: ExplorerDeps): ExplorerView {
  const provider = new ExplorerProvider(deps.connections, deps.redactor, deps.drift);
  const actionDeps = { log: deps.log, redactor: deps.redactor, busy: provider };
  const view = vscode.window.createTreeView('dbxScim.explorer', { treeDataProvider: provider, showCollapseAll: true });
  const reveal = async (
    node: ExplorerNode,
    options?: { select?: boolean; focus?: boolean; expand?: boolean | number },
  ): Promise<void> => {
    // A principal built by a command (e.g. from search results) may not be on a loaded page yet:
    // locating it under its folder adds it, so VS Code can find it through getChildren.
    const target = isFolderPrincipal(node)
      ? await provider.locatePrincipal(node.host, node.kind, node.id)
      : provider.canonical(node);
    await view.reveal(target, options ?? { select: true, focus: true });
  };
  context.subscriptions.push(
    provider,
    view,
    registerAction(
      'dbxScim.refresh',
      async (node?: unknown) => provider.refresh(isExplorerNode(node) ? node : undefined),
      actionDeps,
    ),
    registerAction(
      LOAD_MORE_COMMAND,
      async (node?: unknown) => {
        if (isExplorerNode(node) && node.kind === 'loadMore') await busyWhile(() => provider.loadMore(node));
      },
      actionDeps,
      { busyLabel: 'Loading…' },
    ),
    registerAction(
      ACCOUNT_SIGN_IN_COMMAND,
      async (arg?: unknown) => {
        const node = isExplorerNode(arg) ? provider.canonical(arg) : undefined;
        const host = node?.host ?? (isApiArgument(arg) ? stringField(arg, 'host') : undefined);
        const account = deps.connections.account?.bind(deps.connections);
        if (!host || !account) throw new Error('Sign in from an account row of the explorer.');
        // Asks what the account needs (its id, a host to confirm); the first request signs in with Microsoft.
        const { client } = await busyWhile(() => account(hostKey(host), { interactive: true }));
        await busyWhile(() => client.listPage('user', { count: 1 }));
        if (node) provider.refresh(node);
        void provider.discoverAccounts();
      },
      actionDeps,
      { busyLabel: 'Signing in…', rethrow: 'api' },
    ),
    deps.connections.onDidChange((host) => (host ? provider.refreshWorkspace(host) : provider.refresh())),
  );
  const expiryEvents = deps.connections.onDidChangeTokenExpiry?.((host) => provider.tokenExpiryChanged(hostKey(host)));
  if (expiryEvents) context.subscriptions.push(expiryEvents);
  return {
    refresh: (node) => provider.refresh(node),
    refreshWorkspace: (host) => provider.refreshWorkspace(hostKey(host)),
    reveal,
    children: (node) => provider.getChildren(node && provider.canonical(node)),
    setBusy: (node, label) => provider.setBusy(node, label),
    invalidate: (host, changed) => provider.invalidate(hostKey(host), changed),
    treeItem: (node) => provider.getTreeItem(provider.canonical(node)),
    revealPrincipal: async (host, kind, id, options) => {
      const node = await provider.locatePrincipal(hostKey(host), kind, id);
      await reveal(node, options);
      return node;
    },
  };
}

/** Workspace nodes carry normalized hosts; callers may pass the host as typed. */
function hostKey(host: string): string {
  try {
    return normalizeHost(host);
  } catch {
    return host;
  }
}

function isFolderPrincipal(node: ExplorerNode): node is PrincipalNode {
  return (
    (node.kind === 'user' || node.kind === 'group' || node.kind === 'servicePrincipal') &&
    node.parent?.kind === 'folder'
  );
}
