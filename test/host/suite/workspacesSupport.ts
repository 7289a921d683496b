// Shared by the workspace and token host suites: the extension's test hooks, reading back what the
// extension persisted (settings, globalState, log files), and a fresh emulator per test.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestHooks } from '../../../src/ui/dev/testHooks';
import type { WorkspaceConfig } from '../../../src/ui/common/connection';
import { startEmulator, type Emulator } from '../../emulator';
import { activateExtension } from './support';

export async function testHooks(): Promise<TestHooks> {
  const extension = await activateExtension();
  const hooks = extension.exports as TestHooks | undefined;
  assert.ok(hooks, 'activate() returned no test hooks: is DBX_SCIM_TEST_HOOKS=1 set for the extension host?');
  return hooks;
}

/** The user-settings list: the only one the extension reads. */
export function configuredWorkspaces(): WorkspaceConfig[] {
  return vscode.workspace.getConfiguration('dbxScim').inspect<WorkspaceConfig[]>('workspaces')?.globalValue ?? [];
}

/** Every settings scope of the whole configuration, as JSON. */
export function allSettingsJson(): string {
  const config = vscode.workspace.getConfiguration();
  return JSON.stringify([
    config,
    config.inspect('dbxScim'),
    vscode.workspace.getConfiguration('dbxScim').inspect('workspaces'),
  ]);
}

/** The text of every file below `dir` (the extension host's log folder). */
export function readAllFiles(dir: string): string {
  if (!fs.existsSync(dir)) return '';
  let out = '';
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    out += entry.isDirectory() ? readAllFiles(full) : `\n--- ${full}\n${fs.readFileSync(full, 'utf8')}`;
  }
  return out;
}

/** The extension host's log folder: our LogOutputChannel's file lives below it (next to context.logUri). */
export function extensionHostLogDir(hooks: TestHooks): string {
  return path.dirname(hooks.logUri.fsPath);
}

/** What emulatorPerTest() hands over before each test. */
export interface EmulatorPerTest {
  /** The extension's test hooks. */
  readonly hooks: TestHooks;
  /** This test's own emulator (demo dataset). */
  readonly emu: Emulator;
}

/**
 * Registers, in the calling describe(), the setup the workspace and token suites share: the
 * extension's test hooks once, a fresh demo emulator for each test (handed to `use` before the
 * test), and after each test the removal of any workspace added for that emulator before the
 * emulator closes.
 */
export function emulatorPerTest(use: (current: EmulatorPerTest) => void): void {
  let hooks: TestHooks;
  let emu: Emulator | undefined;
  before(async () => {
    hooks = await testHooks();
  });
  beforeEach(async () => {
    emu = await startEmulator({ dataset: 'demo' });
    use({ hooks, emu });
  });
  afterEach(async () => {
    const done = emu;
    emu = undefined;
    if (done === undefined) return;
    if (configuredWorkspaces().some((w) => w.host === done.url)) {
      await vscode.commands.executeCommand('dbxScim.removeWorkspace', { host: done.url });
    }
    await done.close();
  });
}
