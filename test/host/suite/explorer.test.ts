// The explorer tree in a real extension host, against the emulator over real HTTP. The tree is
// read through the test hooks (`explorer.children(node)`), which hand out the very nodes the
// TreeDataProvider gives VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Emulator } from '../../emulator';
import type { ExplorerView } from '../../../src/ui/explorer/explorerView';
import type {
  EntitlementNode,
  ErrorNode,
  ExplorerNode,
  GroupNode,
  LoadMoreNode,
  MemberNode,
  UserNode,
} from '../../../src/ui/explorer/nodes';
import { contextValueOf, descriptionOf, tooltipMarkdown } from '../../../src/ui/explorer/presentation';
import { renderNode } from '../../../src/ui/explorer/renderer';
import { normalizeHost } from '../../../src/core/workspaces/host';
import { closeEmulatorWorkspace, startEmulatorWorkspace } from './actionsSupport';
import {
  addWorkspaceSettingOnly,
  childNamed,
  explorerHooks,
  folderOf,
  nameOf,
  removeWorkspaceSetting,
  workspaceNodeOf,
} from './explorerSupport';
import { waitFor } from './support';

/** GET list requests of one SCIM collection (not GET by id, not the Token API). */
const listRequests = (emu: Emulator, collection: string) =>
  emu.log.filter((e) => e.method === 'GET' && new RegExp(`/scim/v2/${collection}$`).test(e.path));
const scimRequests = (emu: Emulator) => emu.log.filter((e) => e.path.includes('/scim/v2/'));

describe('explorer tree (demo workspace)', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let explorer: ExplorerView;

  before(async () => {
    explorer = await explorerHooks();
    emu = await startEmulatorWorkspace('explorer-demo');
  });

  after(() => closeEmulatorWorkspace(emu));

  it('shows Users, Groups and Service Principals with the counts of the emulator, in one round trip', async () => {
    const ws = await workspaceNodeOf(explorer, emu);
    explorer.refresh(ws);
    emu.clearLog();
    const folders = await explorer.children(ws);
    assert.deepEqual(folders.map(nameOf), ['users', 'groups', 'servicePrincipals', 'accessFolder']);
    const counts = Object.fromEntries(
      folders.filter((f) => f.kind === 'folder').map((f) => [nameOf(f), shownCount(explorer, f)]),
    );
    assert.deepEqual(counts, {
      users: emu.state.users.size,
      groups: emu.state.groups.size,
      servicePrincipals: emu.state.servicePrincipals.size,
    });
    assert.equal(explorer.treeItem(folders[0] as ExplorerNode).description, String(emu.state.users.size));
    // Three first pages fetched in parallel; opening a folder then costs no request at all.
    assert.equal(
      scimRequests(emu).length,
      3,
      scimRequests(emu)
        .map((e) => e.path)
        .join('\n'),
    );
    const users = await explorer.children(folders[0]);
    assert.equal(scimRequests(emu).length, 3);
    assert.equal(users.filter((n) => n.kind === 'user').length, emu.state.users.size);
    assert.ok(!users.some((n) => n.kind === 'loadMore'), 'the demo users fit on one page');
    // Lists ask for a projection, and never for group members.
    for (const e of listRequests(emu, 'Groups')) {
      const attributes = e.query['attributes'] ?? '';
      assert.ok(attributes !== '' && !attributes.split(',').includes('members'), e.path);
    }
  });

  it('expands a group to its members, and a nested group further to its own members', async () => {
    const ws = await workspaceNodeOf(explorer, emu);
    const groups = await folderOf(explorer, ws, 'groups');
    const dataPlatform = (await childNamed(explorer, groups, 'data-platform')) as GroupNode;
    const members = (await explorer.children(dataPlatform)).filter((n): n is MemberNode => n.kind === 'member');
    const expected = emu.state.findGroup('data-platform');
    assert.ok(expected);
    assert.deepEqual(new Set(members.map((m) => m.id)), new Set(expected.members));
    assert.match(
      String(explorer.treeItem(dataPlatform).description),
      new RegExp(`\\b${expected.members.size} members\\b`),
      'the row learns its member count',
    );

    const dataEng = (await childNamed(explorer, dataPlatform, 'data-eng')) as MemberNode;
    assert.equal(dataEng.memberKind, 'group');
    assert.equal(dataEng.parent, dataPlatform, 'getParent works for reveal');
    const dataEngMembers = (await explorer.children(dataEng)).filter((n): n is MemberNode => n.kind === 'member');
    const expectedDataEng = emu.state.findGroup('data-eng');
    assert.ok(expectedDataEng);
    assert.deepEqual(new Set(dataEngMembers.map((m) => m.id)), new Set(expectedDataEng.members));
    // describeMembers adds userName / applicationId in one batched call per kind.
    const daniel = dataEngMembers.find((m) => m.detail === 'daniel.okafor@contoso.com');
    assert.ok(daniel && daniel.memberKind === 'user', 'a user member shows its userName');
    const spMember = dataEngMembers.find((m) => m.memberKind === 'servicePrincipal');
    assert.ok(spMember, 'data-eng has service principal members');
    assert.equal(
      spMember.detail,
      emu.state.servicePrincipals.get(spMember.id)?.applicationId,
      'a service principal member shows its applicationId',
    );
    assert.match(contextValueOf(spMember), /^member;(.*;)?servicePrincipal(;|$)/);

    const ml = (await childNamed(explorer, dataEng, 'ml-engineers')) as MemberNode;
    const mlMembers = (await explorer.children(ml)).filter((n): n is MemberNode => n.kind === 'member');
    assert.deepEqual(mlMembers.map((m) => m.detail).sort(), [
      'kavya.reddy@contoso.com',
      'kenji.sato@contoso.com',
      'nikhil.sharma@contoso.com',
      'wen.zhang@contoso.com',
    ]);
  });

  it('shows the entitlements of a group above its members', async () => {
    const ws = await workspaceNodeOf(explorer, emu);
    const groups = await folderOf(explorer, ws, 'groups');
    const ml = await childNamed(explorer, groups, 'ml-engineers');
    const entitlements = (await explorer.children(ml)).filter((n): n is EntitlementNode => n.kind === 'entitlement');
    assert.deepEqual(entitlements.map((e) => e.value).sort(), ['allow-cluster-create', 'allow-instance-pool-create']);
  });

  it("shows a user's groups (inherited ones marked) and entitlements", async () => {
    const kavya = emu.state.findUser('kavya.reddy@contoso.com');
    assert.ok(kavya);
    emu.state.setEntitlements(kavya.id, ['databricks-sql-access']);
    const ws = await workspaceNodeOf(explorer, emu);
    const users = await folderOf(explorer, ws, 'users');
    const user = (await childNamed(explorer, users, 'kavya.reddy@contoso.com')) as UserNode;
    explorer.refresh(user);
    const children = await explorer.children(user);
    const groups = children.filter((n): n is GroupNode => n.kind === 'group');
    const direct = groups.filter((g) => g.direct).map((g) => g.displayName);
    const inherited = groups.filter((g) => g.direct === false).map((g) => g.displayName);
    assert.ok(direct.includes('ml-engineers'), `direct: ${direct.join(', ')}`);
    assert.deepEqual(inherited.sort(), ['data-eng', 'data-platform']);
    assert.ok(
      groups.findIndex((g) => g.direct === false) > groups.findIndex((g) => g.direct),
      'direct groups come first',
    );
    const inheritedNode = groups.find((g) => g.displayName === 'data-eng');
    assert.ok(inheritedNode);
    assert.match(descriptionOf(inheritedNode) ?? '', /inherited/);
    assert.match(contextValueOf(inheritedNode), /^group;(.*;)?inherited(;|$)/);
    const entitlements = children.filter((n): n is EntitlementNode => n.kind === 'entitlement').map((e) => e.value);
    assert.deepEqual(entitlements, ['databricks-sql-access']);
    const tooltip = explorer.treeItem(user).tooltip;
    assert.match(
      tooltip instanceof vscode.MarkdownString ? tooltip.value : String(tooltip),
      /Entitlements: `databricks-sql-access`/,
      'the tooltip learns the entitlements',
    );
  });

  it('shows an error node with "Retry" for a failed load, and does not cache it', async () => {
    const ws = await workspaceNodeOf(explorer, emu);
    const groups = await folderOf(explorer, ws, 'groups');
    emu.injectFaults({ kind: 'status', status: 400, match: { method: 'GET', path: /\/scim\/v2\/Groups$/ } });
    explorer.refresh(groups);
    const failed = await explorer.children(groups);
    assert.equal(failed.length, 1);
    const error = failed[0] as ErrorNode;
    assert.equal(error.kind, 'error');
    assert.equal(error.action?.command, 'dbxScim.refresh');
    assert.equal(error.action?.title, 'Retry');
    assert.equal(renderNode(error).command?.command, 'dbxScim.refresh');
    await vscode.commands.executeCommand('dbxScim.refresh', ...(error.action?.args ?? []));
    const loaded = await explorer.children(groups);
    assert.equal(loaded.filter((n) => n.kind === 'group').length, emu.state.groups.size);
  });

  it('reveals a principal by host, kind and id', async () => {
    const group = emu.state.findGroup('finance-analysts');
    assert.ok(group);
    const node = await explorer.revealPrincipal(emu.url, 'group', group.id);
    assert.equal(node.kind, 'group');
    assert.equal(node.parent?.kind, 'folder');
    assert.ok((await explorer.children(node.parent)).includes(node));
  });
});

describe('explorer tree (10,000 users)', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let explorer: ExplorerView;

  before(async () => {
    explorer = await explorerHooks();
    emu = await startEmulatorWorkspace('explorer-10k', { dataset: 'empty' }, (e) => {
      for (let i = 0; i < 10_000; i++)
        e.state.createUser({ userName: `user${String(i).padStart(5, '0')}@scale.example`, displayName: `User ${i}` });
    });
  });

  after(() => closeEmulatorWorkspace(emu));

  it('shows the first page and a "Load more…" that appends the next page', async () => {
    const ws = await workspaceNodeOf(explorer, emu);
    const users = await folderOf(explorer, ws, 'users');
    assert.equal(shownCount(explorer, users), 10_001);
    const first = await explorer.children(users);
    const more = first.at(-1) as LoadMoreNode;
    assert.equal(more.kind, 'loadMore');
    const page = first.length - 1;
    assert.ok(page >= 100 && page <= 500, `page size ${page}`);
    assert.equal(renderNode(more).command?.command, 'dbxScim.loadMore');

    emu.clearLog();
    await vscode.commands.executeCommand('dbxScim.loadMore', more);
    assert.equal(listRequests(emu, 'Users').length, 1, 'one request per "Load more"');
    const second = await explorer.children(users);
    assert.equal(second.length, 2 * page + 1);
    assert.equal(second.at(-1)?.kind, 'loadMore');
    // Sorted by display name, as people scan a list (ties keep the workspace's order).
    const expectedIds = emu.state.users
      .toArray()
      .map((u, i) => ({ id: u.id, name: u.displayName?.toLowerCase(), i }))
      .sort((a, b) =>
        a.name === b.name ? a.i - b.i : a.name === undefined ? 1 : b.name === undefined ? -1 : a.name < b.name ? -1 : 1,
      )
      .slice(0, 2 * page)
      .map((u) => u.id);
    assert.deepEqual(
      second.slice(0, -1).map((n) => (n.kind === 'user' ? n.id : n.kind)),
      expectedIds,
    );
  });

  it('reveals a user that is not on a loaded page by fetching it', async () => {
    const target = emu.state.findUser('user07777@scale.example');
    assert.ok(target);
    emu.clearLog();
    const node = await explorer.revealPrincipal(normalizeHost(emu.url), 'user', target.id);
    assert.equal(node.kind === 'user' && node.userName, 'user07777@scale.example');
    assert.equal(listRequests(emu, 'Users').length, 0, 'no paging through thousands of users');
    const ws = await workspaceNodeOf(explorer, emu);
    const users = await folderOf(explorer, ws, 'users');
    assert.ok((await explorer.children(users)).includes(node));
  });

  it('shows an empty folder as an empty node', async () => {
    const ws = await workspaceNodeOf(explorer, emu);
    const sps = await folderOf(explorer, ws, 'servicePrincipals');
    assert.equal(shownCount(explorer, sps), 0);
    const children = await explorer.children(sps);
    assert.deepEqual(
      children.map((n) => [n.kind, n.kind === 'empty' ? n.message : '']),
      [['empty', 'No service principals']],
    );
  });

  it('shows a revoked token (403) as an error node whose action is dbxScim.setToken', async () => {
    const admin = emu.state.adminUser;
    const token = emu.state.tokensOf(admin.id).find((t) => t.value === emu.adminToken);
    assert.ok(token);
    emu.state.revokeToken(token.token_id);
    const ws = await workspaceNodeOf(explorer, emu);
    explorer.refreshWorkspace(emu.url);
    const children = await explorer.children(ws);
    assert.equal(children.length, 1, children.map((n) => n.kind).join(','));
    const error = children[0] as ErrorNode;
    assert.equal(error.kind, 'error');
    assert.equal(error.action?.command, 'dbxScim.setToken');
    assert.deepEqual(error.action?.args, [{ host: ws.host }]);
    assert.match(contextValueOf(error), /^error;auth$/);
    assert.ok(!error.message.includes(emu.adminToken), 'no token in the message');
  });
});

describe('explorer tree (states without a connection)', () => {
  let explorer: ExplorerView;
  const host = 'http://127.0.0.1:9';

  before(async () => {
    explorer = await explorerHooks();
  });

  after(async () => {
    await removeWorkspaceSetting(host);
  });

  it('shows a workspace without a token as an error node with "Set Token…"', async () => {
    await addWorkspaceSettingOnly('no-token', host);
    const ws = await waitFor(
      async () => (await explorer.children()).find((n) => n.kind === 'workspace' && n.host === host),
      'workspace without token listed',
    );
    const children = await explorer.children(ws);
    const error = children[0] as ErrorNode;
    assert.equal(error.kind, 'error');
    assert.equal(error.action?.command, 'dbxScim.setToken');
    assert.deepEqual(error.action?.args, [{ host }]);
  });
});

describe('explorer renderer', () => {
  const ws = { kind: 'workspace', key: 'h', host: 'h', parent: undefined, name: 'prod', auth: 'pat' } as const;
  const folder = { kind: 'folder', key: 'h/groups', host: 'h', parent: ws, folder: 'groups' } as const;

  it('composes contextValues as "kind;flags" for regex menus', () => {
    assert.equal(contextValueOf(ws), 'workspace;pat');
    assert.equal(contextValueOf(folder), 'folder;groups');
    const group: GroupNode = {
      kind: 'group',
      key: 'h/groups/1',
      host: 'h',
      parent: folder,
      id: '1',
      displayName: 'g',
      source: 'account',
    };
    assert.equal(contextValueOf(group), 'group;accountGroup;principal');
    assert.equal(contextValueOf({ ...group, source: 'workspace' }, true), 'group;busy;principal;workspaceGroup');
    const member: MemberNode = {
      kind: 'member',
      key: 'k',
      host: 'h',
      parent: group,
      groupId: '1',
      groupName: 'g',
      id: '2',
      memberKind: 'user',
      display: 'Ann',
      detail: 'ann@x',
      groupSource: 'workspace',
    };
    assert.equal(contextValueOf(member), 'member;inWorkspaceGroup;user');
    const groupOfUser: GroupNode = {
      kind: 'group',
      key: 'h/users/1/g3',
      host: 'h',
      parent: folder,
      id: '3',
      displayName: 'g',
      direct: true,
    };
    assert.equal(contextValueOf(groupOfUser), 'group;direct;groupOf;principal');
  });

  it('puts ids, userName, entitlements and the token expiry in Markdown tooltips', () => {
    const user: UserNode = {
      kind: 'user',
      key: 'u',
      host: 'h',
      parent: folder,
      id: '42',
      userName: 'ann@x',
      displayName: 'Ann',
      entitlements: ['workspace-access'],
    };
    const text = tooltipMarkdown(user) ?? '';
    assert.match(text, /\*\*Ann\*\*/);
    assert.match(text, /User name: `ann@x`/);
    assert.match(text, /Id: `42`/);
    assert.match(text, /Entitlements: `workspace-access`/);
    assert.match(tooltipMarkdown(ws, { tokenExpiry: 'expires in 12 days' }) ?? '', /Token: `expires in 12 days`/);
  });

  it('describes principals: userName, applicationId, member count, account group, inactive', () => {
    const user: UserNode = {
      kind: 'user',
      key: 'u',
      host: 'h',
      parent: folder,
      id: '1',
      userName: 'ann@x',
      displayName: 'Ann',
      active: false,
    };
    assert.equal(descriptionOf(user), 'ann@x · inactive');
    assert.equal(
      descriptionOf({
        kind: 'servicePrincipal',
        key: 's',
        host: 'h',
        parent: folder,
        id: '2',
        applicationId: 'app-1',
        displayName: 'etl',
      }),
      'app-1',
    );
    assert.equal(
      descriptionOf({
        kind: 'group',
        key: 'g',
        host: 'h',
        parent: folder,
        id: '3',
        displayName: 'all',
        source: 'account',
        memberCount: 1,
      }),
      '1 member · account group',
    );
  });

  it('shows a busy node with a spinner and its label', () => {
    const item = renderNode(folder, { busy: 'Adding…' });
    assert.equal(item.description, 'Adding…');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'loading~spin');
    assert.equal(item.id, folder.key);
  });
});

/** The count a folder row shows (its description while no drift is shown). */
function shownCount(explorer: ExplorerView, folder: ExplorerNode): number | undefined {
  const text = explorer.treeItem(folder).description;
  return typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : undefined;
}
