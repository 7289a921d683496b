// Identity federation in the explorer, in a real extension host against the emulator's account and
// two workspaces over real HTTP: one Account row for the account behind both, its users, groups and
// service principals in pages of at most 100, and each workspace's Access folder (who is assigned,
// USER or ADMIN, directly or through which group). The tree asks for no token of its own: the account
// token reaches it through the test fallback (DBX_SCIM_DEMO_ACCOUNT_TOKEN, loopback account hosts only).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../emulator';
import type { ExplorerView } from '../../../src/ui/explorer/explorerView';
import type {
  AccessFolderNode,
  AccountFolderNode,
  AccountNode,
  AccountPrincipalNode,
  AssignmentNode,
  ErrorNode,
  ExplorerNode,
  LoadMoreNode,
  WorkspaceNode,
} from '../../../src/ui/explorer/nodes';
import { descriptionOf, tooltipMarkdown } from '../../../src/ui/explorer/presentation';
import { normalizeHost } from '../../../src/core/workspaces/host';
import { addEmulatorWorkspace, removeEmulatorWorkspace, withConsent } from './actionsSupport';
import { explorerHooks } from './explorerSupport';
import { waitFor } from './support';

const TOKEN_ENV = 'DBX_SCIM_DEMO_ACCOUNT_TOKEN';

describe('explorer: the account and who may use each workspace', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let explorer: ExplorerView;
  let ws2Url: string;

  const setAccountHost = (value: string | undefined) =>
    vscode.workspace.getConfiguration('dbxScim').update('account.host', value, vscode.ConfigurationTarget.Global);
  const accountRow = () =>
    waitFor(
      async () => (await explorer.children()).find((n): n is AccountNode => n.kind === 'account'),
      'the Account row at the root',
    );
  const accountFolder = async (folder: AccountFolderNode['folder']) => {
    const found = (await explorer.children(await accountRow())).find(
      (n): n is AccountFolderNode => n.kind === 'accountFolder' && n.folder === folder,
    );
    assert.ok(found, `account folder ${folder}`);
    return found;
  };
  const accessOf = async (url: string) => {
    const host = normalizeHost(url);
    const ws = await waitFor(
      async () =>
        (await explorer.children()).find((n): n is WorkspaceNode => n.kind === 'workspace' && n.host === host),
      `workspace ${host}`,
    );
    const access = (await explorer.children(ws)).find((n): n is AccessFolderNode => n.kind === 'accessFolder');
    assert.ok(access, `an Access folder under ${host}`);
    return access;
  };
  const byName = <T extends ExplorerNode & { display: string }>(nodes: ExplorerNode[], kind: T['kind']) =>
    new Map(nodes.filter((n): n is T => n.kind === kind).map((n) => [n.display, n]));
  const accountLists = () =>
    emu.log.filter(
      (e) => e.host === 'account' && e.method === 'GET' && /\/scim\/v2\/(Users|Groups|ServicePrincipals)$/.test(e.path),
    );

  before(async () => {
    explorer = await explorerHooks();
    emu = await startEmulator({ dataset: 'demo', workspaces: 2 });
    ws2Url = emu.workspaces[1]?.url ?? '';
    assert.ok(ws2Url, 'the emulator serves a second workspace');
    process.env[TOKEN_ENV] = emu.entraToken();
    await setAccountHost(emu.account.url);
    await addEmulatorWorkspace(emu, 'federation-1');
    await withConsent([true], () =>
      vscode.commands.executeCommand('dbxScim.addWorkspace', {
        host: ws2Url,
        token: emu.adminToken,
        name: 'federation-2',
      }),
    );
  });

  after(async () => {
    await vscode.commands.executeCommand('dbxScim.removeWorkspace', { host: ws2Url }).then(undefined, () => undefined);
    await removeEmulatorWorkspace(emu);
    await setAccountHost(undefined);
    delete process.env[TOKEN_ENV];
    await emu.close();
  });

  it('shows one Account row for the account behind both workspaces, after the workspace rows', async () => {
    const account = await waitFor(async () => {
      const row = await accountRow();
      return row.workspaces.length === 2 ? row : undefined;
    }, 'the Account row naming both workspaces');
    assert.equal(account.key, `account:${emu.account.id}`);
    assert.deepEqual([...account.workspaces].sort(), ['federation-1', 'federation-2']);
    const root = await explorer.children();
    assert.equal(root.filter((n) => n.kind === 'account').length, 1, 'one row per account, not per workspace');
    assert.ok(root.findIndex((n) => n.kind === 'account') > root.findIndex((n) => n.kind === 'workspace'));
    assert.match(String(explorer.treeItem(account).description), new RegExp(emu.account.id));
  });

  it('the account Groups folder lists account groups only, data-science with its members and its manager', async () => {
    const groups = byName<AccountPrincipalNode>(
      await explorer.children(await accountFolder('groups')),
      'accountPrincipal',
    );
    for (const name of ['data-science', 'lakehouse-readers', 'all-employees']) assert.ok(groups.has(name), name);
    assert.ok(!groups.has('data-eng'), 'a workspace-local group does not exist at account level');
    const dataScience = groups.get('data-science');
    assert.ok(dataScience);
    const members = byName<AccountPrincipalNode>(await explorer.children(dataScience), 'accountPrincipal');
    const expected = [...(emu.state.findGroup('data-science')?.members ?? [])].map(
      (id) => emu.state.users.get(id)?.displayName,
    );
    assert.deepEqual([...members.keys()].sort(), expected.sort());
    assert.equal(String(explorer.treeItem(dataScience).description), `${members.size} members · account group`);
    const tooltip = String((explorer.treeItem(dataScience).tooltip as vscode.MarkdownString).value);
    assert.match(tooltip, /ben\.carter@contoso\.com/, 'the group manager, from the rule set');
    assert.match(tooltip, /account admins and group managers/);
  });

  it('pages account users 100 at a time with "Load more…"', async () => {
    const before = emu.state.users.size;
    for (let i = 0; i < 120 - before; i++) emu.state.createUser({ userName: `pager${i}@contoso.com` });
    const folder = await accountFolder('users');
    explorer.refresh(folder);
    emu.clearLog();
    const first = await explorer.children(folder);
    const more = first.find((n): n is LoadMoreNode => n.kind === 'loadMore');
    assert.ok(more, 'a "Load more…" row after the first page');
    assert.equal(first.filter((n) => n.kind === 'accountPrincipal').length, 100);
    await vscode.commands.executeCommand('dbxScim.loadMore', more);
    const all = await explorer.children(folder);
    assert.equal(all.filter((n) => n.kind === 'accountPrincipal').length, emu.state.users.size);
    assert.ok(!all.some((n) => n.kind === 'loadMore'));
    for (const e of accountLists()) assert.ok(Number(e.query['count']) <= 100, `${e.path}?count=${e.query['count']}`);
  });

  it("workspace #2's Access folder: who is assigned, USER or ADMIN, and the group a user is assigned through", async () => {
    const access = await accessOf(ws2Url);
    const rows = byName<AssignmentNode>(await explorer.children(access), 'assignment');
    assert.equal(descriptionOf(rows.get('data-science') as AssignmentNode), 'USER · direct');
    assert.equal(descriptionOf(rows.get('all-employees') as AssignmentNode), 'USER · direct');
    const aisha = [...rows.values()].find((n) => n.detail === 'aisha.khan@contoso.com' || /Aisha/.test(n.display));
    assert.ok(aisha, `aisha.khan is assigned; have ${[...rows.keys()].join(', ')}`);
    assert.equal(descriptionOf(aisha), 'ADMIN · direct');
    const dataScience = rows.get('data-science');
    assert.ok(dataScience);
    const through = byName<AssignmentNode>(await explorer.children(dataScience), 'assignment');
    const kavya = emu.state.findUser('kavya.reddy@contoso.com');
    assert.ok(kavya);
    const row = [...through.values()].find((n) => n.principalId === kavya.id);
    assert.ok(row, 'kavya.reddy is listed under data-science');
    assert.equal(descriptionOf(row), 'USER · through data-science');
    assert.match(String(tooltipMarkdown(row)), /through the assigned group data-science/);
  });

  it("Copy Id copies the account id, an account group's id and an assigned principal's id from their rows", async () => {
    const copied = async (node: ExplorerNode) => {
      await vscode.commands.executeCommand('dbxScim.copyId', node);
      return vscode.env.clipboard.readText();
    };
    assert.equal(await copied(await accountRow()), emu.account.id);
    const dataScience = byName<AccountPrincipalNode>(
      await explorer.children(await accountFolder('groups')),
      'accountPrincipal',
    ).get('data-science');
    assert.ok(dataScience);
    assert.equal(await copied(dataScience), emu.state.findGroup('data-science')?.id);
    const assigned = byName<AssignmentNode>(await explorer.children(await accessOf(ws2Url)), 'assignment');
    const row = assigned.get('all-employees');
    assert.ok(row);
    assert.equal(await copied(row), emu.state.findGroup('all-employees')?.id);
  });

  it('invalidate(host, { access: true }) reloads the Access folder after an assignment changed', async () => {
    const access = await accessOf(ws2Url);
    const names = async () => new Set(byName<AssignmentNode>(await explorer.children(access), 'assignment').keys());
    assert.ok(!(await names()).has('lakehouse-readers'));
    const readers = emu.state.findGroup('lakehouse-readers');
    const ws2Id = emu.workspaces[1]?.workspaceId;
    assert.ok(readers && ws2Id);
    emu.account.state.assign(ws2Id, readers.id, 'ADMIN');
    explorer.invalidate(ws2Url, { access: true });
    await waitFor(async () => (await names()).has('lakehouse-readers') || undefined, 'lakehouse-readers under Access');
    const row = byName<AssignmentNode>(await explorer.children(access), 'assignment').get('lakehouse-readers');
    assert.equal(descriptionOf(row as AssignmentNode), 'ADMIN · direct');
  });

  it('without a Microsoft sign-in, the account rows offer "Sign In…" instead of a token', async () => {
    delete process.env[TOKEN_ENV];
    try {
      const access = await accessOf(ws2Url);
      explorer.refresh(access);
      const shown = await waitFor(async () => {
        const children = await explorer.children(access);
        return children.find((n): n is ErrorNode => n.kind === 'error');
      }, 'an error row under Access');
      assert.match(shown.message, /Microsoft sign-in/);
      assert.equal(shown.action?.title, 'Sign In…');
      assert.equal(shown.action?.command, 'dbxScim.signInToAccount');
    } finally {
      process.env[TOKEN_ENV] = emu.entraToken();
    }
  });
});
