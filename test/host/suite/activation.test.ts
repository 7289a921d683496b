// Proves the basics in a real extension host: the development copy of this extension is the one
// loaded, it activates, its view and commands are registered, and we are in VS Code's Node host.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension, contributedCommands, extensionId, getExtension, repoRoot } from './support';

describe('extension activation', () => {
  it('runs inside a Node extension host of a real VS Code', () => {
    // A browser (web worker) host would have no process.versions.node and no fs.
    assert.match(process.versions.node, /^\d+\.\d+\.\d+$/);
    assert.equal(typeof fs.statSync, 'function');
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    assert.ok(vscode.env.appHost.length > 0, 'vscode.env.appHost is empty');
    process.stdout.write(
      `      host: VS Code ${vscode.version}, appHost=${vscode.env.appHost}, uiKind=${vscode.UIKind[vscode.env.uiKind]}, ` +
        `remoteName=${vscode.env.remoteName ?? '-'}, Node ${process.versions.node}\n`,
    );
  });

  it('loads the development copy of the extension', () => {
    const extension = getExtension();
    assert.equal(extension.id, extensionId);
    assert.equal(fs.realpathSync(extension.extensionPath), fs.realpathSync(repoRoot));
    // In code-server the host is a remote (server-side) one; in desktop VS Code it is local (UI).
    assert.equal(
      extension.extensionKind,
      vscode.env.remoteName !== undefined ? vscode.ExtensionKind.Workspace : vscode.ExtensionKind.UI,
    );
  });

  it('activates', async () => {
    const extension = await activateExtension();
    assert.equal(extension.isActive, true);
  });

  it('registers every contributed command', async () => {
    const extension = await activateExtension();
    const expected = contributedCommands(extension);
    assert.ok(
      expected.includes('dbxScim.addWorkspace') && expected.includes('dbxScim.refresh'),
      `contributed: ${expected.join(', ')}`,
    );
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      expected.filter((c) => !registered.has(c)),
      [],
      'contributed but not registered',
    );
  });

  it('contributes the dbxScim view container and the dbxScim.explorer view', async () => {
    // Both commands exist only if the container and view were registered from package.json.
    await vscode.commands.executeCommand('workbench.view.extension.dbxScim');
    await vscode.commands.executeCommand('dbxScim.explorer.focus');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(registered.has('dbxScim.explorer.focus'));
  });
});
