// How every command reads its argument. A command is started three ways: from a row (context
// menu, inline button: the row's node), from the palette (nothing: ask which workspace), or by
// another extension or a test (an argument object `{ host, … }`: no prompts unless it says
// `interactive: true`). This file turns all three into one `CommandContext`.
import * as vscode from 'vscode';
import { isApiArgument } from '../common/action';
import type { Connections, WorkspaceConfig } from '../common/connection';
import { UserCancelled } from '../common/errors';
import { workspaceOf, type ExplorerNode } from './nodes';

export interface CommandContext {
  workspace: WorkspaceConfig;
  /** Normalized host of `workspace`. */
  host: string;
  /** The row the command was started on. */
  node?: ExplorerNode;
  /** The argument object of a call from another extension or a test. */
  args?: Record<string, unknown>;
  /** A person started it (row or palette), so prompts and confirmations may be shown. */
  interactive: boolean;
}

export function isExplorerNode(value: unknown): value is ExplorerNode {
  return (
    typeof value === 'object' &&
    value !== null &&
    'kind' in value &&
    'key' in value &&
    'host' in value &&
    'parent' in value
  );
}

export async function resolveCommandContext(arg: unknown, connections: Connections): Promise<CommandContext> {
  if (isExplorerNode(arg)) {
    const workspace = configured(connections, workspaceOf(arg)?.host ?? arg.host);
    return { workspace, host: workspace.host, node: arg, interactive: true };
  }
  if (isApiArgument(arg)) {
    const workspace = configured(connections, stringField(arg, 'host'));
    return { workspace, host: workspace.host, args: arg, interactive: arg['interactive'] === true };
  }
  const workspace = await pickWorkspace(connections);
  return { workspace, host: workspace.host, interactive: true };
}

/** A required, non-empty string field of an argument object. */
export function stringField(args: Record<string, unknown>, field: string): string {
  const value = args[field];
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`"${field}" must be a non-empty string.`);
  return value.trim();
}

/** An optional string field: absent or blank is undefined. */
export function optionalString(args: Record<string, unknown> | undefined, field: string): string | undefined {
  const value = args?.[field];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function stringArrayField(args: Record<string, unknown>, field: string): string[] {
  const value = args[field];
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string'))
    throw new Error(`"${field}" must be an array of strings.`);
  return value.map((v) => v.trim()).filter(Boolean);
}

function configured(connections: Connections, host: string): WorkspaceConfig {
  const ws = connections.find(host);
  if (!ws) throw new Error(`No workspace ${host} is configured. Add it with "Databricks SCIM: Add Workspace…".`);
  return ws;
}

async function pickWorkspace(connections: Connections): Promise<WorkspaceConfig> {
  const all = connections.list();
  const only = all[0];
  if (!only)
    throw new Error('No Databricks workspace is configured yet. Add one with "Databricks SCIM: Add Workspace…".');
  if (all.length === 1) return only;
  const picked = await vscode.window.showQuickPick(
    all.map((w) => ({ label: w.name, description: w.host, ws: w })),
    { title: 'Databricks workspace', placeHolder: 'Choose a workspace' },
  );
  if (!picked) throw new UserCancelled();
  return picked.ws;
}
