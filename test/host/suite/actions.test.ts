// The member, group, entitlement, search and link commands in a real extension host, driven with
// their programmatic arguments against the emulator over real HTTP. Modal dialogs are auto-dismissed
// here, which is exactly "the user did not consent"; a test consents through the test hooks only.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { linksOf } from '../../../src/ui/principals/nodeLinks';
import { pickerTitle } from '../../../src/ui/principals/principalPicker';
import type { TestHooks } from '../../../src/ui/dev/testHooks';
import type { Emulator } from '../../emulator';
import { closeEmulatorWorkspace, startEmulatorWorkspace, withConsent } from './actionsSupport';
import { activateExtension, waitFor } from './support';
import { extensionHostLogDir, readAllFiles } from './workspacesSupport';

interface AddMembersResult {
  added: string[];
  unknown: string[];
}
interface EntitlementsResult {
  added: string[];
  removed: string[];
}
interface SearchHit {
  host: string;
  kind: string;
  id: string;
  displayName: string;
  userName?: string;
  applicationId?: string;
}

const NORA = 'nora.jensen@contoso.com';
const AIRFLOW_SP = 'e1dcf94a-3343-5010-a64a-a5d9e0fcc312';

describe('principal actions (members, groups, entitlements, search, copy id)', function () {
  this.timeout(30_000);
  let emu: Emulator;

  const run = <T>(command: string, arg: unknown) => vscode.commands.executeCommand<T>(command, arg) as Promise<T>;
  const patches = () => emu.log.filter((e) => e.method === 'PATCH');
  const membersOf = (group: string) => {
    const g = emu.state.findGroup(group);
    assert.ok(g, `group ${group} exists in the emulator`);
    return g.members;
  };
  const idOfUser = (userName: string) => {
    const u = emu.state.findUser(userName);
    assert.ok(u, `user ${userName} exists in the emulator`);
    return u.id;
  };

  let hooks: TestHooks | undefined;
  const explorer = () => {
    assert.ok(hooks, 'activate() returned the test hooks (DBX_SCIM_TEST_HOOKS=1)');
    return hooks.explorer;
  };
  /** Everything the extension host logged so far (our output channel's file is among it). */
  const logText = () => {
    assert.ok(hooks);
    return readAllFiles(extensionHostLogDir(hooks));
  };

  before(async () => {
    hooks = (await activateExtension<TestHooks | undefined>()).exports;
    emu = await startEmulatorWorkspace('actions-demo');
  });

  after(() => closeEmulatorWorkspace(emu));

  it('adds three members (user, service principal, group) with exactly one PATCH', async () => {
    emu.clearLog();
    const result = await run<AddMembersResult>('dbxScim.addMembers', {
      host: emu.url,
      group: 'security-reviewers',
      principals: [NORA, AIRFLOW_SP, 'contractors'],
    });
    assert.deepEqual(result, { added: [NORA, AIRFLOW_SP, 'contractors'], unknown: [] });
    assert.equal(
      patches().length,
      1,
      `PATCH requests: ${patches()
        .map((e) => e.path)
        .join(', ')}`,
    );
    const members = membersOf('security-reviewers');
    const sp = emu.state.findServicePrincipal(AIRFLOW_SP);
    const contractors = emu.state.findGroup('contractors');
    assert.ok(members.has(idOfUser(NORA)) && sp && members.has(sp.id) && contractors && members.has(contractors.id));
    await waitFor(
      () => logText().includes(`Added ${NORA}, ${AIRFLOW_SP}, contractors to "security-reviewers".`),
      'the log confirms who was added',
    );
  });

  it('shows the new member in the tree once the add is done', async () => {
    const target = emu.state.findGroup('bi-developers');
    assert.ok(target);
    const group = await explorer().revealPrincipal(emu.url, 'group', target.id, { select: false, focus: false });
    const shown = async () =>
      (await explorer().children(group))
        .filter((n) => n.kind === 'member')
        .map((n) => (n.kind === 'member' ? n.detail : undefined));
    assert.equal((await shown()).includes('liam.oconnor@contoso.com'), false);
    await run('dbxScim.addMembers', {
      host: emu.url,
      group: 'bi-developers',
      principals: ['liam.oconnor@contoso.com'],
    });
    await waitFor(async () => (await shown()).includes('liam.oconnor@contoso.com'), 'liam shown under bi-developers');
  });

  it('treats adding someone who is already a member as success', async () => {
    const before = membersOf('security-reviewers').size;
    const result = await run<AddMembersResult>('dbxScim.addMembers', {
      host: emu.url,
      group: 'security-reviewers',
      principals: [NORA],
    });
    assert.deepEqual(result, { added: [NORA], unknown: [] });
    assert.equal(membersOf('security-reviewers').size, before);
  });

  it('adds the names that exist and reports the unknown ones; all unknown is an error naming them', async () => {
    const result = await run<AddMembersResult>('dbxScim.addMembers', {
      host: emu.url,
      group: 'contractors',
      principals: ['ghost@contoso.com', 'kenji.sato@contoso.com'],
    });
    assert.deepEqual(result, { added: ['kenji.sato@contoso.com'], unknown: ['ghost@contoso.com'] });
    assert.ok(membersOf('contractors').has(idOfUser('kenji.sato@contoso.com')));
    emu.clearLog();
    await assert.rejects(
      run('dbxScim.addMembers', { host: emu.url, group: 'contractors', principals: ['ghost@contoso.com'] }),
      /Nothing was added to "contractors": ghost@contoso\.com does not exist/,
    );
    assert.equal(patches().length, 0);
  });

  it('does not remove a member without consent (the modal is dismissed), programmatically — confirm: true or not — or from a node', async () => {
    const nora = idOfUser(NORA);
    const result = await run<unknown>('dbxScim.removeMember', {
      host: emu.url,
      group: 'security-reviewers',
      principal: NORA,
    });
    assert.equal(result, undefined);
    // An argument is no consent: any extension could pass it.
    const forced = await run<unknown>('dbxScim.removeMember', {
      host: emu.url,
      group: 'security-reviewers',
      principal: NORA,
      confirm: true,
    });
    assert.equal(forced, undefined);
    const group = emu.state.findGroup('security-reviewers');
    assert.ok(group);
    const memberNode = {
      kind: 'member',
      key: 'actions/member',
      host: emu.url,
      parent: undefined,
      groupId: group.id,
      groupName: group.displayName,
      id: nora,
      memberKind: 'user',
      display: 'Nora Jensen',
      detail: NORA,
    };
    assert.equal(await run<unknown>('dbxScim.removeMember', memberNode), undefined);
    assert.ok(membersOf('security-reviewers').has(nora), 'still a member');
  });

  it('removes a member when the user says yes to the question', async () => {
    const { result, asked } = await withConsent([true], async () => {
      const removed = await run<{ group: string; removed: string }>('dbxScim.removeMember', {
        host: emu.url,
        group: 'security-reviewers',
        principal: NORA,
      });
      return { result: removed, asked: [...(hooks?.consent.asked ?? [])] };
    });
    assert.deepEqual(result, { group: 'security-reviewers', removed: NORA });
    assert.deepEqual(asked, [`Remove ${NORA} from security-reviewers?`]);
    assert.equal(membersOf('security-reviewers').has(idOfUser(NORA)), false);
  });

  it('creates a group; a duplicate name rejects with a clear message; built-in names are refused', async () => {
    // The emulator's workspace says which account it belongs to, so a workspace-local group is asked for.
    const group = await run<{ id: string; displayName: string }>('dbxScim.createGroup', {
      host: emu.url,
      displayName: 'actions-new-team',
      scope: 'workspace',
    });
    assert.equal(group.displayName, 'actions-new-team');
    assert.equal(emu.state.findGroup('actions-new-team')?.id, group.id);
    await assert.rejects(
      run('dbxScim.createGroup', { host: emu.url, displayName: 'actions-new-team', scope: 'workspace' }),
      /A group named "actions-new-team" already exists in http:\/\/127\.0\.0\.1:\d+\./,
    );
    emu.clearLog();
    await assert.rejects(run('dbxScim.createGroup', { host: emu.url, displayName: 'Admins' }), /built-in groups/);
    assert.equal(emu.log.filter((e) => e.method === 'POST').length, 0);
  });

  it('round-trips the entitlements of a user (set → in the emulator → set back → gone)', async () => {
    const userName = 'ben.carter@contoso.com';
    const original = [...(emu.state.findUser(userName)?.entitlements ?? [])];
    const set = await run<EntitlementsResult>('dbxScim.editEntitlements', {
      host: emu.url,
      principal: userName,
      entitlements: [...original, 'databricks-sql-access', 'workspace-consume'],
    });
    assert.deepEqual(set.added.sort(), ['databricks-sql-access', 'workspace-consume']);
    assert.deepEqual(
      [...(emu.state.findUser(userName)?.entitlements ?? [])].sort(),
      [...original, 'databricks-sql-access', 'workspace-consume'].sort(),
    );
    const back = await run<EntitlementsResult>('dbxScim.editEntitlements', {
      host: emu.url,
      principal: userName,
      entitlements: original,
    });
    assert.deepEqual(back.removed.sort(), ['databricks-sql-access', 'workspace-consume']);
    assert.deepEqual([...(emu.state.findUser(userName)?.entitlements ?? [])].sort(), original.sort());
  });

  it('round-trips the entitlements of a workspace group and of a service principal', async () => {
    const group = 'platform-ops';
    const original = [...(emu.state.findGroup(group)?.entitlements ?? [])];
    assert.deepEqual(original, ['allow-cluster-create']);
    await run('dbxScim.editEntitlements', { host: emu.url, principal: group, entitlements: ['workspace-access'] });
    assert.deepEqual(emu.state.findGroup(group)?.entitlements, ['workspace-access']);
    await run('dbxScim.editEntitlements', { host: emu.url, principal: group, entitlements: original });
    assert.deepEqual(emu.state.findGroup(group)?.entitlements, original);

    await run('dbxScim.editEntitlements', {
      host: emu.url,
      principal: AIRFLOW_SP,
      entitlements: ['workspace-access', 'databricks-sql-access'],
    });
    assert.deepEqual([...(emu.state.findServicePrincipal(AIRFLOW_SP)?.entitlements ?? [])].sort(), [
      'databricks-sql-access',
      'workspace-access',
    ]);
    await run('dbxScim.editEntitlements', { host: emu.url, principal: AIRFLOW_SP, entitlements: ['workspace-access'] });
    assert.deepEqual(emu.state.findServicePrincipal(AIRFLOW_SP)?.entitlements, ['workspace-access']);
  });

  it('asks before removing a member of an account group; no yes, nothing sent', async () => {
    // Account groups are changed through the account now (accountGroups.test.ts); the consent rule stays.
    emu.clearLog();
    const allEmployees = emu.state.findGroup('all-employees');
    assert.ok(allEmployees);
    const group = await explorer().revealPrincipal(emu.url, 'group', allEmployees.id, { select: false, focus: false });
    const member = (await explorer().children(group)).find((n) => n.kind === 'member' && n.detail === NORA);
    assert.ok(member, 'nora is shown as a member of all-employees');
    // From a node the dismissed question ends it quietly; what counts is that nothing was sent.
    assert.equal(await run<unknown>('dbxScim.removeMember', member), undefined);
    assert.ok(membersOf('all-employees').has(idOfUser(NORA)));
    assert.equal(patches().length, 0);
    assert.equal(emu.log.filter((e) => e.method === 'DELETE' || e.method === 'POST').length, 0);
  });

  it('rejects an unknown entitlement name instead of sending it', async () => {
    await assert.rejects(
      run('dbxScim.editEntitlements', { host: emu.url, principal: NORA, entitlements: ['cluster-create'] }),
      /Unknown entitlement cluster-create/,
    );
  });

  it('searches users, service principals and groups by part of a name', async () => {
    const users = await run<SearchHit[]>('dbxScim.search', { host: emu.url, query: 'jensen' });
    assert.ok(
      users.some((h) => h.kind === 'user' && h.userName === NORA && h.id === idOfUser(NORA) && h.host === emu.url),
      JSON.stringify(users),
    );
    const sps = await run<SearchHit[]>('dbxScim.search', { host: emu.url, query: 'airflow' });
    assert.deepEqual(
      sps.map((h) => [h.kind, h.applicationId]),
      [['servicePrincipal', AIRFLOW_SP]],
    );
    const groups = await run<SearchHit[]>('dbxScim.search', { host: emu.url, query: 'analysts' });
    assert.deepEqual(
      groups
        .filter((h) => h.kind === 'group')
        .map((h) => h.displayName)
        .sort(),
      ['analysts', 'finance-analysts'],
    );
    assert.deepEqual(await run<SearchHit[]>('dbxScim.search', { host: emu.url, query: 'nobody-has-this-name' }), []);
    await waitFor(
      () => logText().includes('Search for "nobody-has-this-name" in 1 workspace: 0 found.'),
      'terms logged',
    );
  });

  it('copies the id of a user node from the tree, and the host of its workspace node', async () => {
    const workspace = (await explorer().children()).find((n) => n.kind === 'workspace' && n.host === emu.url);
    assert.ok(workspace, 'the workspace is a root node');
    const users = (await explorer().children(workspace)).find((n) => n.kind === 'folder' && n.folder === 'users');
    assert.ok(users, 'the workspace has a Users folder');
    const nora = (await explorer().children(users)).find((n) => n.kind === 'user' && n.userName === NORA);
    assert.ok(nora, 'Nora is on the first page of users');
    assert.equal(await run<string>('dbxScim.copyId', nora), idOfUser(NORA));
    assert.equal(await vscode.env.clipboard.readText(), idOfUser(NORA));
    await run('dbxScim.copyId', workspace);
    assert.equal(await vscode.env.clipboard.readText(), emu.url);
  });

  it('does not remove a member from a real member node without consent', async () => {
    const contractors = emu.state.findGroup('contractors');
    assert.ok(contractors);
    const group = await explorer().revealPrincipal(emu.url, 'group', contractors.id, { select: false, focus: false });
    const member = (await explorer().children(group)).find(
      (n) => n.kind === 'member' && n.detail === 'kenji.sato@contoso.com',
    );
    assert.ok(member, 'kenji is shown as a member of contractors');
    assert.equal(await run<unknown>('dbxScim.removeMember', member), undefined);
    assert.ok(membersOf('contractors').has(idOfUser('kenji.sato@contoso.com')));
  });
});

describe('admin console links', () => {
  it('points users, groups, service principals and members at their identity-and-access page', () => {
    const host = 'https://adb-1.2.azuredatabricks.net';
    const base = { host, parent: undefined, key: 'k' };
    const page = `${host}/settings/workspace/identity-and-access`;
    assert.equal(linksOf({ ...base, kind: 'user', id: '11', userName: 'a@b.c' }).url, `${page}/users/11`);
    assert.equal(linksOf({ ...base, kind: 'group', id: '22', displayName: 'g' }).url, `${page}/groups/22`);
    assert.equal(
      linksOf({ ...base, kind: 'servicePrincipal', id: '33', applicationId: 'x' }).url,
      `${page}/service-principals/33`,
    );
    assert.equal(
      linksOf({
        ...base,
        kind: 'member',
        id: '44',
        groupId: '22',
        groupName: 'g',
        memberKind: 'servicePrincipal',
        display: 'sp',
      }).url,
      `${page}/service-principals/44`,
    );
    assert.equal(linksOf({ ...base, kind: 'workspace', name: 'w', auth: 'pat' }).url, host);
    const assignment = {
      ...base,
      kind: 'assignment',
      principalKind: 'group',
      principalId: '55',
      display: 'g',
      permissions: ['USER'],
    } as const;
    assert.deepEqual(linksOf(assignment), { id: '55', url: `${page}/groups/55` });
  });

  it('gives account rows their id and no workspace page (they may not be in this workspace)', () => {
    const base = { host: 'https://adb-1.2.azuredatabricks.net', parent: undefined, key: 'k', accountId: 'acc-1' };
    assert.deepEqual(linksOf({ ...base, kind: 'account', workspaces: [] }), { id: 'acc-1' });
    assert.deepEqual(linksOf({ ...base, kind: 'accountPrincipal', principalKind: 'user', id: '66', display: 'A' }), {
      id: '66',
    });
  });
});

describe('member picker title', () => {
  const opts = { title: 'Add members to data-eng' };
  it('says nobody matches only when the search found nobody', () => {
    assert.equal(pickerTitle(opts, 'zed', 0), 'Add members to data-eng — no principals match "zed"');
    assert.equal(
      pickerTitle({ ...opts, kinds: ['user'] }, ' zed ', 0),
      'Add members to data-eng — no users match "zed"',
    );
  });
  it('keeps the plain title when the only match is ticked already or shown as a member, or nothing was typed', () => {
    assert.equal(pickerTitle(opts, 'grace', 1), opts.title);
    assert.equal(pickerTitle(opts, '', 0), opts.title);
  });
  it('names the failure when the search failed', () => {
    assert.equal(
      pickerTitle(opts, 'grace', 0, 'Databricks is rate-limiting'),
      `${opts.title} — Databricks is rate-limiting`,
    );
  });
});
