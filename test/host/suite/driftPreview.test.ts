// Drift reports and reconcile plans are read in the rendered Markdown preview: a click on a
// Problems entry (which opens the report document as text) ends on the preview, with no Markdown
// source left open; a reconcile plan's preview goes away once it was applied or cancelled.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestHooks } from '../../../src/ui/dev/testHooks';
import { REPORT_SCHEME, reportUri } from '../../../src/ui/explorer/driftUris';
import { groupId, membersOf, startDriftRig, userId, type DriftRig } from './driftSupport';
import { withConsent } from './actionsSupport';
import { activateExtension, waitFor } from './support';

const NORA = 'nora.jensen@contoso.com';

const allTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
const describeTabs = () =>
  allTabs()
    .map((t) => {
      const input = t.input;
      if (input instanceof vscode.TabInputText) return `text ${input.uri.toString()}`;
      if (input instanceof vscode.TabInputWebview) return `webview ${input.viewType} "${t.label}"`;
      return `other "${t.label}"`;
    })
    .join(' | ') || 'no tabs';
const isPreview = (tab: vscode.Tab | undefined) =>
  tab?.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('markdown.preview');
/** Text tabs and editors of report documents (the raw Markdown). */
const reportSources = () => [
  ...allTabs().filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === REPORT_SCHEME),
  ...vscode.window.visibleTextEditors.filter((e) => e.document.uri.scheme === REPORT_SCHEME),
];
/** Any tab that shows a reconcile plan, as preview or as text. */
/** Labels of the tabs opened while `action` runs (to know the plan preview was there at all). */
async function openedDuring<T>(action: () => PromiseLike<T>): Promise<{ result: T; opened: string[] }> {
  const opened: string[] = [];
  const sub = vscode.window.tabGroups.onDidChangeTabs((e) => opened.push(...e.opened.map((t) => t.label)));
  try {
    return { result: await action(), opened };
  } finally {
    sub.dispose();
  }
}
const planTabs = () =>
  allTabs().filter(
    (t) =>
      /Reconcile /.test(t.label) ||
      (t.input instanceof vscode.TabInputText &&
        t.input.uri.scheme === REPORT_SCHEME &&
        t.input.uri.fragment === 'plan'),
  );

describe('drift reports and plans in the Markdown preview', function () {
  this.timeout(30_000);
  let rig: DriftRig;
  let hooks: TestHooks | undefined;

  const drift = () => {
    assert.ok(hooks?.drift, 'activate() returned the drift test hooks (DBX_SCIM_TEST_HOOKS=1)');
    return hooks.drift;
  };
  const compare = (group: string) =>
    vscode.commands.executeCommand('dbxScim.compareWithEntra', {
      host: rig.dbx.url,
      group,
      graphToken: rig.graph.token,
    });
  /** The Problems entry's quick action for `group` (what a person picks on the entry). */
  const quickAction = (command: string, group: string) => {
    const id = groupId(rig.dbx, group);
    const action = drift()
      .problems.actionsFor(rig.dbx.url)
      .find((a) => a.command?.command === command && (a.command.arguments?.[0] as { group?: string }).group === id);
    assert.ok(action?.command, `a ${command} quick action on the Problems entry of ${group}`);
    return action.command;
  };
  const runAction = (command: vscode.Command) =>
    vscode.commands.executeCommand(command.command, ...(command.arguments ?? [])) as Promise<unknown>;
  /** The plan text the reconcile flow put up for `group`. */
  const planText = (group: string) =>
    drift().reports.provideTextDocumentContent(
      reportUri(rig.dbx.url, undefined, `Reconcile ${group}`).with({ fragment: 'plan' }),
    );
  /** Waits until the active tab is the Markdown preview titled `label`. */
  const waitForPreview = (label: string) =>
    waitFor(
      () => {
        const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
        return isPreview(tab) && tab?.label === label;
      },
      `the active tab is the Markdown preview "${label}"`,
      5_000,
    ).catch((e: Error) => assert.fail(`${e.message}; tabs: ${describeTabs()}`));

  before(async () => {
    hooks = (await activateExtension<TestHooks | undefined>()).exports;
    rig = await startDriftRig('drift-preview');
    // The quick actions carry no Graph token (a person's sign-in would supply it): hand over the emulator's.
    drift().service.useFallbackGraphToken(() => rig.graph.token);
    await compare('security-reviewers');
    await compare('platform-ops');
  });

  beforeEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    drift().service.useFallbackGraphToken(() => undefined);
    await rig.close();
  });

  it("a click on a Problems entry shows the group's report rendered, not the Markdown source", async () => {
    const uri = drift().problems.uriFor(rig.dbx.url);
    const entry = vscode.languages.getDiagnostics(uri).find((d) => d.message.includes('security-reviewers'));
    assert.ok(entry, 'a Problems entry for security-reviewers');
    // What the Problems panel does on a click: open the entry's document at its range.
    await vscode.window.showTextDocument(uri, { selection: entry.range, preview: true });
    // The entry points at the group's heading: that group's report is what opens.
    await waitForPreview('Preview Entra drift of security-reviewers.md');
    await waitFor(() => reportSources().length === 0, 'the Markdown source is closed', 5_000).catch((e: Error) =>
      assert.fail(`${e.message}; tabs: ${describeTabs()}`),
    );
  });

  it("the entry's Show Drift Report quick action and the tree row's command open the preview", async () => {
    await runAction(quickAction('dbxScim.showDriftReport', 'security-reviewers'));
    await waitForPreview('Preview Entra drift of security-reviewers.md');
    assert.deepEqual(reportSources(), [], describeTabs());

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const node = await hooks!.explorer.revealPrincipal(rig.dbx.url, 'group', groupId(rig.dbx, 'platform-ops'), {
      select: false,
      focus: false,
    });
    await vscode.commands.executeCommand('dbxScim.showDriftReport', node);
    await waitForPreview('Preview Entra drift of platform-ops.md');
    assert.deepEqual(reportSources(), [], describeTabs());
  });

  it('Apply closes the plan preview; the plan said which nested members become direct ones', async () => {
    let asked: string[] = [];
    const { opened } = await openedDuring(() =>
      withConsent([true], async () => {
        await runAction(quickAction('dbxScim.reconcile', 'security-reviewers'));
        asked = [...(hooks?.consent.asked ?? [])];
      }),
    );
    assert.ok(opened.includes('Preview Reconcile security-reviewers.md'), `the plan was shown: ${opened.join(', ')}`);
    assert.deepEqual(asked, ['Reconcile "security-reviewers" with Entra ID?']);
    assert.ok(membersOf(rig.dbx, 'security-reviewers').has(userId(rig.dbx, NORA)), 'the plan was applied');
    assert.match(planText('security-reviewers'), /in Entra only through nested groups and become direct members here/);
    await waitFor(() => planTabs().length === 0, 'no tab shows the plan', 3_000).catch((e: Error) =>
      assert.fail(`${e.message}; tabs: ${describeTabs()}`),
    );
  });

  it('Cancel closes the plan preview; the plan named the setting that removals need', async () => {
    const before = new Set(membersOf(rig.dbx, 'platform-ops'));
    let asked: string[] = [];
    const { result: outcome, opened } = await openedDuring(() =>
      withConsent([false], async () => {
        const result = await runAction(quickAction('dbxScim.reconcile', 'platform-ops'));
        asked = [...(hooks?.consent.asked ?? [])];
        return result;
      }),
    );
    assert.ok(opened.includes('Preview Reconcile platform-ops.md'), `the plan was shown: ${opened.join(', ')}`);
    assert.deepEqual(asked, ['Reconcile "platform-ops" with Entra ID?']);
    assert.equal(outcome, undefined, 'cancelled');
    assert.deepEqual(new Set(membersOf(rig.dbx, 'platform-ops')), before, 'nothing changed');
    assert.match(
      planText('platform-ops'),
      // Markdown-escaped in the source ("dbxScim\.reconcile…"); the preview shows the plain name.
      /george\.evans@contoso\.com.*Turn on dbxScim\\?\.reconcile\\?\.allowRemovals/,
    );
    await waitFor(() => planTabs().length === 0, 'no tab shows the plan', 3_000).catch((e: Error) =>
      assert.fail(`${e.message}; tabs: ${describeTabs()}`),
    );
  });
});
