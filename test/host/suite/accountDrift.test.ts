// Reconcile of an ACCOUNT group in a real extension host, against the emulator's account and two
// workspaces and the Graph emulator of the same demo org, over real HTTP: all-employees is an account
// group in workspaces #1 and #2, so its members are added and removed at account level (the
// handed-in accountToken, never the workspace PAT) and read back: through account SCIM on #1, which
// lacks the Identity API, through Identity v2 on #2, which has it; no workspace SCIM PATCH.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReconcileOutcome } from '../../../src/ui/drift/reconcileFlow';
import { startEmulator, type Emulator } from '../../emulator';
import { startGraphEmulator, type GraphEmulator } from '../../emulator/graph';
import { withConsent } from './actionsSupport';
import { connectAccountEmulator, disconnectAccountEmulator, setUserSetting } from './accountGroupsSupport';
import { activateExtension } from './support';

const GROUP = 'all-employees';
const DROPPED = 'daniel.okafor@contoso.com';
const STRAY = 'temp.contractor@contoso.com';
const ON_WS2 = 'aisha.khan@contoso.com';

describe('account drift: reconcile an account group through the account', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let graph: GraphEmulator;
  let token: string;

  before(async () => {
    await activateExtension();
    [emu, graph] = await Promise.all([
      startEmulator({ dataset: 'demo', workspaces: 2 }),
      startGraphEmulator({ org: 'demo' }),
    ]);
    emu.setKnobs({ identityV2: [emu.workspaces[1]?.workspaceId ?? ''], strictMemberRemove: true });
    token = emu.entraToken();
    await setUserSetting('entra.graphEndpoint', graph.url);
    await connectAccountEmulator(emu, 'account-drift');
  });

  after(async () => {
    await disconnectAccountEmulator(emu);
    await setUserSetting('entra.graphEndpoint', undefined);
    await setUserSetting('reconcile.allowRemovals', undefined);
    await Promise.all([emu.close(), graph.close()]);
  });

  it('account SCIM: adds the missing member and removes the stray one; the compare after is clean', async () => {
    const host = emu.workspaces[0]?.url ?? '';
    const group = emu.state.findGroup(GROUP);
    const dropped = emu.state.findUser(DROPPED);
    assert.ok(group?.accountGroup && dropped);
    emu.state.removeMember(group.id, dropped.id);
    const stray = emu.state.createUser({ userName: STRAY, displayName: 'Temp Contractor' });
    emu.state.addMember(group.id, stray.id);
    await setUserSetting('reconcile.allowRemovals', true);
    emu.clearLog();

    const outcome = await withConsent(['Remove Them Too'], () =>
      vscode.commands.executeCommand<ReconcileOutcome>('dbxScim.reconcile', {
        host,
        group: GROUP,
        graphToken: graph.token,
        accountToken: token,
        apply: true,
        allowRemovals: true,
      }),
    );
    assert.equal(outcome.applied, true);
    assert.deepEqual(outcome.result?.failed, []);
    assert.deepEqual(outcome.result?.applied.map((a) => [a.step, a.key]).sort(), [
      ['addMembers', DROPPED],
      ['removeMember', STRAY],
    ]);
    const members = emu.state.findGroup(GROUP)?.members;
    assert.ok(members?.has(dropped.id) && !members.has(stray.id));
    assert.deepEqual(
      outcome.remaining?.filter((f) => f.kind !== 'caseMismatch'),
      [],
    );

    const patches = emu.log.filter((e) => e.method === 'PATCH');
    assert.ok(patches.length >= 2, `PATCHes: ${patches.map((e) => `${e.host} ${e.path}`).join(', ')}`);
    for (const e of patches) {
      assert.equal(e.host, 'account', `${e.method} ${e.path} went to the account`);
      assert.equal(e.authorization, `Bearer ${token}`);
    }
    const onAccount = emu.log.filter((e) => e.host === 'account');
    assert.ok(
      onAccount.every((e) => e.authorization === `Bearer ${token}`),
      'only the Entra token on the account',
    );
  });

  it('Identity v2: on a workspace that offers it the member is added with a direct-members POST', async () => {
    const ws2 = emu.workspaces[1]?.url ?? '';
    const group = emu.state.findGroup(GROUP);
    // Assigned to #2 directly, so still seen there once out of the group (a user seen only through
    // the group would need creating first).
    const dropped = emu.state.findUser(ON_WS2);
    assert.ok(group && dropped);
    emu.state.removeMember(group.id, dropped.id);
    emu.clearLog();
    const outcome = await withConsent([], () =>
      vscode.commands.executeCommand<ReconcileOutcome>('dbxScim.reconcile', {
        host: ws2,
        group: GROUP,
        graphToken: graph.token,
        accountToken: token,
        apply: true,
      }),
    );
    assert.ok(
      outcome.result?.applied.some((a) => a.step === 'addMembers' && a.key === ON_WS2),
      JSON.stringify(outcome.result),
    );
    assert.ok(emu.state.findGroup(GROUP)?.members.has(dropped.id));
    const posts = emu.log.filter((e) => e.method === 'POST' && e.path.endsWith('/direct-members'));
    assert.equal(posts.length, 1, 'one POST for the one member');
    assert.ok(
      posts.every((e) => e.host === emu.workspaces[1]?.workspaceId),
      'on workspace #2',
    );
    assert.deepEqual(
      emu.log.filter((e) => e.method === 'PATCH').map((e) => `${e.host} ${e.path}`),
      [],
    );
  });
});
