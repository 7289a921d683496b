// PATs in a real extension host: rotation through the Token API (old token revoked in the
// emulator, new one stored with its id and used; never without the user's yes, which tests give
// through the test hooks), and proof that no token value reaches settings, globalState or the log
// files, even when a request fails with the token in play.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestHooks } from '../../../src/ui/dev/testHooks';
import type { RotationReport } from '../../../src/ui/workspaces/tokenCommands';
import type { Emulator } from '../../emulator';
import { withConsent } from './actionsSupport';
import { waitFor } from './support';
import { allSettingsJson, emulatorPerTest, extensionHostLogDir, readAllFiles } from './workspacesSupport';

describe('tokens (extension host)', function () {
  this.timeout(60_000);
  let hooks: TestHooks;
  let emu: Emulator;
  emulatorPerTest((current) => ({ hooks, emu } = current));

  function valueOf(tokenId: string | undefined): string {
    assert.ok(tokenId, 'no token id');
    const stored = emu.state.tokenById(tokenId);
    assert.ok(stored, `token ${tokenId} is not in the emulator`);
    return stored.value;
  }

  const add = (args: Record<string, unknown>) =>
    withConsent([true], () => vscode.commands.executeCommand('dbxScim.addWorkspace', args));
  const rotate = (args: Record<string, unknown>) =>
    withConsent([true], () => vscode.commands.executeCommand<RotationReport>('dbxScim.rotateToken', args));

  async function treeWorks(): Promise<void> {
    await waitFor(async () => {
      const ws = (await hooks.explorer.children()).find((n) => n.kind === 'workspace' && n.host === emu.url);
      if (!ws) return undefined;
      const children = await hooks.explorer.children(ws);
      return children[0]?.kind === 'folder';
    }, 'the tree connects with the stored token');
  }

  it('rotation revokes the old token, stores the new one with its id, and the next rotation revokes exactly that one', async () => {
    const old = emu.state.issueToken({ comment: 'pasted by hand', lifetimeSeconds: 30 * 86_400 });
    await add({ host: emu.url, token: old.tokenValue, name: 'rotate' });

    // The pasted token's id is unknown to the extension; a caller who knows it passes it.
    const first = await rotate({ host: emu.url, lifetimeDays: 30, oldTokenId: old.tokenId });
    assert.equal(first.ok, true, first.message);
    assert.equal(first.revokedTokenId, old.tokenId);
    assert.equal(emu.state.tokenIsValid(old.tokenValue), false, 'the old token still works');
    const firstValue = valueOf(first.newTokenId);
    assert.equal(emu.state.tokenIsValid(firstValue), true);
    const expiry = emu.state.tokenById(first.newTokenId ?? '')?.expiry_time ?? 0;
    assert.ok(Math.abs(expiry - Date.now() - 30 * 86_400_000) < 120_000, 'lifetime of 30 days');
    assert.doesNotMatch(JSON.stringify(first), /dapi/, 'the report carries no token value');
    emu.clearLog();
    await treeWorks();
    assert.ok(
      emu.log.some((e) => e.authorization === `Bearer ${firstValue}`),
      'the tree does not use the new token',
    );

    // No hint this time: the id stored with the new token is what identifies it.
    const second = await rotate({ host: emu.url });
    assert.equal(second.ok, true, second.message);
    assert.equal(second.revokedTokenId, first.newTokenId);
    assert.equal(emu.state.tokenIsValid(firstValue), false);
    assert.equal(emu.state.tokenIsValid(valueOf(second.newTokenId)), true);
  });

  it('without a recorded id, rotation keeps the old token and says so', async () => {
    const old = emu.state.issueToken({ comment: 'unknown id' });
    await add({ host: emu.url, token: old.tokenValue, name: 'unknown' });
    const report = await rotate({ host: emu.url, lifetimeDays: 60 });
    assert.equal(report.ok, true);
    assert.equal(report.revokedTokenId, undefined);
    assert.match(report.message, /not revoked/);
    assert.equal(emu.state.tokenIsValid(old.tokenValue), true);
    assert.equal(emu.state.tokenIsValid(valueOf(report.newTokenId)), true);
  });

  /** Leaves the admin with only the tokens a test issues (the emulator starts with one of its own). */
  function revokeEmulatorToken(): void {
    const own = emu.state.tokensOf(emu.state.adminUser.id).find((t) => t.value === emu.adminToken);
    assert.ok(own && emu.state.revokeToken(own.token_id), 'the emulator admin token could not be revoked');
  }

  it("without a recorded id, rotation finds the user's only token in the list and revokes it, asking nothing", async () => {
    const old = emu.state.issueToken({ comment: 'pasted by hand' });
    // Two tokens while it is stored: which one it is cannot be recorded then.
    await add({ host: emu.url, token: old.tokenValue, name: 'only one' });
    revokeEmulatorToken();
    // rotate() answers exactly one question, the go-ahead, and fails if it was not asked.
    // interactive: a question about which token it is would hold this call until the test times out.
    const report = await rotate({ host: emu.url, lifetimeDays: 90, interactive: true });
    assert.equal(report.ok, true, report.message);
    assert.equal(report.revokedTokenId, old.tokenId, report.message);
    assert.equal(emu.state.tokenIsValid(old.tokenValue), false, 'the old token still works');
    assert.equal(emu.state.tokenById(old.tokenId), undefined, 'the old token is still in the token store');
    assert.equal(emu.state.tokenIsValid(valueOf(report.newTokenId)), true);
    assert.equal(report.expiry, 'expires in 90 days');
  });

  it("a token stored while it is the user's only one is recorded with its id, so rotation revokes exactly it", async () => {
    revokeEmulatorToken();
    const old = emu.state.issueToken({ comment: 'the only one' });
    await add({ host: emu.url, token: old.tokenValue, name: 'recorded' });
    // A second token makes the list ambiguous: only the recorded id can name the old one now.
    const other = emu.state.issueToken({ comment: 'another' });
    const report = await rotate({ host: emu.url, lifetimeDays: 30 });
    assert.equal(report.revokedTokenId, old.tokenId, report.message);
    assert.equal(emu.state.tokenIsValid(old.tokenValue), false);
    assert.equal(emu.state.tokenIsValid(other.tokenValue), true, 'the other token was revoked');
  });

  it('no PAT value in any settings scope, in globalState or in the log files, even after failures', async () => {
    const old = emu.state.issueToken({ comment: 'secrecy' });
    await add({ host: emu.url, token: old.tokenValue, name: 'secrecy' });
    await treeWorks();
    // A failure whose answer echoes the token: it must reach the log only masked.
    emu.injectFaults({
      kind: 'status',
      status: 500,
      body: JSON.stringify({ error_code: 'INTERNAL_ERROR', message: `boom for ${old.tokenValue}` }),
      match: { path: /\/Me$/ },
      times: 1,
    });
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('dbxScim.setToken', { host: emu.url, token: old.tokenValue })),
      (e: unknown) => {
        assert.ok(e instanceof Error);
        assert.ok(!e.message.includes(old.tokenValue), 'the token is in the error text');
        return true;
      },
    );
    const rotated = await rotate({ host: emu.url, oldTokenId: old.tokenId });
    const secrets = [old.tokenValue, valueOf(rotated.newTokenId), emu.adminToken];

    const logDir = extensionHostLogDir(hooks);
    const logs = await waitFor(
      () => {
        const text = readAllFiles(logDir);
        return text.includes('/api/2.0/preview/scim/v2/Me') && text.includes('[REDACTED]') ? text : undefined;
      },
      `request lines and a masked failure in the logs under ${logDir}`,
      15_000,
    );
    assert.match(logs, /GET http:\/\/127\.0\.0\.1:\d+\/api\/2\.0\/preview\/scim\/v2\/Me(\?\S*)? 500 \d+ms/);
    const settings = allSettingsJson();
    const globalState = JSON.stringify(hooks.globalStateEntries());
    for (const secret of secrets) {
      assert.ok(!settings.includes(secret), 'a PAT is in the settings');
      assert.ok(!globalState.includes(secret), 'a PAT is in globalState');
      assert.ok(!logs.includes(secret), 'a PAT is in a log file');
    }
  });

  it('signIn on a PAT workspace is setToken; on an Entra workspace without a session it needs sign-in', async () => {
    await add({ host: emu.url, name: 'entra', auth: 'entra' });
    const children = await waitFor(async () => {
      const ws = (await hooks.explorer.children()).find((n) => n.kind === 'workspace' && n.host === emu.url);
      return ws ? hooks.explorer.children(ws) : undefined;
    }, 'entra workspace in the tree');
    const error = children[0];
    assert.ok(error?.kind === 'error', JSON.stringify(children.map((c) => c.kind)));
    assert.equal(error.action?.command, 'dbxScim.signIn');
  });

  it("rotateToken called with arguments creates and revokes nothing without the user's yes", async () => {
    const old = emu.state.issueToken({ comment: 'kept' });
    await add({ host: emu.url, token: old.tokenValue, name: 'kept' });
    emu.clearLog();
    hooks.consent.clear();
    const report = await vscode.commands.executeCommand('dbxScim.rotateToken', {
      host: emu.url,
      lifetimeDays: 30,
      oldTokenId: old.tokenId,
      interactive: true,
    });
    assert.equal(report, undefined);
    assert.deepEqual(hooks.consent.asked, ['Rotate the token for kept?']);
    assert.equal(emu.state.tokenIsValid(old.tokenValue), true, 'the old token was revoked');
    assert.deepEqual(
      emu.log.filter((e) => e.method === 'POST').map((e) => e.path),
      [],
      'a token was created or revoked',
    );
  });
});
