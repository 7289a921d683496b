// Workspace set-up for the suites that need a connected emulator: it is added the way a user's
// script would add it (dbxScim.addWorkspace with programmatic arguments), with the user's yes to
// the new host given through the test hooks, the only way a test can consent.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestHooks } from '../../../src/ui/dev/testHooks';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator';
import { activateExtension, waitFor } from './support';

interface WorkspaceSetting {
  name: string;
  host: string;
  auth: string;
}

/** The user-settings list, the only one the extension reads. */
export function userWorkspaces(): WorkspaceSetting[] {
  return vscode.workspace.getConfiguration('dbxScim').inspect<WorkspaceSetting[]>('workspaces')?.globalValue ?? [];
}

async function hooks(): Promise<TestHooks> {
  const exported = (await activateExtension<TestHooks | undefined>()).exports;
  assert.ok(exported, 'activate() returned the test hooks (DBX_SCIM_TEST_HOOKS=1)');
  return exported;
}

/** Runs `action` with `answers` queued for its consent questions; none may be left over. */
export async function withConsent<T>(answers: Array<boolean | string>, action: () => PromiseLike<T>): Promise<T> {
  const { consent } = await hooks();
  consent.clear();
  consent.queue(...answers);
  try {
    return await action();
  } finally {
    const left = consent.pending();
    consent.clear();
    assert.equal(left, 0, `${left} consent answer(s) were not asked for`);
  }
}

export async function addEmulatorWorkspace(emu: Emulator, name: string): Promise<void> {
  const known = userWorkspaces().some((w) => w.host === emu.url);
  await withConsent(known ? [] : [true], () =>
    vscode.commands.executeCommand('dbxScim.addWorkspace', { host: emu.url, token: emu.adminToken, name }),
  );
  await waitFor(() => userWorkspaces().some((w) => w.host === emu.url), `workspace ${emu.url} configured`);
}

export async function removeEmulatorWorkspace(emu: Emulator): Promise<void> {
  try {
    await vscode.commands.executeCommand('dbxScim.removeWorkspace', { host: emu.url });
  } catch {
    // Falls through to the setting below.
  }
  const list = userWorkspaces();
  if (list.some((w) => w.host === emu.url)) {
    await vscode.workspace.getConfiguration('dbxScim').update(
      'workspaces',
      list.filter((w) => w.host !== emu.url),
      vscode.ConfigurationTarget.Global,
    );
  }
}

/** An emulator (the demo data set unless told), seeded, then added as the workspace `name`. */
export async function startEmulatorWorkspace(
  name: string,
  opts: EmulatorOptions = { dataset: 'demo' },
  seed?: (emu: Emulator) => void,
): Promise<Emulator> {
  const emu = await startEmulator(opts);
  seed?.(emu);
  await addEmulatorWorkspace(emu, name);
  return emu;
}

/** Undoes startEmulatorWorkspace: the workspace removed, the emulator closed. */
export async function closeEmulatorWorkspace(emu: Emulator): Promise<void> {
  await removeEmulatorWorkspace(emu);
  await emu.close();
}
