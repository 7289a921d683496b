// The argument forms the workspace commands accept: a tree node (from menus), a plain
// object with `host` (tests, other extensions: no prompts beyond a missing secret), or nothing (the
// palette: ask which workspace).
import * as vscode from 'vscode';
import { isExplorerNode, UserCancelled } from '../common/action';
import { workspaceOf } from '../explorer/nodes';
import type { Connections, WorkspaceConfig } from '../common/connection';

export interface HostArgs {
  host?: string;
  /** Ask for what is not given (lifetime, old token) even though called with an object. */
  interactive?: boolean;
}

export interface ResolvedTarget {
  workspace: WorkspaceConfig;
  /** Called from a menu or the palette, so confirmations and choices may be asked for. */
  interactive: boolean;
}

export function isObjectArg(arg: unknown): arg is Record<string, unknown> {
  return typeof arg === 'object' && arg !== null && !isExplorerNode(arg);
}

export async function resolveTarget(arg: unknown, connections: Connections): Promise<ResolvedTarget> {
  if (isExplorerNode(arg))
    return { workspace: configured(connections, workspaceOf(arg)?.host ?? arg.host), interactive: true };
  if (isObjectArg(arg)) {
    const host = arg['host'];
    if (typeof host !== 'string' || !host.trim())
      throw new Error('No workspace host was given (expected { host: "https://…" }).');
    return { workspace: configured(connections, host), interactive: arg['interactive'] === true };
  }
  return { workspace: await pickWorkspace(connections), interactive: true };
}

function configured(connections: Connections, host: string): WorkspaceConfig {
  const ws = connections.find(host);
  if (!ws) throw new Error(`No workspace ${host} is configured. Add it with "Databricks SCIM: Add Workspace…".`);
  return ws;
}

async function pickWorkspace(connections: Connections): Promise<WorkspaceConfig> {
  const all = connections.list();
  const only = all[0];
  if (!only) throw new Error('No workspace is configured. Add one with "Databricks SCIM: Add Workspace…".');
  if (all.length === 1) return only;
  const picked = await vscode.window.showQuickPick(
    all.map((w) => ({ label: w.name, description: w.host, ws: w })),
    { title: 'Databricks workspace', placeHolder: 'Choose a workspace' },
  );
  if (!picked) throw new UserCancelled();
  return picked.ws;
}
