// Wires the drift UI: store → tree lens, decorations, Problems entries, reports, the
// commands and the schedule. extension.ts calls createDriftStore before the explorer (the tree
// reads the store) and registerDrift after it (reconcile refreshes the tree).
import * as vscode from 'vscode';
import type { Redactor } from '../../core/http/redact';
import type { SessionGetter } from '../common/auth/tokenSource';
import { vscodeSessionGetter } from '../common/auth/vscodeSessions';
import type { ExplorerView } from '../explorer/explorerView';
import type { Connections } from '../common/connection';
import { registerDriftCommands } from './commands';
import { DriftDecorations } from './decorations';
import { DriftService } from './driftService';
import { DriftStore } from './driftStore';
import { DriftProblems } from './problems';
import { DriftReports } from './reports';
import { DriftSchedule } from './schedule';

export { driftLensOf } from './lens';
export { DriftStore } from './driftStore';

export interface DriftDeps {
  connections: Connections;
  explorer: ExplorerView;
  log: vscode.LogOutputChannel;
  redactor: Redactor;
  store: DriftStore;
  getSession?: SessionGetter;
}

/** What host tests read (through the test hooks only). */
export interface DriftParts {
  service: DriftService;
  store: DriftStore;
  decorations: DriftDecorations;
  problems: DriftProblems;
  reports: DriftReports;
}

export function createDriftStore(context: vscode.ExtensionContext): DriftStore {
  const store = new DriftStore();
  context.subscriptions.push(store);
  return store;
}

export function registerDrift(context: vscode.ExtensionContext, deps: DriftDeps): DriftParts {
  const { store } = deps;
  const service = new DriftService({
    connections: deps.connections,
    store,
    log: deps.log,
    redactor: deps.redactor,
    getSession: deps.getSession ?? vscodeSessionGetter,
  });
  const decorations = new DriftDecorations(store);
  const reports = new DriftReports(store);
  const problems = new DriftProblems(store, reports);
  context.subscriptions.push(
    decorations,
    vscode.window.registerFileDecorationProvider(decorations),
    reports,
    problems,
    new DriftSchedule(service, deps.connections, deps.log),
    ...registerDriftCommands({
      connections: deps.connections,
      explorer: deps.explorer,
      log: deps.log,
      redactor: deps.redactor,
      busy: deps.explorer,
      service,
      reports,
    }),
    // A removed workspace's drift must not linger in the tree or the Problems panel.
    deps.connections.onDidChange((host) => {
      for (const h of store.hosts())
        if ((host === undefined || host === h) && !deps.connections.find(h)) store.clearHost(h);
    }),
  );
  return { service, store, decorations, problems, reports };
}
