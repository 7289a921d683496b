// Workspace assignments and group managers in a real extension host, against the emulator's account
// and workspace #1 over real HTTP, driven with the commands' programmatic arguments and from rows.
// The account token is handed in as `accountToken` (rows and the tree get the same one through the
// test fallback, DBX_SCIM_DEMO_ACCOUNT_TOKEN); the workspace PAT never reaches the account host.
// Removals are answered through the test hooks only: a question nobody answers is a "no".
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ManagerRef } from '../../../src/ui/access/names';
import type { TestHooks } from '../../../src/ui/dev/testHooks';
import type {
  AccessFolderNode,
  AccountFolderNode,
  AccountNode,
  AccountPrincipalNode,
  AssignmentNode,
  WorkspaceNode,
} from '../../../src/ui/explorer/nodes';
import { startEmulator, type Emulator } from '../../emulator';
import { addEmulatorWorkspace, removeEmulatorWorkspace, withConsent } from './actionsSupport';
import { activateExtension, waitFor } from './support';

interface AssignResult {
  host: string;
  principal: string;
  kind: string;
  permissions: string[];
}
interface ManagersResult {
  group: string;
  managers: ManagerRef[];
  added?: string;
  removed?: string;
}

const BEN = 'ben.carter@contoso.com';
const NORA = 'nora.jensen@contoso.com';
const TOKEN_ENV = 'DBX_SCIM_DEMO_ACCOUNT_TOKEN';

describe('access: workspace assignments and group managers through the account', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let hooks: TestHooks | undefined;
  let token: string;

  const run = <T>(command: string, arg: unknown) => vscode.commands.executeCommand<T>(command, arg) as Promise<T>;
  const setAccountHost = (value: string | undefined) =>
    vscode.workspace.getConfiguration('dbxScim').update('account.host', value, vscode.ConfigurationTarget.Global);
  const ws1 = () => emu.workspaces[0]?.workspaceId ?? '';
  const assigned = (principalId: string) =>
    emu.account.state.assignmentsOf(ws1()).find((a) => a.principalId === principalId)?.permission;
  const idOf = (kind: 'group' | 'user', name: string) => {
    const rec = kind === 'group' ? emu.state.findGroup(name) : emu.state.findUser(name);
    assert.ok(rec, `${kind} ${name} exists in the emulator`);
    return rec.id;
  };
  const explorer = () => {
    assert.ok(hooks, 'activate() returned the test hooks (DBX_SCIM_TEST_HOOKS=1)');
    return hooks.explorer;
  };
  /** Members of a group as workspace #1's tree shows them (userNames). */
  const shownMembers = async (groupId: string) => {
    const group = await explorer().revealPrincipal(emu.url, 'group', groupId, { select: false, focus: false });
    return (await explorer().children(group)).flatMap((n) => (n.kind === 'member' ? [n.detail ?? n.display] : []));
  };
  /** Workspace #1's Access folder, and the assignments it shows now (by name). */
  const accessFolder = async () => {
    const ws = (await explorer().children()).find(
      (n): n is WorkspaceNode => n.kind === 'workspace' && n.host === emu.url,
    );
    assert.ok(ws, 'workspace #1 is shown');
    const folder = (await explorer().children(ws)).find((n): n is AccessFolderNode => n.kind === 'accessFolder');
    assert.ok(folder, 'workspace #1 has an Access folder');
    return folder;
  };
  const shownAssignments = async () =>
    new Map(
      (await explorer().children(await accessFolder()))
        .filter((n): n is AssignmentNode => n.kind === 'assignment')
        .map((n) => [n.detail ?? n.display, n]),
    );
  /** data-science as the account's Groups folder shows it. */
  const accountGroupRow = async (name: string) => {
    const account = (await explorer().children()).find((n): n is AccountNode => n.kind === 'account');
    assert.ok(account, 'the Account row');
    const folder = (await explorer().children(account)).find(
      (n): n is AccountFolderNode => n.kind === 'accountFolder' && n.folder === 'groups',
    );
    assert.ok(folder, 'the account Groups folder');
    const row = (await explorer().children(folder)).find(
      (n): n is AccountPrincipalNode => n.kind === 'accountPrincipal' && n.display === name,
    );
    assert.ok(row, `${name} under the account`);
    return row;
  };
  const tooltipOf = (row: AccountPrincipalNode) =>
    String((explorer().treeItem(row).tooltip as vscode.MarkdownString | undefined)?.value ?? '');
  const managersInRuleSet = (groupId: string) =>
    emu.account.state.ruleSet(emu.account.state.ruleSetName(groupId)).grantRules.flatMap((r) => r.principals);
  /** Every request the account host saw carried the handed-in Entra token, never the PAT. */
  const onlyEntraOnAccount = () => {
    const seen = emu.log.filter((e) => e.host === 'account');
    assert.ok(seen.length > 0, 'the account host was asked');
    for (const e of seen) assert.equal(e.authorization, `Bearer ${token}`, `${e.method} ${e.path}`);
  };

  before(async () => {
    hooks = (await activateExtension<TestHooks | undefined>()).exports;
    emu = await startEmulator({ dataset: 'demo', workspaces: 2 });
    token = emu.entraToken();
    process.env[TOKEN_ENV] = token;
    await setAccountHost(emu.account.url);
    await addEmulatorWorkspace(emu, 'access-demo');
  });

  after(async () => {
    await removeEmulatorWorkspace(emu);
    await setAccountHost(undefined);
    delete process.env[TOKEN_ENV];
    await emu.close();
  });

  it('assigns the account-only group lakehouse-readers to workspace #1; the workspace then shows it with its members', async () => {
    const readers = idOf('group', 'lakehouse-readers');
    assert.equal(assigned(readers), undefined);
    await assert.rejects(explorer().revealPrincipal(emu.url, 'group', readers, { select: false, focus: false }));
    assert.equal((await shownAssignments()).has('lakehouse-readers'), false);
    emu.clearLog();

    const result = await run<AssignResult>('dbxScim.assignToWorkspace', {
      host: emu.url,
      principal: 'lakehouse-readers',
      permission: 'USER',
      accountToken: token,
    });
    assert.deepEqual(result, { host: emu.url, principal: 'lakehouse-readers', kind: 'group', permissions: ['USER'] });
    assert.equal(assigned(readers), 'USER');
    onlyEntraOnAccount();
    const members = await shownMembers(readers);
    assert.deepEqual(members.sort(), ['uma.patel@contoso.com', 'victor.nguyen@contoso.com']);
    await waitFor(async () => (await shownAssignments()).has('lakehouse-readers'), 'the Access folder lists it');
  });

  it('removes that assignment only with a yes: without one nothing changes', async () => {
    const readers = idOf('group', 'lakehouse-readers');
    const arg = { host: emu.url, principal: 'lakehouse-readers', accountToken: token };
    emu.clearLog();
    const refused = await withConsent([false], () => run<unknown>('dbxScim.removeFromWorkspace', arg));
    assert.equal(refused, undefined);
    assert.equal(assigned(readers), 'USER');
    assert.deepEqual(
      emu.log.filter((e) => e.method === 'DELETE'),
      [],
      'nothing was deleted',
    );

    const removed = await withConsent([true], () => run<unknown>('dbxScim.removeFromWorkspace', arg));
    assert.deepEqual(removed, { host: emu.url, principal: 'lakehouse-readers', kind: 'group' });
    assert.equal(assigned(readers), undefined);
    onlyEntraOnAccount();
    await assert.rejects(explorer().revealPrincipal(emu.url, 'group', readers, { select: false, focus: false }));
    await waitFor(async () => !(await shownAssignments()).has('lakehouse-readers'), 'the Access folder drops it');
  });

  it('removes a direct assignment from its row in the Access folder, with a yes', async () => {
    const readers = idOf('group', 'lakehouse-readers');
    await run('dbxScim.assignToWorkspace', {
      host: emu.url,
      principal: 'lakehouse-readers',
      permission: 'USER',
      accountToken: token,
    });
    const row = await waitFor(async () => (await shownAssignments()).get('lakehouse-readers'), 'its Access row');
    const removed = await withConsent([true], () => run<unknown>('dbxScim.removeFromWorkspace', row));
    assert.deepEqual(removed, { host: emu.url, principal: 'lakehouse-readers', kind: 'group' });
    assert.equal(assigned(readers), undefined);
    await waitFor(async () => !(await shownAssignments()).has('lakehouse-readers'), 'the Access folder drops it');
  });

  it('gives a user ADMIN on workspace #1', async () => {
    const quinn = idOf('user', 'quinn.murphy@contoso.com');
    assert.equal(assigned(quinn), 'USER', 'at home in workspace #1');
    const result = await run<AssignResult>('dbxScim.assignToWorkspace', {
      host: emu.url,
      principal: 'quinn.murphy@contoso.com',
      permission: 'ADMIN',
      accountToken: token,
    });
    assert.deepEqual(result.permissions, ['ADMIN']);
    assert.equal(assigned(quinn), 'ADMIN');
  });

  it('says what it refuses: a workspace-local group, a removal of an assignment the principal does not have', async () => {
    await assert.rejects(
      run('dbxScim.assignToWorkspace', {
        host: emu.url,
        principal: 'security-reviewers',
        permission: 'USER',
        accountToken: token,
      }),
      /There is no group "security-reviewers" in the Databricks account/,
    );
    await assert.rejects(
      run('dbxScim.removeFromWorkspace', { host: emu.url, principal: 'data-science', accountToken: token }),
      /data-science has no assignment of its own/,
    );
    await assert.rejects(
      run('dbxScim.assignToWorkspace', { host: emu.url, principal: NORA, permission: 'OWNER', accountToken: token }),
      /"permission" must be "USER" or "ADMIN"/,
    );
  });

  it('adds and removes a manager of data-science; the removal needs a yes', async () => {
    const ds = idOf('group', 'data-science');
    const arg = { host: emu.url, group: 'data-science', accountToken: token };
    const listed = await run<ManagersResult>('dbxScim.manageGroupManagers', arg);
    assert.deepEqual(listed.managers, [{ kind: 'user', name: BEN }]);
    const row = await accountGroupRow('data-science');
    await explorer().children(row); // opening the group reads its managers for the tooltip
    await waitFor(() => tooltipOf(row).includes('ben.carter'), 'the tooltip names ben.carter as manager');

    const added = await run<ManagersResult>('dbxScim.manageGroupManagers', { ...arg, add: NORA });
    assert.equal(added.added, NORA);
    assert.deepEqual(added.managers, [
      { kind: 'user', name: BEN },
      { kind: 'user', name: NORA },
    ]);
    assert.deepEqual(managersInRuleSet(ds), [`users/${BEN}`, `users/${NORA}`]);
    await waitFor(async () => {
      const shown = await accountGroupRow('data-science');
      await explorer().children(shown);
      return tooltipOf(shown).includes('nora.jensen');
    }, "the group's row under the account names the new manager");

    const refused = await withConsent([false], () =>
      run<unknown>('dbxScim.manageGroupManagers', { ...arg, remove: BEN }),
    );
    assert.equal(refused, undefined);
    assert.deepEqual(managersInRuleSet(ds), [`users/${BEN}`, `users/${NORA}`]);

    const removed = await withConsent([true], () =>
      run<ManagersResult>('dbxScim.manageGroupManagers', { ...arg, remove: BEN }),
    );
    assert.equal(removed.removed, BEN);
    assert.deepEqual(removed.managers, [{ kind: 'user', name: NORA }]);
    assert.deepEqual(managersInRuleSet(ds), [`users/${NORA}`]);
    await assert.rejects(
      run('dbxScim.manageGroupManagers', { ...arg, remove: BEN }),
      /ben.carter@contoso.com is not a manager of "data-science"/,
    );
  });
});
