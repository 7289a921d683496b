// Set-up for the account-group suite: both workspaces of one emulator added the way a user's script
// would (dbxScim.addWorkspace with programmatic arguments, the new host's yes through the test
// hooks), the account host pointed at the emulator in user settings, and all of it undone after.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerView } from '../../../src/ui/explorer/explorerView';
import type { Emulator } from '../../emulator';
import { userWorkspaces, withConsent } from './actionsSupport';
import { waitFor } from './support';

export async function setUserSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('dbxScim').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Every workspace of `emu` connected with the admin's PAT, and the account host set to the emulator's. */
export async function connectAccountEmulator(emu: Emulator, name: string): Promise<void> {
  await setUserSetting('account.host', emu.account.url);
  for (const [i, ws] of emu.workspaces.entries()) {
    const known = userWorkspaces().some((w) => w.host === ws.url);
    await withConsent(known ? [] : [true], () =>
      vscode.commands.executeCommand('dbxScim.addWorkspace', {
        host: ws.url,
        token: emu.adminToken,
        name: `${name}-${i + 1}`,
      }),
    );
    await waitFor(() => userWorkspaces().some((w) => w.host === ws.url), `workspace ${ws.url} configured`);
  }
}

export async function disconnectAccountEmulator(emu: Emulator): Promise<void> {
  const hosts = new Set(emu.workspaces.map((w) => w.url));
  for (const host of hosts) {
    try {
      await vscode.commands.executeCommand('dbxScim.removeWorkspace', { host });
    } catch {
      // Falls through to the setting below.
    }
  }
  const left = userWorkspaces().filter((w) => !hosts.has(w.host));
  if (left.length !== userWorkspaces().length) await setUserSetting('workspaces', left);
  await setUserSetting('account.host', undefined);
}

/** userNames / applicationIds / names of the members the tree shows under a group. */
export async function shownMembers(explorer: ExplorerView, host: string, groupId: string): Promise<string[]> {
  const group = await explorer.revealPrincipal(host, 'group', groupId, { select: false, focus: false });
  return (await explorer.children(group)).flatMap((n) => (n.kind === 'member' ? [n.detail ?? n.display] : []));
}

/** The emulator's id of a user (userName) or service principal (applicationId). */
export function idOf(emu: Emulator, name: string): string {
  const rec = name.includes('@') ? emu.state.findUser(name) : emu.state.findServicePrincipal(name);
  assert.ok(rec, `${name} exists in the emulator`);
  return rec.id;
}
