// Where Create Group… puts a new group and how (src/ui/principals/groupScope.ts and
// accountGroupCreate.ts): the choice and its words, the default (an account group wherever the
// workspace's account is found), and the account creation with the real account and Identity v2
// clients against the emulator — route, assignment, refusals and a taken name.

import { strict as assert } from 'node:assert';
import { IdentityV2Client, IdentityV2Support } from '../../src/core/account/identityV2';
import type { AccountAccess } from '../../src/ui/common/connection';
import {
  createAccountGroup,
  createRefusal,
  createRoute,
  duplicateMessage,
} from '../../src/ui/principals/accountGroupCreate';
import { defaultScope, parseScope, scopeChoices, WORKSPACE_LOCAL_LEGACY } from '../../src/ui/principals/groupScope';
import { startAccountRig, type AccountRig } from './support/accountRig';
import { forEachTest } from './support/lifecycle';

const ELENA = 'elena.petrova@contoso.com'; // neither account admin nor admin of workspace #1

describe('create group: where it lives (pure)', () => {
  it('defaults to an account group where the account is found, else workspace-local', () => {
    assert.equal(defaultScope(true), 'account');
    assert.equal(defaultScope(false), 'workspace');
  });

  it('offers the account group first and labels the workspace-local one legacy; without the account, only that', () => {
    const federated = scopeChoices(true);
    assert.deepEqual(
      federated.map((c) => [c.scope, c.label]),
      [
        ['account', 'Account group (recommended)'],
        ['workspace', 'Workspace-local (legacy)'],
      ],
    );
    assert.equal(
      federated[1]?.detail,
      'Workspace-local (legacy): cannot get Unity Catalog grants or be assigned to other workspaces',
    );
    assert.match(WORKSPACE_LOCAL_LEGACY, /^workspace-local \(legacy\): cannot get Unity Catalog grants/);
    assert.deepEqual(
      scopeChoices(false).map((c) => c.scope),
      ['workspace'],
    );
  });

  it("reads a caller's scope: absent, one of the two words, or refused", () => {
    assert.equal(parseScope(undefined), undefined);
    assert.equal(parseScope('account'), 'account');
    assert.equal(parseScope('workspace'), 'workspace');
    assert.throws(() => parseScope('Account'), /"scope" must be "account" or "workspace", not "Account"/);
    assert.throws(() => parseScope(1), /not 1/);
  });

  it('takes Identity v2 where the workspace has it, else account SCIM; refusals come from the routing table', () => {
    assert.equal(createRoute(true), 'identityV2');
    assert.equal(createRoute(false), 'accountScim');
    assert.match(
      createRefusal('identityV2'),
      /^Creating an account group needs an account admin \(or a workspace admin/,
    );
    assert.match(createRefusal('accountScim'), /^This workspace does not offer the Identity API \(Beta\)/);
    assert.equal(duplicateMessage('x'), 'A group named "x" already exists in the account.');
  });
});

describe('create group: an account group from a workspace (emulator)', function () {
  this.timeout(20000);
  let r: AccountRig;
  forEachTest(
    () => startAccountRig({ workspaces: 2 }),
    (started) => (r = started),
  );

  const ws1 = () => r.emu.workspaces[0] ?? assert.fail('workspace #1');
  const access = (userName: string | undefined, ws = ws1()): AccountAccess => ({
    accountId: r.emu.account.id,
    workspaceId: ws.workspaceId,
    client: r.client(userName ? { userName } : {}),
    identityV2: new IdentityV2Client(ws.url, r.workspaceHttp(userName, ws.url), new IdentityV2Support()),
  });

  it('with Identity v2: one POST there, nothing on the account host, assigned to the workspace', async () => {
    const { group, route } = await createAccountGroup(access(undefined), 'u-v2');
    assert.equal(route, 'identityV2');
    assert.equal(group.source, 'account');
    assert.equal(r.emu.state.findGroup('u-v2')?.id, group.id);
    assert.equal(
      r.emu.account.state.assignmentsOf(ws1().workspaceId).some((a) => a.principalId === group.id),
      true,
    );
    assert.equal(r.accountRequests('', 'POST').length + r.accountRequests('', 'PUT').length, 0);
  });

  it('without Identity v2: account SCIM, then a USER assignment on the workspace', async () => {
    r.emu.setKnobs({ identityV2: false });
    const { group, route } = await createAccountGroup(access(undefined), 'u-scim');
    assert.equal(route, 'accountScim');
    assert.equal(r.accountRequests('/scim/v2/Groups', 'POST').length, 1);
    const assignment = r.emu.account.state.assignmentsOf(ws1().workspaceId).find((a) => a.principalId === group.id);
    assert.equal(assignment?.permission, 'USER');
  });

  it('a taken name is one sentence on either route', async () => {
    await assert.rejects(createAccountGroup(access(undefined), 'data-science'), {
      message: 'A group named "data-science" already exists in the account.',
    });
    r.emu.setKnobs({ identityV2: false });
    await assert.rejects(createAccountGroup(access(undefined), 'data-science'), {
      message: 'A group named "data-science" already exists in the account.',
    });
  });

  it('a 403 is the routing refusal of the route taken; nothing is created', async () => {
    await assert.rejects(createAccountGroup(access(ELENA), 'u-refused'), { message: createRefusal('identityV2') });
    r.emu.setKnobs({ identityV2: false });
    await assert.rejects(createAccountGroup(access(ELENA), 'u-refused'), { message: createRefusal('accountScim') });
    assert.equal(r.emu.state.findGroup('u-refused'), undefined);
  });
});
