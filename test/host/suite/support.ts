// Helpers for extension-host suites: find this extension, activate it, wait for conditions.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const extensionId = 'dbx-scim.databricks-scim-explorer';

/** The checkout this suite was compiled from (out/test/host/suite → repo root). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

export function getExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `extension ${extensionId} is not loaded`);
  return extension;
}

/** Activates the extension (a no-op if it already is) and returns it once isActive. */
export async function activateExtension(timeoutMs = 15_000): Promise<vscode.Extension<unknown>> {
  const extension = getExtension();
  await withTimeout(Promise.resolve(extension.activate()), timeoutMs, `${extensionId} did not activate within ${timeoutMs} ms`);
  assert.equal(extension.isActive, true);
  return extension;
}

/** Polls until `condition` returns a value other than undefined/false; fails with `message` at the deadline. */
export async function waitFor<T>(condition: () => T | undefined | false | Promise<T | undefined | false>, message: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** The commands the extension contributes in package.json. */
export function contributedCommands(extension: vscode.Extension<unknown>): string[] {
  const contributes = (extension.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes;
  return (contributes?.commands ?? []).map((c) => c.command);
}
