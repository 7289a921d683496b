// Entra drift in a real extension host: compare → decorations, descriptions,
// ghost members and a Problems entry; reconcile → the drift goes, a second run plans nothing;
// removals only with the setting AND consent. Both emulators run in this process and share the
// demo org (test/emulator/data/entra.ts lists its drift cases).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReconcilePlan } from '../../../src/core/drift/plan';
import type { ApplyResult } from '../../../src/core/drift/apply';
import type { DriftFinding } from '../../../src/core/drift/types';
import type { ExplorerNode, MissingMemberNode } from '../../../src/ui/explorer/nodes';
import type { TestHooks } from '../../../src/ui/dev/testHooks';
import { normalizeHost } from '../../../src/core/workspaces/host';
import { groupId, membersOf, setDriftSetting, startDriftRig, userId, type DriftRig } from './driftSupport';
import { withConsent } from './actionsSupport';
import { activateExtension, waitFor } from './support';

interface CompareResult {
  groups: Array<{ databricksGroup: string | null; entraGroup: string; findings: DriftFinding[]; complete: boolean }>;
  notCompared: Array<{ name: string; message: string }>;
}
interface ReconcileOutcome {
  plan: ReconcilePlan;
  applied: boolean;
  result?: ApplyResult;
  remaining?: DriftFinding[];
}

const NORA = 'nora.jensen@contoso.com';
const CHLOE = 'chloe.dubois@contoso.com';
const LIAM = 'liam.oconnor@contoso.com';
const GEORGE = 'george.evans@contoso.com';

describe('Entra drift (compare, decorations, Problems, reconcile)', function () {
  this.timeout(30_000);
  let rig: DriftRig;
  let hooks: TestHooks | undefined;

  const run = <T>(command: string, arg: unknown) => vscode.commands.executeCommand<T>(command, arg) as Promise<T>;
  const parts = () => {
    assert.ok(hooks?.drift, 'activate() returned the drift test hooks (DBX_SCIM_TEST_HOOKS=1)');
    return { ...hooks.drift, explorer: hooks.explorer };
  };
  const compare = (group?: string) =>
    run<CompareResult>('dbxScim.compareWithEntra', {
      host: rig.dbx.url,
      ...(group ? { group } : {}),
      graphToken: rig.graph.token,
    });
  const reconcile = (group: string, extra: Record<string, unknown> = {}) =>
    run<ReconcileOutcome>('dbxScim.reconcile', { host: rig.dbx.url, group, graphToken: rig.graph.token, ...extra });
  const groupNode = (name: string) =>
    parts().explorer.revealPrincipal(rig.dbx.url, 'group', groupId(rig.dbx, name), { select: false, focus: false });
  const ghosts = async (node: ExplorerNode) =>
    (await parts().explorer.children(node)).filter((n): n is MissingMemberNode => n.kind === 'missingMember');

  before(async () => {
    hooks = (await activateExtension<TestHooks | undefined>()).exports;
    rig = await startDriftRig('drift-demo');
  });

  after(async () => {
    await rig.close();
  });

  it('compare marks the drifted group: badge decoration in the warning colour, "… missing" description, ghost missing members', async () => {
    const result = await compare('security-reviewers');
    assert.equal(result.groups.length, 1);
    const findings = result.groups[0]?.findings ?? [];
    const kinds = findings.map((f) => `${f.kind}:${f.key}`).sort();
    assert.deepEqual(
      kinds,
      [`missing:${NORA}`, `nestedOnly:${CHLOE}`, `nestedOnly:${LIAM}`, 'notProvisioned:soc-analysts'].sort(),
    );

    const node = await groupNode('security-reviewers');
    const item = parts().explorer.treeItem(node);
    assert.match(String(item.description), /1 missing from the group/);
    assert.match(String(item.description), /2 nested in Entra only/);
    assert.doesNotMatch(
      String(item.description),
      /nestedOnly|notProvisioned|caseMismatch/,
      'no internal finding ids on screen',
    );
    assert.ok(item.resourceUri, 'the group row carries a resourceUri for decorations');
    const decoration = parts().decorations.provideFileDecoration(item.resourceUri);
    assert.ok(decoration, 'the drifted group is decorated');
    assert.equal(decoration.badge, '4');
    assert.equal((decoration.color as vscode.ThemeColor | undefined)?.id, 'list.warningForeground');

    const missing = await ghosts(node);
    assert.deepEqual(missing.map((m) => m.principalKey).sort(), [CHLOE, LIAM, NORA, 'soc-analysts'].sort());
    const nora = missing.find((m) => m.principalKey === NORA);
    assert.ok(nora);
    assert.match(String(parts().explorer.treeItem(nora).description), /^missing from the group$/);
    assert.match(String(parts().explorer.treeItem(nora).contextValue), /^missingMember;/);
  });

  it('puts one Problems entry per drifted group, with a reconcile quick action', async () => {
    const uri = parts().problems.uriFor(rig.dbx.url);
    const diagnostics = vscode.languages.getDiagnostics(uri);
    const mine = diagnostics.filter((d) => d.message.includes('security-reviewers'));
    assert.equal(mine.length, 1, `diagnostics: ${diagnostics.map((d) => d.message).join(' | ')}`);
    assert.equal(mine[0]?.severity, vscode.DiagnosticSeverity.Warning);
    const actions = parts().problems.actionsFor(rig.dbx.url);
    const fix = actions.find((a) => a.command?.command === 'dbxScim.reconcile');
    assert.ok(fix, 'a reconcile quick action is offered');
    assert.deepEqual(fix.command?.arguments?.[0], {
      host: rig.dbx.url,
      group: groupId(rig.dbx, 'security-reviewers'),
      interactive: true,
    });
  });

  it('compares a whole workspace: extra members are decorated and the report lists each drifted group', async () => {
    const result = await compare();
    const ops = result.groups.find((g) => g.databricksGroup === 'platform-ops');
    assert.ok(ops, `groups compared: ${result.groups.map((g) => g.databricksGroup).join(', ')}`);
    assert.ok(ops.findings.some((f) => f.kind === 'extra' && f.key === GEORGE));
    const node = await groupNode('platform-ops');
    const extra = (await parts().explorer.children(node)).find(
      (n) => n.kind === 'member' && n.id === userId(rig.dbx, GEORGE),
    );
    assert.ok(extra, 'george is listed as a member');
    const item = parts().explorer.treeItem(extra);
    assert.match(String(item.description), /not in Entra/);
    assert.ok(item.resourceUri);
    const decoration = parts().decorations.provideFileDecoration(item.resourceUri);
    assert.equal(decoration?.badge, '−');
    const report = parts().reports.render(rig.dbx.url).text;
    assert.match(report, /## platform-ops/);
    assert.match(report, /## security-reviewers/);
  });

  it('after a whole-workspace comparison every group says how it stands, and the Groups folder and workspace roll it up', async () => {
    const result = await compare();
    const differing = result.groups.filter(
      (g) => g.databricksGroup !== null && (g.findings.length > 0 || !g.complete),
    ).length;
    const compared = result.groups.filter((g) => g.databricksGroup !== null).length;
    const description = async (name: string) => String(parts().explorer.treeItem(await groupNode(name)).description);
    assert.match(await description('ml-engineers'), /^in sync with Entra/, 'identical to its Entra group');
    assert.match(
      await description('contractors'),
      /^no Entra group/,
      `no Entra counterpart: ${JSON.stringify(result.notCompared)}`,
    );
    const ws = (await parts().explorer.children()).find(
      (n) => n.kind === 'workspace' && n.host === normalizeHost(rig.dbx.url),
    );
    assert.ok(ws);
    const groups = (await parts().explorer.children(ws)).find((n) => n.kind === 'folder' && n.folder === 'groups');
    assert.ok(groups);
    const rollup = `${differing} of ${compared} differ from Entra`;
    assert.ok(
      String(parts().explorer.treeItem(groups).description).endsWith(rollup),
      String(parts().explorer.treeItem(groups).description),
    );
    assert.ok(
      String(parts().explorer.treeItem(ws).description).endsWith(rollup),
      String(parts().explorer.treeItem(ws).description),
    );
  });

  it('reconcile applies the plan in one PATCH, the drift it can fix is gone, and a second run plans nothing', async () => {
    const before = rig.dbx.log.length;
    const outcome = await reconcile('security-reviewers', { apply: true });
    assert.equal(outcome.applied, true);
    assert.deepEqual(outcome.result?.failed, []);
    assert.equal(outcome.plan.summary.adds, 3);
    const patches = rig.dbx.log.slice(before).filter((e) => e.method === 'PATCH');
    assert.equal(patches.length, 1);
    const members = membersOf(rig.dbx, 'security-reviewers');
    for (const u of [NORA, CHLOE, LIAM]) assert.ok(members.has(userId(rig.dbx, u)), `${u} was added`);
    // What reconcile cannot fix (a group Databricks does not have) is all that remains.
    assert.deepEqual(
      outcome.remaining?.map((f) => `${f.kind}:${f.key}`),
      ['notProvisioned:soc-analysts'],
    );

    const again = await reconcile('security-reviewers');
    assert.equal(again.plan.steps.length, 0);
    assert.equal(again.applied, false);
    const node = await groupNode('security-reviewers');
    assert.deepEqual(
      (await ghosts(node)).map((m) => m.principalKey),
      ['soc-analysts'],
    );
    assert.match(String(parts().explorer.treeItem(node).description), /^1 not in the workspace/);
  });

  it('adds one ghost member on its own ("Add"): the principal is created first when the workspace lacks it', async () => {
    const priya = 'priya.nair@contoso.com';
    assert.equal(rig.dbx.state.findUser(priya), undefined, 'priya is not provisioned yet');
    const explorer = parts().explorer;
    const ws = (await explorer.children()).find((n) => n.kind === 'workspace' && n.host === normalizeHost(rig.dbx.url));
    assert.ok(ws, 'the workspace row');
    const usersFolder = async () =>
      (await explorer.children(ws)).find((n) => n.kind === 'folder' && n.folder === 'users');
    const usersBefore = rig.dbx.state.users.size;
    const count = async () => String(explorer.treeItem((await usersFolder())!).description).split(' · ')[0];
    assert.equal(await count(), String(usersBefore));
    // Creating someone in the workspace is asked first, whoever started the add (withConsent
    // fails when a queued answer was not asked for).
    const outcome = await withConsent([true], () => reconcile('platform-ops', { principal: priya, apply: true }));
    // The folder she was created in counts her at once.
    await waitFor(async () => (await count()) === String(usersBefore + 1), `Users ${usersBefore + 1}`);
    assert.deepEqual(
      outcome.plan.steps.map((s) => s.kind),
      ['createUser', 'addMembers'],
    );
    assert.ok(membersOf(rig.dbx, 'platform-ops').has(userId(rig.dbx, priya)));
    assert.ok(!outcome.remaining?.some((f) => f.key === priya), 'her finding is gone');
    assert.ok(
      outcome.remaining?.some((f) => f.principalType === 'servicePrincipal'),
      'the other findings were left alone',
    );
  });

  it('shows a group drift report as a Markdown document', async () => {
    const uri = await run<string>('dbxScim.showDriftReport', { host: rig.dbx.url, group: 'platform-ops' });
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    assert.equal(doc.languageId, 'markdown');
    assert.match(doc.getText(), /## platform-ops ↔ Entra "platform-ops"/);
    assert.match(doc.getText(), /not in Entra \| user \| `george\.evans@contoso\.com`/);
  });

  it("removes extra members only with the setting AND the user's yes", async () => {
    const george = userId(rig.dbx, GEORGE);
    await setDriftSetting('reconcile.allowRemovals', false);
    const denied = await reconcile('platform-ops', { apply: true, allowRemovals: true });
    assert.equal(denied.plan.summary.removes, 0);
    assert.ok(membersOf(rig.dbx, 'platform-ops').has(george), 'setting off: the extra member stays');
    assert.ok(denied.remaining?.some((f) => f.kind === 'extra' && f.key === GEORGE));

    await setDriftSetting('reconcile.allowRemovals', true);
    const noConsent = await reconcile('platform-ops', { apply: true });
    assert.equal(noConsent.plan.summary.removes, 0);
    assert.ok(membersOf(rig.dbx, 'platform-ops').has(george), 'no allowRemovals in the call: the extra member stays');

    // Asking for removals in the arguments is not the yes: the dismissed question cancels.
    const unanswered = await reconcile('platform-ops', { apply: true, allowRemovals: true });
    assert.equal(unanswered, undefined);
    assert.ok(membersOf(rig.dbx, 'platform-ops').has(george), 'no yes from the user: the extra member stays');

    const consented = await withConsent(['Remove Them Too'], () =>
      reconcile('platform-ops', { apply: true, allowRemovals: true }),
    );
    assert.equal(consented.plan.summary.removes, 1);
    assert.ok(!membersOf(rig.dbx, 'platform-ops').has(george), 'setting on and consent given: removed');
  });
});
