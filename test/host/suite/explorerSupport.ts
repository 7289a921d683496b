// Helpers for the explorer suite: reach the tree through the test hooks and walk it by label.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Emulator } from '../../emulator';
import type { ExplorerView } from '../../../src/ui/explorer/explorerView';
import type { ExplorerNode, FolderKind, FolderNode, WorkspaceNode } from '../../../src/ui/explorer/nodes';
import type { TestHooks } from '../../../src/ui/dev/testHooks';
import { normalizeHost } from '../../../src/core/workspaces/host';
import { activateExtension, waitFor } from './support';

export async function explorerHooks(): Promise<ExplorerView> {
  const extension = await activateExtension<TestHooks | undefined>();
  assert.ok(
    extension.exports,
    'activate() returned no test hooks: is DBX_SCIM_TEST_HOOKS=1 set for the extension host?',
  );
  return extension.exports.explorer;
}

/** The workspace node of the emulator, once the explorer lists it. */
export function workspaceNodeOf(explorer: ExplorerView, emu: Emulator): Promise<WorkspaceNode> {
  const host = normalizeHost(emu.url);
  return waitFor(
    async () => (await explorer.children()).find((n): n is WorkspaceNode => n.kind === 'workspace' && n.host === host),
    `workspace ${host} in the explorer`,
  );
}

export async function folderOf(explorer: ExplorerView, ws: WorkspaceNode, folder: FolderKind): Promise<FolderNode> {
  const found = (await explorer.children(ws)).find((n): n is FolderNode => n.kind === 'folder' && n.folder === folder);
  assert.ok(found, `folder ${folder} under ${ws.host}`);
  return found;
}

/** The child whose label-like field equals `name` (displayName, userName, display or value). */
export async function childNamed(explorer: ExplorerView, parent: ExplorerNode, name: string): Promise<ExplorerNode> {
  const children = await explorer.children(parent);
  const found = children.find((n) => nameOf(n) === name);
  assert.ok(found, `"${name}" under ${parent.key}; have: ${children.map(nameOf).join(', ')}`);
  return found;
}

export function nameOf(node: ExplorerNode): string {
  switch (node.kind) {
    case 'user':
      return node.userName;
    case 'group':
      return node.displayName;
    case 'servicePrincipal':
      return node.displayName ?? node.applicationId;
    case 'member':
      return node.display;
    case 'entitlement':
      return node.value;
    case 'workspace':
      return node.name;
    case 'folder':
      return node.folder;
    default:
      return node.kind;
  }
}

/** Adds a workspace entry to the settings without any credential (the "Set Token…" state). */
export async function addWorkspaceSettingOnly(name: string, host: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('dbxScim');
  const list = config.get<Array<{ name: string; host: string; auth: string }>>('workspaces') ?? [];
  await config.update('workspaces', [...list, { name, host, auth: 'pat' }], vscode.ConfigurationTarget.Global);
}

export async function removeWorkspaceSetting(host: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('dbxScim');
  const list = config.get<Array<{ name: string; host: string; auth: string }>>('workspaces') ?? [];
  await config.update(
    'workspaces',
    list.filter((w) => w.host !== host),
    vscode.ConfigurationTarget.Global,
  );
}
