// After a write, every row that shows what it changed shows the new state without a manual
// refresh: the group's members, the member's own groups, the principal's entitlements, the
// folder counts. Driven through the commands, read through the tree the provider gives VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Emulator } from '../../emulator';
import type { ExplorerView } from '../../../src/ui/explorer/explorerView';
import type { ExplorerNode } from '../../../src/ui/explorer/nodes';
import { closeEmulatorWorkspace, startEmulatorWorkspace } from './actionsSupport';
import { childNamed, explorerHooks, folderOf, nameOf, workspaceNodeOf } from './explorerSupport';
import { waitFor } from './support';

const GRACE = 'grace.liu@contoso.com';

describe('explorer: a write refreshes every row that shows what it changed', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let explorer: ExplorerView;

  before(async () => {
    explorer = await explorerHooks();
    emu = await startEmulatorWorkspace('fresh-rows');
  });

  after(() => closeEmulatorWorkspace(emu));

  const names = async (node: ExplorerNode): Promise<string[]> => (await explorer.children(node)).map(nameOf);

  it("adding a member shows it under the group and the group among the member's groups", async () => {
    const ws = await workspaceNodeOf(explorer, emu);
    const grace = await childNamed(explorer, await folderOf(explorer, ws, 'users'), GRACE);
    const contractors = await childNamed(explorer, await folderOf(explorer, ws, 'groups'), 'contractors');
    assert.ok(!(await names(grace)).includes('contractors'), 'not a member yet');
    assert.ok(!(await names(contractors)).includes('Grace Liu'), 'not a member yet');
    await vscode.commands.executeCommand('dbxScim.addMembers', {
      host: emu.url,
      group: 'contractors',
      principals: [GRACE],
    });
    await waitFor(async () => (await names(grace)).includes('contractors'), "contractors among Grace's groups");
    await waitFor(async () => (await names(contractors)).includes('Grace Liu'), 'Grace under contractors');
  });

  it("editing entitlements shows the new one under the principal's row", async () => {
    const ws = await workspaceNodeOf(explorer, emu);
    const grace = await childNamed(explorer, await folderOf(explorer, ws, 'users'), GRACE);
    const current = emu.state.findUser(GRACE)?.entitlements ?? [];
    assert.ok(!(await names(grace)).includes('allow-cluster-create'));
    await vscode.commands.executeCommand('dbxScim.editEntitlements', {
      host: emu.url,
      principal: GRACE,
      entitlements: [...current, 'allow-cluster-create'],
    });
    await waitFor(
      async () => (await names(grace)).includes('allow-cluster-create'),
      'allow-cluster-create under Grace',
    );
  });

  it('creating a group moves the count on the Groups folder', async () => {
    const ws = await workspaceNodeOf(explorer, emu);
    const groups = await folderOf(explorer, ws, 'groups');
    const before = emu.state.groups.size;
    assert.equal(explorer.treeItem(groups).description, String(before));
    await vscode.commands.executeCommand('dbxScim.createGroup', { host: emu.url, displayName: 'fresh-rows-new' });
    await waitFor(
      async () => explorer.treeItem(await folderOf(explorer, ws, 'groups')).description === String(before + 1),
      `Groups ${before + 1}`,
    );
    await waitFor(
      async () => (await names(await folderOf(explorer, ws, 'groups'))).includes('fresh-rows-new'),
      'the new group listed',
    );
  });
});
