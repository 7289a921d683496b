// dbx-scim groups … --account against the emulator's account host: the account is found through
// the workspace, the Entra token goes to the account host only, members added are read back, and
// neither the PAT nor the Entra token is ever printed.
import assert from 'node:assert/strict';
import { ACCOUNT_ADMIN_ROLE, startEmulator, type Emulator } from '../emulator';
import { leakedSecret, runCli, type CliRun } from './support/cliRunner';

const ADMIN = 'account.admin@contoso.com';

describe('dbx-scim --account', function () {
  this.timeout(30000);
  let emu: Emulator;
  let env: NodeJS.ProcessEnv;
  let entra: string;
  const runs: CliRun[] = [];

  async function run(...argv: string[]): Promise<CliRun> {
    const r = await runCli(env, argv);
    runs.push(r);
    return r;
  }

  before(async () => {
    emu = await startEmulator({ dataset: 'demo', profile: 'realistic' });
    emu.state.createUser({ userName: ADMIN, roles: [ACCOUNT_ADMIN_ROLE] });
    entra = emu.entraToken(ADMIN);
    env = {
      DATABRICKS_HOST: emu.url,
      DATABRICKS_TOKEN: emu.adminToken,
      DBX_SCIM_ACCOUNT_HOST: emu.account.url,
      DBX_SCIM_ACCOUNT_TOKEN: entra,
    };
  });
  after(async () => {
    assert.equal(leakedSecret(runs, [emu.adminToken, entra]), undefined, 'a token leaked into CLI output');
    await emu.close();
  });

  it('lists the account groups (found through the workspace, Entra token to the account host only)', async () => {
    emu.state.createGroup({ displayName: 'acct-analysts', accountGroup: true });
    emu.clearLog();
    const r = await run('groups', 'list', '--account', '--json');
    assert.equal(r.code, 0, r.stderr);
    const names = (JSON.parse(r.stdout) as Array<{ displayName: string }>).map((g) => g.displayName);
    assert.ok(names.includes('acct-analysts'));
    assert.ok(
      !names.includes('data-eng') || emu.state.findGroup('data-eng')?.accountGroup,
      'no workspace-local groups',
    );
    const discovery = emu.log.find((e) => e.path === '/.well-known/databricks-config');
    assert.equal(discovery?.authorization, undefined);
    const account = emu.log.filter((e) => e.path.startsWith(`/api/2.0/accounts/${emu.account.id}/`));
    assert.ok(account.length > 0);
    assert.ok(account.every((e) => e.authorization === `Bearer ${entra}`));
    assert.ok(emu.log.every((e) => e.authorization !== `Bearer ${entra}` || e.path.startsWith('/api/2.0/accounts/')));
    assert.ok(account.every((e) => Number(e.query['count'] ?? 0) <= 100));
  });

  it('adds members to an account group and lists them with their names', async () => {
    emu.state.createGroup({ displayName: 'acct-team', accountGroup: true });
    const [user] = emu.state.users.toArray();
    const [sp] = emu.state.servicePrincipals.toArray();
    assert.ok(user && sp);
    const add = await run(
      'groups',
      'add-members',
      'acct-team',
      user.userName,
      sp.applicationId,
      'nobody@contoso.com',
      '--account',
    );
    assert.equal(add.code, 1, 'one name was not found');
    assert.match(add.stderr, /not found in the account, not added: nobody@contoso\.com/);
    const members = await run('groups', 'members', 'acct-team', '--account', '--json');
    assert.equal(members.code, 0, members.stderr);
    const rows = JSON.parse(members.stdout) as Array<{ id: string; userName?: string; applicationId?: string }>;
    assert.deepEqual(new Set(rows.map((m) => m.id)), new Set([user.id, sp.id]));
    assert.ok(rows.some((m) => m.userName === user.userName));
    assert.ok(rows.some((m) => m.applicationId === sp.applicationId));
  });

  it('a write the service drops is a failure that says so (exit 1)', async () => {
    emu.state.createGroup({ displayName: 'acct-dropped', accountGroup: true });
    const [user] = emu.state.users.toArray();
    assert.ok(user);
    emu.setKnobs({ silentNoOpMembershipWrites: true });
    try {
      const r = await run('groups', 'add-members', 'acct-dropped', user.userName, '--account');
      assert.equal(r.code, 1);
      assert.match(r.stderr, /accepted the membership change .* but did not apply it \(not added: \d+\)/);
    } finally {
      emu.setKnobs({ silentNoOpMembershipWrites: 0 });
    }
  });

  it('refuses a PAT as the account token before sending anything, and --account on other commands', async () => {
    emu.clearLog();
    const pat = await runCli({ ...env, DBX_SCIM_ACCOUNT_TOKEN: emu.adminToken }, ['groups', 'list', '--account']);
    runs.push(pat);
    assert.equal(pat.code, 2);
    assert.match(pat.stderr, /DBX_SCIM_ACCOUNT_TOKEN: .*not a personal access token/);
    assert.ok(emu.log.every((e) => !e.path.startsWith('/api/2.0/accounts/')));
    const other = await run('users', 'list', '--account');
    assert.equal(other.code, 2);
    assert.match(other.stderr, /--account applies to groups list, groups members and groups add-members only/);
  });

  it('without the discovery document and without DATABRICKS_ACCOUNT_ID it asks for the id', async () => {
    emu.setKnobs({ wellKnownConfig: false });
    try {
      const r = await run('groups', 'list', '--account');
      assert.equal(r.code, 2);
      assert.match(r.stderr, /Set DATABRICKS_ACCOUNT_ID/);
      const withId = await runCli({ ...env, DATABRICKS_ACCOUNT_ID: emu.account.id }, ['groups', 'list', '--account']);
      runs.push(withId);
      assert.equal(withId.code, 0, withId.stderr);
    } finally {
      emu.setKnobs({ wellKnownConfig: true });
    }
  });
});
