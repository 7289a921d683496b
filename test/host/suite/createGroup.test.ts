// Create Group… in a real extension host against the emulator's account and two workspaces over
// real HTTP: on an identity-federated workspace a new group is an ACCOUNT group by default (Identity
// v2 on a workspace that offers it; account SCIM plus an assignment on one that does not), shown in
// the workspace's SCIM as an account group; `scope: 'workspace'` still makes a workspace-local one;
// a taken name is said in one sentence.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../emulator';
import { connectAccountEmulator, disconnectAccountEmulator } from './accountGroupsSupport';
import { activateExtension } from './support';

interface CreatedGroup {
  id: string;
  displayName: string;
  source?: string;
}

describe('create group: an account group by default, workspace-local on request', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let token: string;

  const run = <T>(command: string, arg: unknown) => vscode.commands.executeCommand<T>(command, arg) as Promise<T>;
  const ws = (i: number) => emu.workspaces[i] ?? assert.fail(`workspace #${i + 1} exists`);
  const posts = (pathPart: string) => emu.log.filter((e) => e.method === 'POST' && e.path.includes(pathPart));
  /** The group as a workspace's own SCIM shows it (the admin's PAT), or undefined when it is not seen there. */
  const inWorkspaceScim = async (url: string, id: string) => {
    const res = await fetch(`${url}/api/2.0/preview/scim/v2/Groups/${id}`, {
      headers: { Authorization: `Bearer ${emu.adminToken}` },
    });
    if (res.status === 404) return undefined;
    assert.equal(res.status, 200, `GET Groups/${id} on ${url}`);
    return (await res.json()) as { displayName: string; meta?: { resourceType?: string } };
  };

  before(async () => {
    await activateExtension();
    emu = await startEmulator({ dataset: 'demo', workspaces: 2 });
    // Workspace #1 offers the Identity API (Beta), #2 does not (account SCIM and an assignment).
    emu.setKnobs({ identityV2: [ws(0).workspaceId] });
    token = emu.entraToken();
    await connectAccountEmulator(emu, 'create-group');
  });

  after(async () => {
    await disconnectAccountEmulator(emu);
    await emu.close();
  });

  it('makes an account group by default, through Identity v2, seen by the workspace as an account group', async () => {
    emu.clearLog();
    const group = await run<CreatedGroup>('dbxScim.createGroup', { host: ws(0).url, displayName: 'cg-analysts' });
    assert.equal(group.displayName, 'cg-analysts');
    assert.equal(group.source, 'account');
    const rec = emu.state.findGroup('cg-analysts');
    assert.equal(rec?.id, group.id);
    assert.equal(rec?.accountGroup, true, 'an account group in the emulator');
    assert.equal((await inWorkspaceScim(ws(0).url, group.id))?.meta?.resourceType, 'Group');
    assert.equal(posts('/api/2.0/identity/groups').length, 1, 'one Identity v2 POST');
    assert.equal(posts('/scim/v2/Groups').length, 0, 'no SCIM POST, neither workspace nor account');
  });

  it('without Identity v2: account SCIM, then assigned to the workspace so it shows there', async () => {
    emu.clearLog();
    const group = await run<CreatedGroup>('dbxScim.createGroup', {
      host: ws(1).url,
      displayName: 'cg-stewards',
      accountToken: token,
    });
    assert.equal(emu.state.findGroup('cg-stewards')?.accountGroup, true);
    const accountPosts = emu.log.filter((e) => e.host === 'account' && e.method === 'POST');
    assert.deepEqual(
      accountPosts.map((e) => e.path),
      [`/api/2.0/accounts/${emu.account.id}/scim/v2/Groups`],
    );
    assert.equal(emu.log.filter((e) => e.host !== 'account' && e.method === 'POST').length, 0, 'no workspace POST');
    const assigned = emu.log.filter((e) => e.host === 'account' && e.method === 'PUT');
    assert.equal(assigned.length, 1, 'one assignment');
    assert.match(
      assigned[0]?.path ?? '',
      new RegExp(`/workspaces/${ws(1).workspaceId}/permissionassignments/principals/${group.id}$`),
    );
    for (const e of emu.log.filter((x) => x.host === 'account'))
      assert.equal(e.authorization, `Bearer ${token}`, `${e.method} ${e.path}`);
    assert.equal((await inWorkspaceScim(ws(1).url, group.id))?.meta?.resourceType, 'Group');
  });

  it("scope 'workspace' makes a workspace-local group through workspace SCIM, as before", async () => {
    emu.clearLog();
    const group = await run<CreatedGroup>('dbxScim.createGroup', {
      host: ws(0).url,
      displayName: 'cg-local',
      scope: 'workspace',
    });
    assert.equal(emu.state.findGroup('cg-local')?.accountGroup, false);
    assert.equal((await inWorkspaceScim(ws(0).url, group.id))?.meta?.resourceType, 'WorkspaceGroup');
    assert.equal(posts('/preview/scim/v2/Groups').length, 1, 'one workspace SCIM POST');
    assert.equal(posts('/api/2.0/identity/').length + emu.log.filter((e) => e.host === 'account').length, 0);
  });

  it('a taken name is said plainly; a scope that is neither word is refused before anything is sent', async () => {
    await assert.rejects(
      run('dbxScim.createGroup', { host: ws(0).url, displayName: 'cg-analysts' }),
      (err: Error) => err.message === 'A group named "cg-analysts" already exists in the account.',
    );
    await assert.rejects(
      run('dbxScim.createGroup', { host: ws(1).url, displayName: 'cg-stewards', accountToken: token }),
      (err: Error) => err.message === 'A group named "cg-stewards" already exists in the account.',
    );
    emu.clearLog();
    await assert.rejects(
      run('dbxScim.createGroup', { host: ws(0).url, displayName: 'cg-other', scope: 'tenant' }),
      /"scope" must be "account" or "workspace"/,
    );
    assert.equal(emu.log.filter((e) => e.method === 'POST').length, 0);
  });
});
