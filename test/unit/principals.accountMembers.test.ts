// How the extension changes the members of an account group (src/ui/principals/accountMembers.ts),
// with the real account and Identity v2 clients against the emulator: the route (Identity v2 where
// the workspace has it, else account SCIM), the read-back, and the words for a refusal and for a
// write that was accepted and dropped. Also the workspace emulator's rule that an account group's
// entitlements, and only they, may be changed through workspace SCIM.

import { strict as assert } from 'node:assert';
import { IdentityV2Client, IdentityV2Support } from '../../src/core/account/identityV2';
import { changeAccountMembers, memberRoute, type AccountMemberChange } from '../../src/ui/principals/accountMembers';
import type { AccountAccess } from '../../src/ui/common/connection';
import { httpFor } from './support/builders';
import { startAccountRig, type AccountRig } from './support/accountRig';
import { forEachTest } from './support/lifecycle';

const MATEO = 'mateo.garcia@contoso.com';
const ANDRE = 'andre.silva@contoso.com';
const AISHA = 'aisha.khan@contoso.com';
const BEN = 'ben.carter@contoso.com'; // manager of data-science, not an account admin
const ELENA = 'elena.petrova@contoso.com';

describe('account group members from the extension (routes, read-back, refusals)', function () {
  this.timeout(20000);
  let r: AccountRig;
  forEachTest(
    () => startAccountRig({ workspaces: 2 }),
    (started) => (r = started),
  );

  const ws2 = () => r.emu.workspaces[1]?.url ?? '';
  const idOf = (userName: string) => {
    const u = r.emu.state.findUser(userName);
    assert.ok(u, userName);
    return u.id;
  };
  const groupOf = (name: string) => {
    const g = r.emu.state.findGroup(name);
    assert.ok(g, name);
    return g;
  };
  /** What ConnectionManager.account hands the service, for `userName` on workspace `url`. */
  const access = (userName: string | undefined, url = r.emu.url): AccountAccess => ({
    accountId: r.emu.account.id,
    workspaceId: '',
    client: r.client(userName ? { userName } : {}),
    identityV2: new IdentityV2Client(url, r.workspaceHttp(userName, url), new IdentityV2Support()),
  });
  const change = (group: string, add: string[], remove: string[] = []): AccountMemberChange => ({
    groupId: groupOf(group).id,
    groupName: group,
    add: add.map(idOf),
    remove: remove.map(idOf),
    names: new Map([...add, ...remove].map((n) => [idOf(n), n])),
  });

  it('takes Identity v2 where the workspace has it, else account SCIM (the routing table decides)', () => {
    assert.equal(memberRoute('addMember', true), 'identityV2');
    assert.equal(memberRoute('removeMember', false), 'accountScim');
  });

  it('without Identity v2: adds in one account SCIM PATCH and reads the group back', async () => {
    r.emu.setKnobs({ identityV2: false });
    const route = await changeAccountMembers(access(undefined), change('all-employees', [MATEO, ANDRE]));
    assert.equal(route, 'accountScim');
    assert.equal(r.accountRequests('/scim/v2/Groups', 'PATCH').length, 1);
    assert.ok(groupOf('all-employees').members.has(idOf(MATEO)) && groupOf('all-employees').members.has(idOf(ANDRE)));
  });

  it('a write accepted and dropped is said as such, with the names', async () => {
    r.emu.setKnobs({ identityV2: false, silentNoOpMembershipWrites: true });
    await assert.rejects(changeAccountMembers(access(undefined), change('all-employees', [MATEO, ANDRE])), {
      message:
        `Databricks accepted the change but ${MATEO}, ${ANDRE} are still not members of "all-employees"; ` +
        'nothing else was changed. Try again, or check the group in the account console.',
    });
    await assert.rejects(changeAccountMembers(access(undefined), change('all-employees', [], [AISHA])), {
      message:
        `Databricks accepted the change but ${AISHA} is still a member of "all-employees"; ` +
        'nothing else was changed. Try again, or check the group in the account console.',
    });
  });

  it('a 403 on account SCIM becomes the routing refusal for a workspace without Identity v2', async () => {
    r.emu.setKnobs({ identityV2: false });
    await assert.rejects(
      changeAccountMembers(access(BEN), change('all-employees', [MATEO])),
      /does not offer the Identity API \(Beta\), so from here the members of an account group can only be changed by an account admin/,
    );
    assert.equal(groupOf('all-employees').members.has(idOf(MATEO)), false);
  });

  it('with Identity v2 a group manager adds and removes, one request per member, read back', async () => {
    const c = change('data-science', [AISHA, ELENA]);
    assert.equal(await changeAccountMembers(access(BEN, ws2()), c), 'identityV2');
    const posts = r.emu.log.filter((e) => e.method === 'POST' && e.path.endsWith('/direct-members'));
    assert.equal(posts.length, 2);
    assert.ok(groupOf('data-science').members.has(idOf(AISHA)));
    await changeAccountMembers(access(BEN, ws2()), change('data-science', [], [ELENA]));
    assert.equal(groupOf('data-science').members.has(idOf(ELENA)), false);
    assert.equal(r.accountRequests('/scim/v2/Groups', 'PATCH').length, 0);
  });

  it('a 403 on Identity v2 becomes the refusal that names account admins and group managers', async () => {
    await assert.rejects(
      changeAccountMembers(access(ELENA, ws2()), change('data-science', [AISHA])),
      /managed at account level, by account admins and by managers of the group/,
    );
  });
});

describe('workspace emulator: an account group through workspace SCIM', function () {
  this.timeout(20000);
  let r: AccountRig;
  forEachTest(
    () => startAccountRig(),
    (started) => (r = started),
  );

  const patch = async (ops: unknown[]) => {
    const group = r.emu.state.findGroup('all-employees');
    assert.ok(group);
    const http = httpFor(r.emu.url, r.emu.adminToken);
    try {
      const res = await http.request({
        method: 'PATCH',
        url: `${r.emu.url}/api/2.0/preview/scim/v2/Groups/${group.id}`,
        json: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: ops },
      });
      return { status: res.status, text: res.bodyText, group: r.emu.state.findGroup('all-employees') };
    } finally {
      await http.close();
    }
  };

  it('accepts a PATCH of entitlements only; refuses members, names and a mix, changing nothing', async () => {
    const ok = await patch([{ op: 'add', path: 'entitlements', value: [{ value: 'allow-cluster-create' }] }]);
    assert.ok(ok.status < 300, ok.text);
    assert.ok(ok.group?.entitlements.includes('allow-cluster-create'));
    const members = ok.group?.members.size;
    for (const ops of [
      [{ op: 'add', path: 'members', value: [{ value: r.admin.id }] }],
      [{ op: 'replace', path: 'displayName', value: 'everyone' }],
      [
        { op: 'remove', path: 'entitlements[value eq "allow-cluster-create"]' },
        { op: 'add', path: 'members', value: [{ value: r.admin.id }] },
      ],
    ]) {
      const refused = await patch(ops);
      assert.equal(refused.status, 400);
      assert.match(refused.text, /is an account group and cannot be modified through the workspace SCIM API/);
      assert.equal(refused.group?.members.size, members);
      assert.equal(refused.group?.displayName, 'all-employees');
      assert.ok(refused.group?.entitlements.includes('allow-cluster-create'));
    }
  });
});
