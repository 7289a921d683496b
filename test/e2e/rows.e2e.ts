// UI e2e of the rows a user clicks right after they appear: a nested group opened the moment its
// parent's members show (the parent row is redrawn then, to add its member count), and row actions
// on members of such a group (Remove Member…, which must ask first). Every row the view shows
// must still answer when clicked.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startEmulator, type Emulator } from '../emulator';
import { CheckRun } from '../support/checks';
import { repoRoot } from '../support/deps';
import { openUiSession, type UiSession } from '../support/uiSession';
import { ensureVsix } from '../support/vsix';
import { sameLabels, until, UI_TIMEOUT } from '../support/waits';
import {
  expandTreeRow,
  openViewContainer,
  runFromContextMenuUntil,
  selectors,
  treeChildren,
  treeRow,
  waitForQuickInput,
} from '../support/workbench';

const resultsFile = path.resolve(process.env.DBX_SCIM_RESULTS ?? path.join(repoRoot, 'test-results', 'e2e-rows.json'));
const WORKSPACE = 'Contoso (demo)';

async function main(): Promise<number> {
  fs.rmSync(resultsFile, { force: true });
  const run = new CheckRun('rows: every row the explorer shows answers a click (UI, code-server + Chromium)');
  let emulator: Emulator | undefined;
  let session: UiSession | undefined;
  await run.check('starts the Databricks emulator (demo org, 80 ms per answer) and code-server', async () => {
    // Latency makes the parent's redraw land while the user is already clicking its children.
    emulator = await startEmulator({ dataset: 'demo', knobs: { latencyMs: 80 } });
    session = await openUiSession({
      vsix: ensureVsix(),
      settings: { 'dbxScim.workspaces': [{ name: WORKSPACE, host: emulator.url, auth: 'pat' }] },
      env: { DBX_SCIM_DEMO_HOST: emulator.url, DBX_SCIM_DEMO_TOKEN: emulator.adminToken },
    });
  });
  run.page = session?.page;
  if (emulator !== undefined && session !== undefined) await rowChecks(run, session.page, emulator);
  await session?.close();
  await emulator?.close();
  return run.finish(resultsFile);
}

function membersOf(emu: Emulator, group: string): string[] {
  return [...(emu.state.findGroup(group)?.members ?? [])].map((id) => emu.state.getPrincipal(id)?.displayName ?? id);
}

async function rowChecks(run: CheckRun, page: Page, emu: Emulator): Promise<void> {
  const step = async (title: string, body: () => Promise<void>): Promise<boolean> =>
    run.failedCount === 0 && run.check(title, body);
  await step('opens the view and Groups', async () => {
    await openViewContainer(page, 'Databricks SCIM');
    await expandTreeRow(page, WORKSPACE);
    await expandTreeRow(page, 'Groups');
  });
  await step(
    '"Add Workspace…" in the view title, clicked while the workspace row is selected, asks for a URL',
    async () => {
      await treeRow(page, WORKSPACE).click();
      await treeRow(page, WORKSPACE).click(); // a second click collapses it again; the row stays selected
      await page
        .locator(`${selectors.sidebar} .title-actions .action-label[aria-label="Add Workspace…"]`)
        .click({ timeout: UI_TIMEOUT });
      await waitForQuickInput(page, 'Add Databricks workspace');
      await page.keyboard.press('Escape');
      await treeRow(page, WORKSPACE).waitFor({ timeout: UI_TIMEOUT }); // still under its own name
      await expandTreeRow(page, WORKSPACE);
      await expandTreeRow(page, 'Groups');
    },
  );
  const nested = membersOf(emu, 'analysts');
  await step(
    `expands data-platform and, as soon as it shows, its nested group analysts: ${nested.length} members on the first try`,
    async () => {
      await treeRow(page, 'data-platform').click();
      // No waiting for the parent to settle: a user clicks what they see.
      await treeRow(page, 'analysts').click({ timeout: UI_TIMEOUT });
      await until(
        async () => (await treeChildren(page, 'analysts')).filter((r) => r.description !== 'entitlement'),
        (rows) => sameLabels(rows, nested),
        `the members of analysts: ${nested.join(', ')}`,
      );
    },
  );
  const leaving = 'Zoe Williams';
  const user = emu.state.findUser('zoe.williams@contoso.com');
  await step(
    `removes ${leaving} from analysts through her row's context menu, after saying yes to the question`,
    async () => {
      if (user === undefined) throw new Error('the demo org lacks zoe.williams@contoso.com');
      const dialog = page.locator('.monaco-dialog-box');
      await runFromContextMenuUntil(page, treeRow(page, leaving), 'Remove Member…', (timeout) =>
        dialog.filter({ hasText: 'from analysts?' }).waitFor({ timeout }),
      );
      await dialog.getByRole('button', { name: 'Remove', exact: true }).click({ timeout: UI_TIMEOUT });
      await until(
        () => Promise.resolve(emu.state.findGroup('analysts')?.members.has(user.id) ?? true),
        (isMember) => !isMember,
        `${leaving} gone from the emulator's analysts`,
      );
      await until(
        async () => (await treeChildren(page, 'analysts')).map((r) => r.label),
        (labels) => labels.length > 0 && !labels.includes(leaving),
        `the analysts rows without ${leaving}`,
      );
    },
  );
}

void main().then((code) => process.exit(code));
