// The status-bar item for connection state ("$(database) 2 workspaces", "$(warning) demo: token
// rejected"); a click focuses the explorer, where the error node offers the fix.
import * as vscode from 'vscode';
import type { ConnectionManager } from './connectionManager';
import { statusBarContent } from './connectionState';

export function registerStatusBar(context: vscode.ExtensionContext, connections: ConnectionManager): void {
  const item = vscode.window.createStatusBarItem('dbxScim.connection', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Databricks SCIM connection';
  item.command = 'dbxScim.explorer.focus';
  const update = (): void => {
    const content = statusBarContent(connections.list(), (host) => connections.state(host));
    if (!content) {
      item.hide();
      return;
    }
    item.text = content.text;
    item.tooltip = content.tooltip;
    item.backgroundColor = content.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  context.subscriptions.push(item, connections.onDidChange(update), connections.onDidChangeState(update));
  update();
}
