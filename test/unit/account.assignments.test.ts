// Workspace permission assignments on the account host: list, assign, change, unassign, with the
// int64 ids of the wire kept exact (a JSON.parse of 9007199254740993 gives ...992: another principal).

import { strict as assert } from 'node:assert';
import { WorkspaceAssignments } from '../../src/core/account/assignments';
import { startAccountRig, type AccountRig } from './support/accountRig';
import { forEachTest } from './support/lifecycle';

const BIG_ID = '9007199254740993';

describe('workspace permission assignments against the emulator', function () {
  this.timeout(20000);
  let r: AccountRig;
  let assignments: WorkspaceAssignments;
  forEachTest(
    () => startAccountRig({ workspaces: 2 }),
    (started) => {
      r = started;
      assignments = r.client().assignments;
    },
  );

  function bigUser(): void {
    r.emu.state.commit([
      {
        put: {
          kind: 'user',
          id: BIG_ID,
          userName: 'big.id@contoso.com',
          displayName: 'Big Id',
          active: true,
          emails: ['big.id@contoso.com'],
          entitlements: [],
          roles: [],
          created: Date.now(),
        },
      },
    ]);
  }

  it('assigns, upgrades and unassigns a user, a group and a service principal on another workspace', async () => {
    const ws = r.emu.workspaces[1]?.workspaceId;
    assert.ok(ws);
    const user = r.emu.state.createUser({ userName: 'assignee@contoso.com' });
    const group = r.emu.state.createGroup({ displayName: 'acct-assigned', accountGroup: true });
    const [sp] = r.emu.state.servicePrincipals.toArray();
    assert.ok(sp);
    const before = await assignments.list(ws);
    assert.ok(!before.some((a) => [user.id, group.id, sp.id].includes(a.principal.principalId)));

    const made = await assignments.assign(ws, user.id, ['USER']);
    assert.deepEqual(made?.permissions, ['USER']);
    assert.equal(made?.principal.kind, 'user');
    assert.equal(made?.principal.name, 'assignee@contoso.com');
    await assignments.assign(ws, group.id, ['USER']);
    await assignments.assign(ws, sp.id, ['USER']);
    await assignments.assign(ws, user.id, ['USER', 'ADMIN']);

    const listed = await assignments.list(ws);
    const byId = new Map(listed.map((a) => [a.principal.principalId, a]));
    assert.deepEqual(byId.get(user.id)?.permissions, ['ADMIN']);
    assert.equal(byId.get(group.id)?.principal.kind, 'group');
    assert.equal(byId.get(group.id)?.principal.name, 'acct-assigned');
    assert.equal(byId.get(sp.id)?.principal.kind, 'servicePrincipal');
    assert.equal(byId.get(sp.id)?.principal.name, sp.applicationId);

    await assignments.unassign(ws, user.id);
    assert.equal(
      (await assignments.list(ws)).some((a) => a.principal.principalId === user.id),
      false,
    );
    assert.equal(r.emu.account.state.permissionIn(ws, user.id), undefined);
  });

  it('keeps ids above 2^53 exact in answers, and uses them exactly in paths', async () => {
    bigUser();
    const ws = r.emu.workspaceId;
    const made = await assignments.assign(ws, BIG_ID, ['USER']);
    assert.equal(made?.principal.principalId, BIG_ID);
    const listed = await assignments.list(ws);
    assert.ok(listed.some((a) => a.principal.principalId === BIG_ID));
    assert.equal(JSON.stringify(JSON.parse(`{"principal_id":${BIG_ID}}`)), '{"principal_id":9007199254740992}');
    const put = r.accountRequests(`/workspaces/${ws}/permissionassignments/principals/`, 'PUT').at(-1);
    assert.ok(put?.path.endsWith(`/principals/${BIG_ID}`));
  });

  it('never sends an empty permission list (the service would read it as "remove")', async () => {
    const user = r.emu.state.createUser({ userName: 'keep@contoso.com' });
    const ws = r.emu.workspaceId;
    await assignments.assign(ws, user.id, ['USER']);
    await assert.rejects(assignments.assign(ws, user.id, []), /unassign/);
    assert.equal(r.emu.account.state.permissionIn(ws, user.id), 'USER');
  });

  it('an unknown workspace is a typed 404; a workspace id that is not a number is refused before sending', async () => {
    await assert.rejects(assignments.list('1234'), (e: unknown) => (e as { status?: number }).status === 404);
    await assert.rejects(assignments.list('12/../../x'), /decimal number/);
  });
});
