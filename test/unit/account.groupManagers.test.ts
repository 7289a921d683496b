// Group managers through the group's rule set: read-modify-write with the etag, one retry when
// someone else changed the rule set in between, and managers who may change it themselves.

import { strict as assert } from 'node:assert';
import { GROUP_MANAGER_ROLE, GroupManagers } from '../../src/core/account/groupManagers';
import { DatabricksError } from '../../src/core/databricks/errors';
import { ACCOUNT_ADMIN, startAccountRig, type AccountRig } from './support/accountRig';
import { forEachTest } from './support/lifecycle';

describe('group managers (rule sets) against the emulator', function () {
  this.timeout(20000);
  let r: AccountRig;
  let managers: GroupManagers;
  let gid: string;
  forEachTest(
    () => startAccountRig(),
    (started) => {
      r = started;
      managers = r.client().managers;
      gid = r.emu.state.createGroup({ displayName: 'acct-managed', accountGroup: true }).id;
    },
  );

  const ruleSetName = (): string => `accounts/${r.emu.account.id}/groups/${gid}/ruleSets/default`;

  it('adds and removes a manager, keeping the others', async () => {
    const sp = r.emu.state.servicePrincipals.toArray()[0];
    assert.ok(sp);
    assert.deepEqual(await managers.managers(gid), []);
    await managers.addManager(gid, { kind: 'user', userName: 'Admin@Contoso.com' });
    await managers.addManager(gid, { kind: 'servicePrincipal', applicationId: sp.applicationId });
    await managers.addManager(gid, { kind: 'user', userName: 'admin@contoso.com' });
    assert.deepEqual(await managers.managers(gid), [
      'users/admin@contoso.com',
      `servicePrincipals/${sp.applicationId}`,
    ]);
    const stored = r.emu.account.state.ruleSet(ruleSetName()).grantRules;
    assert.deepEqual(stored, [
      { role: GROUP_MANAGER_ROLE, principals: ['users/admin@contoso.com', `servicePrincipals/${sp.applicationId}`] },
    ]);
    await managers.removeManager(gid, { kind: 'user', userName: 'admin@contoso.com' });
    assert.deepEqual(await managers.managers(gid), [`servicePrincipals/${sp.applicationId}`]);
    const puts = r.accountRequests('/access-control/rule-sets', 'PUT');
    assert.equal(puts.length, 3, 'adding a manager twice writes once');
    assert.ok(puts.every((p) => typeof (p.body as { rule_set?: { etag?: unknown } }).rule_set?.etag === 'string'));
  });

  it('a stale etag is retried once on a fresh read, and the concurrent change survives', async () => {
    let calls = 0;
    const result = await managers.update(gid, (rules) => {
      calls++;
      // Someone else adds a manager between our read and our write (only the first time).
      if (calls === 1) {
        r.emu.account.state.putRuleSet(ruleSetName(), [
          { role: GROUP_MANAGER_ROLE, principals: ['users/admin@contoso.com'] },
        ]);
      }
      const current = rules.find((x) => x.role === GROUP_MANAGER_ROLE)?.principals ?? [];
      return [{ role: GROUP_MANAGER_ROLE, principals: [...current, `users/${ACCOUNT_ADMIN}`] }];
    });
    assert.equal(calls, 2);
    assert.deepEqual(result.grantRules[0]?.principals, ['users/admin@contoso.com', `users/${ACCOUNT_ADMIN}`]);
    const puts = r.accountRequests('/access-control/rule-sets', 'PUT');
    assert.deepEqual(
      puts.map((p) => p.status),
      [409, 200],
    );
  });

  it('gives up after the retry when the rule set keeps changing', async () => {
    await assert.rejects(
      managers.update(gid, (rules) => {
        r.emu.account.state.putRuleSet(ruleSetName(), []);
        return [...rules, { role: GROUP_MANAGER_ROLE, principals: [`users/${ACCOUNT_ADMIN}`] }];
      }),
      (e: unknown) => e instanceof DatabricksError && e.status === 409,
    );
    assert.equal(r.accountRequests('/access-control/rule-sets', 'PUT').length, 2);
  });

  it('a group manager may change the managers; a plain user is refused', async () => {
    const manager = r.emu.state.createUser({ userName: 'manager@contoso.com' });
    const plain = r.emu.state.createUser({ userName: 'plain@contoso.com' });
    await managers.addManager(gid, { kind: 'user', userName: manager.userName });
    const asManager = new GroupManagers(r.client({ userName: manager.userName }).connection);
    await asManager.addManager(gid, { kind: 'user', userName: plain.userName });
    assert.deepEqual(await managers.managers(gid), ['users/manager@contoso.com', 'users/plain@contoso.com']);
    const outsider = r.emu.state.createUser({ userName: 'outsider@contoso.com' });
    const asOutsider = new GroupManagers(r.client({ userName: outsider.userName }).connection);
    await assert.rejects(
      asOutsider.removeManager(gid, { kind: 'user', userName: manager.userName }),
      (e: unknown) => e instanceof DatabricksError && e.status === 403,
    );
  });
});
