// STUB — replaced by the actions work (members, groups, entitlements, search, copy id, open).
import type * as vscode from 'vscode';
import type { ActionDeps } from './runAction';
import type { ExplorerView } from '../tree/explorerView';
import type { Connections } from '../workspaces/types';

export interface PrincipalCommandDeps extends ActionDeps {
  connections: Connections;
  explorer: ExplorerView;
}

export function registerPrincipalCommands(_context: vscode.ExtensionContext, _deps: PrincipalCommandDeps): void {}
