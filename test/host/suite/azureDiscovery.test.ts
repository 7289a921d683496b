// Add Workspaces from Azure in a real extension host: the Resource Manager emulator lists the
// subscriptions and their Azure Databricks workspaces over loopback HTTP, two of them (in two
// subscriptions) pointing at a running Databricks emulator; the command adds the picked ones with
// Entra sign-in after the one new-host yes, keeps no token anywhere and reports the subscription
// the caller may not read.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestHooks } from '../../../src/ui/dev/testHooks';
import { startEmulator, type Emulator } from '../../emulator';
import { SUB_ANALYTICS, SUB_DATA_PLATFORM, SUB_FINANCE, startArmEmulator, type ArmEmulator } from '../../emulator/arm';
import { withConsent } from './actionsSupport';
import {
  allSettingsJson,
  configuredWorkspaces,
  extensionHostLogDir,
  readAllFiles,
  testHooks,
} from './workspacesSupport';

const ENDPOINT_SETTING = 'azure.resourceManagerEndpoint';

interface Result {
  added: Array<{ name: string; host: string; auth: string }>;
  skipped: Array<{ name: string; host: string; reason: string }>;
  problems: Array<{ subscriptionId: string; subscriptionName: string; message: string }>;
}

describe('add workspaces from Azure (extension host)', function () {
  this.timeout(60_000);
  let hooks: TestHooks;
  let dbx: Emulator;
  let arm: ArmEmulator;
  /** The two ARM workspaces pointed at the Databricks emulator, and where they point. */
  let targets: Array<{ name: string; subscriptionId: string; url: string }>;

  before(async () => {
    hooks = await testHooks();
    dbx = await startEmulator({ workspaces: 2 });
    // Workspace 0 is the first of "Contoso Data Platform", workspace 5 the first of "Contoso Analytics Sandbox".
    arm = await startArmEmulator();
    // The first workspace of "Contoso Data Platform" (0) and of "Contoso Analytics Sandbox" (5) point
    // at the two Databricks workspaces, by host without scheme as ARM writes it.
    targets = [0, 5].map((i, n) => {
      const record = arm.state.workspaces[i];
      const url = dbx.workspaces[n]?.url;
      assert.ok(record && url, `ARM workspace ${i} and Databricks workspace ${n}`);
      record.workspaceUrl = new URL(url).host;
      return { name: record.name, subscriptionId: record.subscriptionId, url };
    });
    assert.deepEqual(
      targets.map((t) => t.subscriptionId),
      [SUB_DATA_PLATFORM, SUB_ANALYTICS],
    );
    await vscode.workspace
      .getConfiguration('dbxScim')
      .update(ENDPOINT_SETTING, arm.url, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    const hosts = new Set(dbx.workspaces.map((w) => w.url));
    const config = vscode.workspace.getConfiguration('dbxScim');
    await config.update(
      'workspaces',
      configuredWorkspaces().filter((w) => !hosts.has(w.host)),
      vscode.ConfigurationTarget.Global,
    );
    await config.update(ENDPOINT_SETTING, undefined, vscode.ConfigurationTarget.Global);
    await dbx.close();
    await arm.close();
  });

  /** The questions asked during the last run (withConsent clears them when it ends). */
  let asked: string[] = [];
  const run = (args: Record<string, unknown>, answers: boolean[]) =>
    withConsent(answers, async () => {
      try {
        return await vscode.commands.executeCommand<Result>('dbxScim.addWorkspacesFromAzure', args);
      } finally {
        asked = [...hooks.consent.asked];
      }
    });

  it('adds two picked workspaces of two subscriptions with Entra sign-in after one yes, and reports the forbidden subscription', async () => {
    // One by name, one by its URL as ARM's workspaceUrl would give it.
    const pick = [targets[0]?.name ?? '', new URL(targets[1]?.url ?? '').host];
    const result = await run({ armToken: arm.token, pick }, [true]);

    const expected = targets.map((t) => ({ name: t.name, host: t.url, auth: 'entra' }));
    assert.deepEqual(result.added, expected);
    for (const ws of expected)
      assert.deepEqual(
        configuredWorkspaces().filter((w) => w.host === ws.host),
        [ws],
      );
    // One question for both new hosts.
    assert.deepEqual(asked, ['Add 2 workspaces? Tokens will be sent to each of them.']);

    // The walk reached every subscription; the forbidden one is a problem naming the role to ask for.
    assert.ok(arm.log.some((e) => e.path.toLowerCase().includes(SUB_FINANCE)));
    const finance = result.problems.filter((p) => p.subscriptionId === SUB_FINANCE);
    assert.equal(finance.length, 1, JSON.stringify(result.problems));
    assert.match(finance[0]?.message ?? '', /Reader role/);
    assert.equal(
      result.problems.some((p) => p.subscriptionId !== SUB_FINANCE),
      false,
    );

    // The ARM token went to the ARM emulator only, and is kept nowhere.
    assert.ok(arm.log.every((e) => e.authorization === `Bearer ${arm.token}`));
    assert.ok(!dbx.log.some((e) => e.authorization?.includes(arm.token)), 'the ARM token reached Databricks');
    assert.ok(!allSettingsJson().includes(arm.token), 'the ARM token is in a settings scope');
    assert.ok(!JSON.stringify(hooks.globalStateEntries()).includes(arm.token), 'the ARM token is in globalState');
    assert.ok(!readAllFiles(extensionHostLogDir(hooks)).includes(arm.token), 'the ARM token is in a log file');
    // Entra workspaces carry no PAT: no "pat" entry, and no token key in the setting.
    assert.ok(!/token/i.test(JSON.stringify(configuredWorkspaces())), 'a token is in the workspace setting');
    assert.ok(!allSettingsJson().includes(dbx.adminToken), 'a PAT is in a settings scope');
  });

  it('skips hosts already configured without asking, and refuses a pick that names nothing before writing', async () => {
    const before = configuredWorkspaces();
    const again = await run({ armToken: arm.token, pick: targets.map((t) => t.name) }, []);
    assert.deepEqual(asked, []);
    assert.deepEqual(again.added, []);
    assert.deepEqual(
      again.skipped.map((s) => s.host),
      targets.map((t) => t.url),
    );
    await assert.rejects(run({ armToken: arm.token, pick: ['no-such-workspace'] }, []), /no-such-workspace/);
    assert.deepEqual(configuredWorkspaces(), before);
  });

  it('refuses to run without a Resource Manager token when called programmatically', async () => {
    // No armToken and no VS Code session in the test host: a clear error, no sign-in window.
    await assert.rejects(run({ pick: [targets[0]?.name ?? ''] }, []), /Sign in with Microsoft/);
  });
});
