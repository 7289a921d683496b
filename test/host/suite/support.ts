// Helpers for extension-host suites: find this extension, activate it, wait for conditions.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { delay, withTimeout } from '../../support/timing';

export const extensionId = 'dbx-scim.databricks-scim-explorer';

/** The checkout this suite was compiled from (out/test/host/suite → repo root). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

/** T: the type of what activate() returns, for suites that use the extension's exports. */
export function getExtension<T = unknown>(): vscode.Extension<T> {
  const extension = vscode.extensions.getExtension<T>(extensionId);
  assert.ok(extension, `extension ${extensionId} is not loaded`);
  return extension;
}

/** Activates the extension (a no-op if it already is) and returns it once isActive. */
export async function activateExtension<T = unknown>(timeoutMs = 15_000): Promise<vscode.Extension<T>> {
  const extension = getExtension<T>();
  await withTimeout(
    Promise.resolve(extension.activate()),
    timeoutMs,
    `${extensionId} did not activate within ${timeoutMs} ms`,
  );
  assert.equal(extension.isActive, true);
  return extension;
}

/** Polls until `condition` returns a value other than undefined/false; fails with `message` at the deadline. */
export async function waitFor<T>(
  condition: () => T | undefined | false | Promise<T | undefined | false>,
  message: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${message}`);
    await delay(100);
  }
}

/** The commands the extension contributes in package.json. */
export function contributedCommands(extension: vscode.Extension<unknown>): string[] {
  const contributes = (extension.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes;
  return (contributes?.commands ?? []).map((c) => c.command);
}
