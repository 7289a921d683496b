// Composition root: builds the objects and registers them; no logic lives here.
import * as vscode from 'vscode';
import { Redactor } from './core/http/redact';
import { registerPrincipalCommands } from './ui/principals/commands';
import { registerAccessCommands } from './ui/access/commands';
import { createDriftStore, driftLensOf, registerDrift } from './ui/drift';
import { createLog } from './ui/common/log';
import { PatStore } from './ui/workspaces/patStore';
import { attachDevTools, type TestHooks } from './ui/dev';
import { registerExplorer } from './ui/explorer/explorer';
import { ConnectionManager } from './ui/workspaces/connectionManager';
import { registerWorkspaceCommands } from './ui/workspaces/commands';
import { EntraHosts } from './ui/workspaces/entraHosts';

export function activate(context: vscode.ExtensionContext): TestHooks | undefined {
  const redactor = new Redactor();
  const log = createLog(context, redactor);
  const pats = new PatStore(context.secrets);
  const entraHosts = new EntraHosts(context.globalState);
  const connections = new ConnectionManager({ context, pats, log, redactor, entraHosts });
  const driftStore = createDriftStore(context);
  const explorer = registerExplorer(context, { connections, log, redactor, drift: driftLensOf(driftStore) });
  const deps = { log, redactor, busy: explorer };
  registerWorkspaceCommands(context, { ...deps, connections, pats, explorer, entraHosts });
  registerPrincipalCommands(context, { ...deps, connections, explorer });
  registerAccessCommands(context, { ...deps, connections, explorer });
  const drift = registerDrift(context, { connections, explorer, log, redactor, store: driftStore });
  return attachDevTools(context, { pats, explorer, drift, log, connections });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
