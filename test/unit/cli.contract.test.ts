// CLI contract points: a group that does not exist is a failure (exit 1), not a usage error;
// account groups: add-members is refused before any write, reconcile writes their members through
// the account (refused without an Entra token for it); a Databricks group linked to a deleted
// Entra group is reported as groupMissing. Both emulators, real HTTP.
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

  it('reconcile --apply without an Entra token for the account is refused before any write', async () => {
    // Give the plan something to do: a new Entra member to create and add.
    const g = rig.graph();
    const entra = g.state.findGroup(ACCOUNT_GROUP);
    assert.ok(entra);
    g.state.addMember(
      entra.id,
      g.state.addUser({ userPrincipalName: 'new.hire@contoso.com', displayName: 'New Hire' }).id,
    );
    rig.dbx().clearLog();
    // A workspace PAT handed in as the account token: the account cannot be reached, nothing is written.
    const dbx = rig.dbx();
    const env = { ...rig.env(), DBX_SCIM_ACCOUNT_HOST: dbx.account.url, DBX_SCIM_ACCOUNT_TOKEN: dbx.adminToken };
    const r = await rig.runWith(env, 'reconcile', ACCOUNT_GROUP, '--apply', '--allow-removals');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /"all-employees" is an account group/);
    assert.match(r.stderr, /account level/);
    assert.match(r.stderr, /DBX_SCIM_ACCOUNT_TOKEN/);
    assert.deepEqual(writes(rig.dbx()), []);
    assert.equal(rig.dbx().state.findUser('new.hire@contoso.com'), undefined);
  });

  it('reconcile --apply with an Entra token writes the members through the account; drift is then clean', async () => {
    const dbx = rig.dbx();
    const env = { ...rig.env(), DBX_SCIM_ACCOUNT_HOST: dbx.account.url, DBX_SCIM_ACCOUNT_TOKEN: dbx.entraToken() };
    dbx.clearLog();
    const r = await rig.runWith(env, 'reconcile', ACCOUNT_GROUP, '--apply');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const group = dbx.state.findGroup(ACCOUNT_GROUP);
    const hire = dbx.state.findUser('new.hire@contoso.com');
    assert.ok(group && hire, 'the new user is created in the workspace');
    assert.ok(group.members.has(hire.id));
    const patches = writes(dbx).filter((e) => e.method === 'PATCH');
    assert.ok(patches.length > 0 && patches.every((e) => e.host === 'account'), JSON.stringify(patches));
    const after = await rig.runWith(env, 'drift', ACCOUNT_GROUP, '--json');
    const doc = JSON.parse(after.stdout) as DriftDoc;
    assert.deepEqual(
      doc.groups.flatMap((g) => g.findings).filter((f) => f.kind !== 'caseMismatch'),
      [],
    );
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
