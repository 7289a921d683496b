// Workspaces in a real extension host, against the emulator over loopback HTTP: adding one with a
// PAT through programmatic arguments, refusing a bad PAT precisely, removing one with its secret.
// A new host and a cleared token need the user's yes, which tests give through the test hooks.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestHooks } from '../../../src/ui/dev/testHooks';
import type { Emulator } from '../../emulator';
import { withConsent } from './actionsSupport';
import { waitFor } from './support';
import { allSettingsJson, configuredWorkspaces, emulatorPerTest } from './workspacesSupport';

describe('workspaces (extension host)', function () {
  this.timeout(60_000);
  let hooks: TestHooks;
  let emu: Emulator;
  emulatorPerTest((current) => ({ hooks, emu } = current));

  /** addWorkspace as the user would: a new host gets its yes. */
  const add = (args: Record<string, unknown>) =>
    withConsent(configuredWorkspaces().some((w) => w.host === emu.url) ? [] : [true], () =>
      vscode.commands.executeCommand('dbxScim.addWorkspace', args),
    );
  const clear = () =>
    withConsent([true], () => vscode.commands.executeCommand('dbxScim.clearToken', { host: emu.url }));

  async function workspaceChildren(host: string) {
    const roots = await waitFor(async () => {
      const nodes = await hooks.explorer.children();
      return nodes.find((n) => n.kind === 'workspace' && n.host === host);
    }, `workspace ${host} in the tree`);
    return hooks.explorer.children(roots);
  }

  it('adds a PAT workspace from programmatic arguments: the setting has no token, the secret is stored and used', async () => {
    const ws = await add({ host: `${emu.url}/some/path?o=1`, token: `  ${emu.adminToken}\n`, name: 'demo' });
    assert.deepEqual(ws, { name: 'demo', host: emu.url, auth: 'pat' });
    assert.deepEqual(
      configuredWorkspaces().filter((w) => w.host === emu.url),
      [{ name: 'demo', host: emu.url, auth: 'pat' }],
    );
    assert.ok(!allSettingsJson().includes(emu.adminToken), 'the PAT is in a settings scope');
    // The stored secret is what the tree connects with: folders with counts, not "Set Token…".
    emu.clearLog();
    const children = await workspaceChildren(emu.url);
    assert.deepEqual(
      children.map((c) => c.kind),
      ['folder', 'folder', 'folder', 'accessFolder'],
      JSON.stringify(children.map((c) => (c.kind === 'error' ? c.message : c.kind))),
    );
    assert.ok(
      emu.log.some((e) => e.authorization === `Bearer ${emu.adminToken}`),
      'the stored PAT was not sent',
    );
    // And a second command path sees the same secret.
    assert.deepEqual(await clear(), { host: emu.url, cleared: true });
  });

  it('re-adding an existing host updates its entry instead of adding a second one', async () => {
    await add({ host: emu.url, token: emu.adminToken, name: 'first' });
    await add({ host: `${emu.url}/?o=2`, name: 'second' });
    assert.deepEqual(
      configuredWorkspaces().filter((w) => w.host === emu.url),
      [{ name: 'second', host: emu.url, auth: 'pat' }],
    );
  });

  it('refuses a wrong PAT with a precise message and stores nothing', async () => {
    const wrong = `dapi${'ab'.repeat(16)}`;
    await assert.rejects(add({ host: emu.url, token: wrong, name: 'wrong' }), (e: unknown) => {
      assert.ok(e instanceof Error);
      assert.match(e.message, /rejected this token .*invalid, expired or revoked.*Nothing was saved/);
      assert.ok(!e.message.includes(wrong), 'the token is in the error text');
      return true;
    });
    assert.equal(
      configuredWorkspaces().some((w) => w.host === emu.url),
      false,
      'the setting was written',
    );
    // Added again without a token: no secret was left behind by the refused attempt.
    await add({ host: emu.url, name: 'wrong' });
    assert.deepEqual(await clear(), { host: emu.url, cleared: false });
    const children = await workspaceChildren(emu.url);
    assert.equal(children[0]?.kind, 'error');
  });

  it('refuses the token of a non-admin, saying so', async () => {
    const { tokenValue } = emu.state.issueToken({ userName: 'ben.carter@contoso.com' });
    await assert.rejects(
      add({ host: emu.url, token: tokenValue }),
      /ben\.carter@contoso\.com is not a workspace admin/,
    );
    assert.equal(
      configuredWorkspaces().some((w) => w.host === emu.url),
      false,
    );
  });

  it('removeWorkspace removes the setting entry and deletes its secret', async () => {
    await add({ host: emu.url, token: emu.adminToken, name: 'gone' });
    const removed = await vscode.commands.executeCommand('dbxScim.removeWorkspace', { host: emu.url });
    assert.deepEqual(removed, { host: emu.url, removed: true });
    assert.equal(
      configuredWorkspaces().some((w) => w.host === emu.url),
      false,
    );
    await waitFor(
      async () => !(await hooks.explorer.children()).some((n) => n.host === emu.url),
      'workspace gone from the tree',
    );
    // Added back without a token, it has none: the secret went with the entry.
    await add({ host: emu.url, name: 'back' });
    assert.deepEqual(await clear(), { host: emu.url, cleared: false });
  });

  it('clearToken deletes the stored token; the tree then asks for one', async () => {
    await add({ host: emu.url, token: emu.adminToken, name: 'clear' });
    assert.deepEqual(await clear(), { host: emu.url, cleared: true });
    const children = await waitFor(async () => {
      const c = await workspaceChildren(emu.url);
      return c[0]?.kind === 'error' ? c : undefined;
    }, 'an error node after clearing the token');
    const error = children[0];
    assert.ok(error?.kind === 'error');
    assert.equal(error.action?.command, 'dbxScim.setToken');
    assert.equal(emu.state.tokenIsValid(emu.adminToken), true, 'clearing must not revoke the token in Databricks');
  });

  it('setToken verifies before storing and stores the token for the connection', async () => {
    await add({ host: emu.url, name: 'set' });
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('dbxScim.setToken', { host: emu.url, token: 'dapi-not-a-token' })),
      /Nothing was saved/,
    );
    assert.deepEqual(
      await vscode.commands.executeCommand('dbxScim.setToken', { host: emu.url, token: emu.adminToken }),
      {
        host: emu.url,
        userName: 'admin@contoso.com',
      },
    );
    const children = await waitFor(async () => {
      const c = await workspaceChildren(emu.url);
      return c[0]?.kind === 'folder' ? c : undefined;
    }, 'folders once the token is set');
    assert.equal(children.length, 4, 'Users, Groups, Service Principals and Access');
  });

  it("adds nothing for a new host without the user's yes: no setting, no secret, no request to it", async () => {
    hooks.consent.clear();
    const result = await vscode.commands.executeCommand('dbxScim.addWorkspace', {
      host: emu.url,
      token: emu.adminToken,
      name: 'unasked',
    });
    assert.equal(result, undefined);
    assert.deepEqual(hooks.consent.asked, [`Add workspace ${emu.url}? Tokens will be sent to it.`]);
    assert.equal(
      configuredWorkspaces().some((w) => w.host === emu.url),
      false,
    );
    assert.equal(emu.log.length, 0, 'the token was sent to the host for verification');
    assert.equal(
      (await hooks.explorer.children()).some((n) => n.host === emu.url),
      false,
    );
    // Re-adding a host that is already configured asks nothing.
    await add({ host: emu.url, token: emu.adminToken, name: 'asked' });
    hooks.consent.clear();
    assert.deepEqual(await vscode.commands.executeCommand('dbxScim.addWorkspace', { host: emu.url, name: 'renamed' }), {
      name: 'renamed',
      host: emu.url,
      auth: 'pat',
    });
    assert.deepEqual(hooks.consent.asked, []);
  });

  it("clearToken keeps the stored token without the user's yes", async () => {
    await add({ host: emu.url, token: emu.adminToken, name: 'kept' });
    assert.equal(await vscode.commands.executeCommand('dbxScim.clearToken', { host: emu.url }), undefined);
    assert.deepEqual(await clear(), { host: emu.url, cleared: true }, 'the token was still stored');
  });

  it('an Azure CLI workspace on a host that is not Azure Databricks gets no Entra token until the user confirms that host at sign-in', async () => {
    await add({ host: emu.url, name: 'cli', auth: 'azure-cli' });
    const children = await waitFor(async () => {
      const c = await workspaceChildren(emu.url);
      return c[0]?.kind === 'error' ? c : undefined;
    }, 'an error node for the unconfirmed host');
    const error = children[0];
    assert.ok(error?.kind === 'error');
    assert.match(error.message, /does not look like an Azure Databricks workspace/);
    assert.equal(error.action?.command, 'dbxScim.signIn');
    assert.equal(emu.log.length, 0, 'a request went to the unconfirmed host');

    const remembered = () =>
      hooks
        .globalStateEntries()
        .some(
          ([key, value]) => key === 'dbxScim.entraHostsConfirmed' && Array.isArray(value) && value.includes(emu.url),
        );
    hooks.consent.clear();
    assert.equal(await vscode.commands.executeCommand('dbxScim.signIn', { host: emu.url }), undefined);
    assert.deepEqual(hooks.consent.asked, [`Send your Microsoft Entra token to ${emu.url}?`]);
    assert.equal(remembered(), false, 'a dismissed question confirmed the host');
    await withConsent([true], () => vscode.commands.executeCommand('dbxScim.signIn', { host: emu.url }));
    assert.equal(remembered(), true);
    // Asked once per host: signing in again asks nothing.
    hooks.consent.clear();
    await vscode.commands.executeCommand('dbxScim.signIn', { host: emu.url });
    assert.deepEqual(hooks.consent.asked, []);
  });
});
