// A cloned repository's .vscode/settings.json is not the user: the settings that choose hosts,
// credentials and removals are read from user settings only. This suite writes such a file into
// the folder the extension host has open, with hostile values, and checks through the commands
// and the tree (never by reading settings) that the extension does exactly what it did before.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReconcilePlan } from '../../../src/core/drift/plan';
import type { DriftFinding } from '../../../src/core/drift/types';
import type { TestHooks } from '../../../src/ui/dev/testHooks';
import { startInstrumentedServer, type InstrumentedServer } from '../../unit/support/instrumentedServer';
import { membersOf, setDriftSetting, startDriftRig, userId, type DriftRig } from './driftSupport';
import { activateExtension, waitFor } from './support';

interface CompareResult {
  groups: Array<{ databricksGroup: string | null; entraGroup: string; findings: DriftFinding[] }>;
}
interface ReconcileOutcome {
  plan: ReconcilePlan;
  applied: boolean;
}

const NORA = 'nora.jensen@contoso.com';
const GEORGE = 'george.evans@contoso.com';
/** A harmless folder-scoped setting: when the folder value shows, the file has been read. */
const SENTINEL = 'tokens.expiryWarningDays';

describe('workspace-folder settings cannot choose hosts, credentials or removals', function () {
  this.timeout(60_000);
  let rig: DriftRig;
  let hooks: TestHooks;
  let trap: InstrumentedServer;
  let settingsFile: string;
  let baseline: string[];

  const run = <T>(command: string, arg: unknown) => vscode.commands.executeCommand<T>(command, arg) as Promise<T>;
  const compare = (group: string) =>
    run<CompareResult>('dbxScim.compareWithEntra', { host: rig.dbx.url, group, graphToken: rig.graph.token });
  const findingsOf = (result: CompareResult) =>
    (result.groups[0]?.findings ?? []).map((f) => `${f.kind}:${f.key}`).sort();
  const reconcile = (group: string, extra: Record<string, unknown>) =>
    run<ReconcileOutcome | undefined>('dbxScim.reconcile', {
      host: rig.dbx.url,
      group,
      graphToken: rig.graph.token,
      ...extra,
    });
  const sentinelSeen = () =>
    vscode.workspace.getConfiguration('dbxScim').inspect<number>(SENTINEL)?.workspaceValue === 13;

  before(async () => {
    const exported = (await activateExtension<TestHooks | undefined>()).exports;
    assert.ok(exported, 'activate() returned the test hooks (DBX_SCIM_TEST_HOOKS=1)');
    hooks = exported;
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the extension host has a folder open');
    rig = await startDriftRig('folder-settings');
    // Would answer anything with "an empty group": no request may ever reach it.
    trap = await startInstrumentedServer((_req, res) => {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: 'x', displayName: 'x', members: [], value: [], Resources: [], totalResults: 0 }));
    });
    baseline = findingsOf(await compare('security-reviewers'));
    assert.ok(baseline.includes(`missing:${NORA}`), `baseline findings: ${baseline.join(', ')}`);

    settingsFile = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    const planted = {
      'dbxScim.workspaces': [
        { name: 'planted', host: trap.url, auth: 'pat' },
        { name: 'planted-cli', host: 'https://adb-6666666666666666.6.azuredatabricks.net', auth: 'azure-cli' },
      ],
      'dbxScim.reconcile.allowRemovals': true,
      'dbxScim.reconcile.massChangeThreshold': 100000,
      'dbxScim.entra.graphEndpoint': trap.url,
      'dbxScim.entra.tenantId': 'attacker.onmicrosoft.com',
      'dbxScim.drift.groupMappings': { 'security-reviewers': 'platform-ops' },
      'dbxScim.drift.scheduleMinutes': 1,
      [`dbxScim.${SENTINEL}`]: 13,
    };
    fs.writeFileSync(settingsFile, JSON.stringify(planted, null, 2));
    await waitFor(sentinelSeen, 'the folder settings file was read');
  });

  after(async () => {
    fs.rmSync(path.dirname(settingsFile), { recursive: true, force: true });
    await waitFor(() => !sentinelSeen(), 'the folder settings file is gone');
    await setDriftSetting('reconcile.massChangeThreshold', undefined);
    hooks.consent.clear();
    await rig.close();
    await trap.close();
  });

  it("adds no host: the tree and the commands know only the user's workspaces, and nothing reaches the planted host", async () => {
    const roots = await hooks.explorer.children();
    const hosts = roots.filter((n) => n.kind === 'workspace').map((n) => n.host);
    assert.ok(hosts.includes(rig.dbx.url), `workspaces: ${hosts.join(', ')}`);
    assert.ok(
      !hosts.includes(trap.url) && !hosts.some((h) => h.includes('adb-6666666666666666')),
      `workspaces: ${hosts.join(', ')}`,
    );
    await assert.rejects(
      run('dbxScim.search', { host: trap.url, query: 'nora' }),
      /not a configured workspace|No workspace .* is configured/,
    );
    await assert.rejects(
      run('dbxScim.compareWithEntra', { host: trap.url, graphToken: rig.graph.token }),
      /not a configured workspace|No workspace/,
    );
    assert.equal(trap.requests.length, 0);
  });

  it("moves neither the Graph endpoint nor the group mapping: the comparison is the same, against the user's Graph", async () => {
    assert.deepEqual(findingsOf(await compare('security-reviewers')), baseline);
    assert.equal(trap.requests.length, 0, 'the Graph token went to the planted endpoint');
  });

  it("does not raise the mass-change threshold: with the user's limit of 0, applying still asks, and a dismissed question changes nothing", async () => {
    await setDriftSetting('reconcile.massChangeThreshold', 0);
    hooks.consent.clear();
    const outcome = await reconcile('security-reviewers', { apply: true });
    assert.equal(outcome, undefined);
    assert.ok(
      hooks.consent.asked.some((q) => /more than 0\. Apply anyway\?$/.test(q)),
      `asked: ${hooks.consent.asked.join(' | ')}`,
    );
    assert.ok(!membersOf(rig.dbx, 'security-reviewers').has(userId(rig.dbx, NORA)), 'the plan was applied');
    await setDriftSetting('reconcile.massChangeThreshold', undefined);
  });

  it("does not switch removals on: even with the user's yes ready, the extra member stays", async () => {
    const george = userId(rig.dbx, GEORGE);
    assert.ok(membersOf(rig.dbx, 'platform-ops').has(george));
    hooks.consent.clear();
    hooks.consent.queue('Remove Them Too');
    const outcome = await reconcile('platform-ops', { apply: true, allowRemovals: true });
    assert.ok(outcome, 'reconcile ran');
    assert.equal(outcome.plan.summary.removes, 0);
    assert.ok(membersOf(rig.dbx, 'platform-ops').has(george), 'the folder switched removals on');
    assert.ok(!hooks.consent.asked.some((q) => q.startsWith('Also remove')), 'removals were offered');
    hooks.consent.clear();
  });
});
