// Warns once per session per workspace when its PAT expires within dbxScim.tokens.expiryWarningDays,
// with "Rotate Token…" one click away.
import * as vscode from 'vscode';
import type { ConnectionManager } from './connectionManager';
import { readExpiryWarningDays } from '../common/settings';
import { workspaceNode } from '../explorer/loaders';
import { expiryWarning } from './tokenExpiry';

export function registerExpiryWatcher(context: vscode.ExtensionContext, connections: ConnectionManager): void {
  const warned = new Set<string>();
  context.subscriptions.push(
    connections.onDidChangeTokenExpiry((host) => {
      const ws = connections.find(host);
      if (!ws || warned.has(host)) return;
      const message = expiryWarning(ws.name, connections.tokenExpiry(host), readExpiryWarningDays());
      if (!message) return;
      warned.add(host);
      void vscode.window.showWarningMessage(message, 'Rotate Token…').then((picked) => {
        // The click is the person's go-ahead, as a menu click is: the command gets the workspace's
        // row, so it asks for the lifetime only (an argument object would be asked "Rotate?" again).
        // The command wrapper shows any failure itself; the rejection it also returns is not needed here.
        if (picked)
          vscode.commands.executeCommand('dbxScim.rotateToken', workspaceNode(ws)).then(undefined, () => undefined);
      });
    }),
  );
}
