// Workspace set-up for the actions suite: the emulator is added the way a user's script would add
// it (dbxScim.addWorkspace with programmatic arguments); while that command was still being built
// the setting + dbxScim.setToken path below stood in, and it still does if addWorkspace is absent.
import * as vscode from 'vscode';
import type { Emulator } from '../../emulator';
import { waitFor } from './support';

interface WorkspaceSetting {
  name: string;
  host: string;
  auth: string;
}

function configuredHosts(): string[] {
  const list = vscode.workspace.getConfiguration('dbxScim').get<WorkspaceSetting[]>('workspaces') ?? [];
  return list.map((w) => w.host);
}

export async function addEmulatorWorkspace(emu: Emulator, name: string): Promise<void> {
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes('dbxScim.addWorkspace')) {
    await vscode.commands.executeCommand('dbxScim.addWorkspace', { host: emu.url, token: emu.adminToken, name });
  }
  if (!configuredHosts().includes(emu.url)) {
    const list = vscode.workspace.getConfiguration('dbxScim').get<WorkspaceSetting[]>('workspaces') ?? [];
    await vscode.workspace.getConfiguration('dbxScim').update('workspaces', [...list, { name, host: emu.url, auth: 'pat' }], vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('dbxScim.setToken', { host: emu.url, token: emu.adminToken });
  }
  await waitFor(() => configuredHosts().includes(emu.url), `workspace ${emu.url} configured`);
}

export async function removeEmulatorWorkspace(emu: Emulator): Promise<void> {
  try {
    await vscode.commands.executeCommand('dbxScim.removeWorkspace', { host: emu.url, confirm: true });
  } catch {
    // Falls through to the setting below.
  }
  const list = vscode.workspace.getConfiguration('dbxScim').get<WorkspaceSetting[]>('workspaces') ?? [];
  if (list.some((w) => w.host === emu.url)) {
    await vscode.workspace.getConfiguration('dbxScim').update('workspaces', list.filter((w) => w.host !== emu.url), vscode.ConfigurationTarget.Global);
  }
}
