// Account groups of an identity-federated workspace, in a real extension host against the emulator's
// account and two workspaces over real HTTP: members change through the account (account SCIM on
// workspace #1, which lacks the Identity API; Identity v2 on workspace #2, which has it) and are read
// back; a write the service accepts and drops is said as such; entitlements go through workspace
// SCIM. The account token is handed in as `accountToken`; the workspace PAT never reaches the account.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestHooks } from '../../../src/ui/dev/testHooks';
import { startEmulator, type Emulator } from '../../emulator';
import { withConsent } from './actionsSupport';
import {
  connectAccountEmulator,
  disconnectAccountEmulator,
  idOf,
  setUserSetting,
  shownMembers,
} from './accountGroupsSupport';
import { activateExtension, waitFor } from './support';
import { extensionHostLogDir, readAllFiles } from './workspacesSupport';

interface AddMembersResult {
  added: string[];
  unknown: string[];
}

const MATEO = 'mateo.garcia@contoso.com';
const ANDRE = 'andre.silva@contoso.com';
const ETL_SP = '61c54a14-24e4-50b3-bf06-b0f46d43c6e4';
const POWERBI_SP = '46b98112-6034-5ab1-b872-e47bb91a058e';
const ON_WS2 = ['aisha.khan@contoso.com', 'ben.carter@contoso.com', 'chloe.dubois@contoso.com'];

describe('account groups: members through the account, entitlements through the workspace', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let hooks: TestHooks | undefined;
  let token: string;

  const run = <T>(command: string, arg: unknown) => vscode.commands.executeCommand<T>(command, arg) as Promise<T>;
  const ws1 = () => emu.workspaces[0]?.url ?? '';
  const ws2 = () => emu.workspaces[1]?.url ?? '';
  const accountRequests = (method: string) => emu.log.filter((e) => e.host === 'account' && e.method === method);
  const group = (name: string) => {
    const g = emu.state.findGroup(name);
    assert.ok(g, `group ${name} exists in the emulator`);
    return g;
  };
  const explorer = () => {
    assert.ok(hooks, 'activate() returned the test hooks (DBX_SCIM_TEST_HOOKS=1)');
    return hooks.explorer;
  };
  /** Every request the account host saw carried the handed-in Entra token, never the PAT. */
  const onlyEntraOnAccount = () => {
    const seen = emu.log.filter((e) => e.host === 'account');
    assert.ok(seen.length > 0, 'the account host was asked');
    for (const e of seen) assert.equal(e.authorization, `Bearer ${token}`, `${e.method} ${e.path}`);
  };
  const logText = () => {
    assert.ok(hooks);
    return readAllFiles(extensionHostLogDir(hooks));
  };

  before(async () => {
    hooks = (await activateExtension<TestHooks | undefined>()).exports;
    emu = await startEmulator({ dataset: 'demo', workspaces: 2 });
    // Workspace #1 without the Identity API (account SCIM), #2 with it (Identity v2).
    emu.setKnobs({ identityV2: [emu.workspaces[1]?.workspaceId ?? ''], strictMemberRemove: true });
    token = emu.entraToken();
    await connectAccountEmulator(emu, 'account-groups');
  });

  after(async () => {
    await disconnectAccountEmulator(emu);
    await emu.close();
  });

  it('without the discovery document, a call nobody started says how to set the account id; nothing is sent', async () => {
    emu.setKnobs({ wellKnownConfig: [emu.workspaces[0]?.workspaceId ?? ''] });
    emu.clearLog();
    try {
      await assert.rejects(
        run('dbxScim.addMembers', { host: ws2(), group: 'data-science', principals: ON_WS2, accountToken: token }),
        /does not say which Databricks account it belongs to .*asks for the account id/,
      );
    } finally {
      emu.setKnobs({ wellKnownConfig: true });
    }
    assert.equal(emu.log.filter((e) => e.host === 'account' || e.path.includes('/identity/')).length, 0);
  });

  it('an account host that is not Azure Databricks gets no token unless confirmed', async () => {
    await setUserSetting('account.host', 'https://accounts.example.com');
    try {
      await assert.rejects(
        run('dbxScim.addMembers', { host: ws1(), group: 'all-employees', principals: [ANDRE], accountToken: token }),
        /not sent to https:\/\/accounts\.example\.com .*not an Azure Databricks host/,
      );
    } finally {
      await setUserSetting('account.host', emu.account.url);
    }
    assert.equal(group('all-employees').members.has(idOf(emu, ANDRE)), false);
  });

  it('adds three members to an account group with one account SCIM PATCH, read back and shown', async () => {
    const target = group('all-employees');
    assert.equal((await shownMembers(explorer(), ws1(), target.id)).includes(MATEO), false);
    emu.clearLog();
    const result = await run<AddMembersResult>('dbxScim.addMembers', {
      host: ws1(),
      group: 'all-employees',
      principals: [MATEO, ETL_SP, POWERBI_SP],
      accountToken: token,
    });
    assert.deepEqual(result, { added: [MATEO, ETL_SP, POWERBI_SP], unknown: [] });
    const patches = accountRequests('PATCH');
    assert.equal(patches.length, 1, `account PATCHes: ${patches.map((e) => e.path).join(', ')}`);
    assert.match(patches[0]?.path ?? '', new RegExp(`/accounts/${emu.account.id}/scim/v2/Groups/${target.id}$`));
    assert.ok(accountRequests('GET').length >= 1, 'the group was read back from the account');
    assert.equal(
      emu.log.filter((e) => e.host !== 'account' && e.method === 'PATCH').length,
      0,
      'no workspace SCIM PATCH was tried',
    );
    for (const name of [MATEO, ETL_SP, POWERBI_SP]) assert.ok(group('all-employees').members.has(idOf(emu, name)));
    onlyEntraOnAccount();
    await waitFor(async () => {
      const shown = await shownMembers(explorer(), ws1(), target.id);
      return [MATEO, ETL_SP, POWERBI_SP].every((n) => shown.includes(n));
    }, 'the three new members are shown under all-employees');
  });

  it('removes a member of an account group through account SCIM, in the strict form, after a yes', async () => {
    emu.clearLog();
    await withConsent([true], () =>
      run('dbxScim.removeMember', { host: ws1(), group: 'all-employees', principal: MATEO, accountToken: token }),
    );
    const patches = accountRequests('PATCH');
    assert.equal(patches.length, 1);
    assert.match(JSON.stringify(patches[0]?.body), /members\[value eq \\"[0-9]+\\"\]/);
    assert.equal(group('all-employees').members.has(idOf(emu, MATEO)), false);
    onlyEntraOnAccount();
  });

  it('says so when Databricks accepts the change but does not apply it; nothing claims success', async () => {
    emu.setKnobs({ silentNoOpMembershipWrites: true });
    try {
      await assert.rejects(
        run('dbxScim.addMembers', { host: ws1(), group: 'all-employees', principals: [ANDRE], accountToken: token }),
        new RegExp(
          `Databricks accepted the change but ${ANDRE.replace(/\./g, '\\.')} is still not a member of "all-employees"; ` +
            'nothing else was changed\\. Try again, or check the group in the account console\\.',
        ),
      );
    } finally {
      emu.setKnobs({ silentNoOpMembershipWrites: 0 });
    }
    assert.equal(group('all-employees').members.has(idOf(emu, ANDRE)), false);
    assert.doesNotMatch(logText(), new RegExp(`Added ${ANDRE.replace(/\./g, '\\.')}`));
  });

  it('uses Identity v2 where the workspace offers it: one request per member, read back', async () => {
    const target = group('data-science');
    emu.clearLog();
    const result = await run<AddMembersResult>('dbxScim.addMembers', {
      host: ws2(),
      group: 'data-science',
      principals: ON_WS2,
      accountToken: token,
    });
    assert.deepEqual(result, { added: ON_WS2, unknown: [] });
    const posts = emu.log.filter(
      (e) => e.method === 'POST' && e.path.endsWith(`/identity/groups/${target.id}/direct-members`),
    );
    assert.equal(posts.length, 3);
    assert.equal(accountRequests('PATCH').length, 0, 'nothing went through account SCIM');
    for (const name of ON_WS2) assert.ok(group('data-science').members.has(idOf(emu, name)));
    await waitFor(async () => {
      const shown = await shownMembers(explorer(), ws2(), target.id);
      return ON_WS2.every((n) => shown.includes(n));
    }, 'the new members are shown under data-science');

    emu.clearLog();
    await withConsent([true], () =>
      run('dbxScim.removeMember', { host: ws2(), group: 'data-science', principal: ON_WS2[2], accountToken: token }),
    );
    assert.equal(emu.log.filter((e) => e.method === 'DELETE' && e.path.includes('/direct-members/')).length, 1);
    assert.equal(group('data-science').members.has(idOf(emu, ON_WS2[2] ?? '')), false);
  });

  it('sets an account group’s entitlements through workspace SCIM and back', async () => {
    const before = [...group('all-employees').entitlements];
    emu.clearLog();
    await run('dbxScim.editEntitlements', {
      host: ws1(),
      principal: 'all-employees',
      entitlements: [...before, 'allow-cluster-create'],
    });
    assert.ok(group('all-employees').entitlements.includes('allow-cluster-create'));
    const patches = emu.log.filter((e) => e.method === 'PATCH');
    assert.equal(patches.length, 1);
    assert.notEqual(patches[0]?.host, 'account', 'entitlements are the workspace’s');
    await run('dbxScim.editEntitlements', { host: ws1(), principal: 'all-employees', entitlements: before });
    assert.deepEqual([...group('all-employees').entitlements].sort(), [...before].sort());
  });

  it('refuses a PAT handed in as the account token and sends nothing to the account host', async () => {
    emu.clearLog();
    await assert.rejects(
      run('dbxScim.addMembers', {
        host: ws1(),
        group: 'all-employees',
        principals: [ANDRE],
        accountToken: emu.adminToken,
      }),
      /takes a Microsoft Entra token, not a personal access token/,
    );
    assert.equal(emu.log.filter((e) => e.host === 'account').length, 0);
  });

  it('reaches the account before asking about a removal: a refused token or a non-member fails, nobody is asked', async () => {
    assert.ok(hooks);
    const consent = hooks.consent;
    const remove = (principal: string, accountToken: string) =>
      run('dbxScim.removeMember', { host: ws1(), group: 'all-employees', principal, accountToken });
    consent.clear();
    await assert.rejects(remove(MATEO, emu.adminToken), /takes a Microsoft Entra token, not a personal access token/);
    assert.deepEqual(consent.asked, [], 'no question before the account was reached');

    assert.equal(group('all-employees').members.has(idOf(emu, ANDRE)), false);
    emu.clearLog();
    await assert.rejects(
      remove(ANDRE, token),
      new RegExp(`${ANDRE.replace(/\./g, '\\.')} is not a direct member of the account group "all-employees"`),
    );
    assert.deepEqual(consent.asked, [], 'no question about someone who is not a member');
    assert.equal(accountRequests('PATCH').length, 0);
    onlyEntraOnAccount();
  });
});
