// CLI contract points: a group that does not exist is a failure (exit 1), not a usage error;
// account groups are refused before any write, with where they are managed; a Databricks group
// linked to a deleted Entra group is reported as groupMissing. Both emulators, real HTTP.
import assert from 'node:assert/strict';
import { spawnCli } from './support/cliRunner';
import { withDriftEmulators, writes, type DriftDoc } from './support/driftRig';

describe('dbx-scim groups members: a name that matches no group', () => {
  const rig = withDriftEmulators();

  for (const name of ['no-such-group', `"'"quoted" '' "name'"`, '\\"\\\\"']) {
    it(`${JSON.stringify(name)}: exit 1 with the reason, no usage hint`, async () => {
      const r = await rig.run('groups', 'members', name);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /^dbx-scim: /);
      assert.doesNotMatch(r.stderr, /--help/);
    });
  }

  it('as a process: exit 1, "No group named", no hint', async () => {
    const p = await spawnCli(rig.env(), ['groups', 'members', 'no-such-group']);
    assert.equal(p.code, 1);
    assert.match(p.stderr, /No group named "no-such-group"/);
    assert.doesNotMatch(p.stderr, /Run dbx-scim --help/);
  });
});

describe('dbx-scim on an account group (identity federation)', () => {
  const rig = withDriftEmulators();
  /** all-employees is an account group in the demo workspace (meta.resourceType "Group"). */
  const ACCOUNT_GROUP = 'all-employees';

  it('groups add-members is refused before any write: exit 1, says account group and where it is managed', async () => {
    rig.dbx().clearLog();
    const r = await rig.run('groups', 'add-members', ACCOUNT_GROUP, 'george.evans@contoso.com');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /account group/);
    assert.match(r.stderr, /account level.*account console.*account SCIM/);
    assert.deepEqual(writes(rig.dbx()), []);
  });

  it('reconcile --apply is refused before any write: exit 1, the same explanation', async () => {
    // Give the plan something to do: a new Entra member to create and add.
    const g = rig.graph();
    const entra = g.state.findGroup(ACCOUNT_GROUP);
    assert.ok(entra);
    g.state.addMember(
      entra.id,
      g.state.addUser({ userPrincipalName: 'new.hire@contoso.com', displayName: 'New Hire' }).id,
    );
    rig.dbx().clearLog();
    const r = await rig.run('reconcile', ACCOUNT_GROUP, '--apply', '--allow-removals');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /"all-employees" is an account group/);
    assert.match(r.stderr, /account level/);
    assert.deepEqual(writes(rig.dbx()), []);
    assert.equal(rig.dbx().state.findUser('new.hire@contoso.com'), undefined);
  });
});

describe('dbx-scim drift: a Databricks group whose Entra group was deleted', () => {
  const rig = withDriftEmulators();
  const groupMissing = (name: string) => ({
    kind: 'groupMissing',
    principalType: 'group',
    key: name,
    displayName: name,
    connectorWillFix: false,
  });

  before(() => {
    // ml-engineers carries its Entra object id as externalId; deleting the Entra group leaves it dangling.
    const g = rig.graph();
    const ml = g.state.findGroup('ml-engineers');
    assert.ok(ml);
    for (const parent of g.state.groups.values()) g.state.removeMember(parent.id, ml.id);
    g.state.groups.delete(ml.id);
  });

  it('all-groups drift reports it as groupMissing (it used to be left out)', async () => {
    const r = await rig.run('drift', '--json');
    assert.equal(r.code, 3, r.stderr);
    const ml = (JSON.parse(r.stdout) as DriftDoc).groups.find((x) => x.databricksGroup === 'ml-engineers');
    assert.ok(ml, r.stdout);
    assert.deepEqual(ml.findings, [groupMissing('ml-engineers')]);
    assert.equal(ml.entraGroup, rig.dbx().state.findGroup('ml-engineers')?.externalId);
  });

  it('named, it is the same groupMissing finding (not a usage error)', async () => {
    const r = await rig.run('drift', 'ml-engineers', '--json');
    assert.equal(r.code, 3, r.stderr);
    assert.deepEqual(
      (JSON.parse(r.stdout) as DriftDoc).groups.map((x) => x.findings),
      [[groupMissing('ml-engineers')]],
    );
  });

  it('reconcile plans nothing for it and removes nobody', async () => {
    rig.dbx().clearLog();
    const r = await rig.run('reconcile', 'ml-engineers', '--apply', '--allow-removals');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /no longer exists/);
    assert.deepEqual(writes(rig.dbx()), []);
  });
});
