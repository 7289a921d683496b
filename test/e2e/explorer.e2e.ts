// UI e2e of the explorer, the way a user meets it: code-server in Chromium with the packaged .vsix,
// no workspace configured, the Databricks emulator (demo org) on loopback. Adds the workspace
// through the real input boxes (host, name, sign-in choice, PAT), expands Groups and a group, adds
// a member through the live-search QuickPick and sees it in the tree, in the emulator's state and
// as exactly one PATCH; creates a group through the input box (a built-in name refused while typing)
// and ticks an entitlement of it in the Edit Entitlements QuickPick; finds someone with Search
// Principal from the Command Palette and sees the row selected; rotates the workspace's token from
// its row, from the warning a soon-expiring token raises, and with two tokens (picking the stored
// one). Leaves
// test-results/explorer-tree.png and add-members-quickpick.png (`npm run screenshots` copies them to
// media/screenshots/ for the README when every check passed).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startEmulator, type Emulator } from '../emulator';
import { CheckRun } from '../support/checks';
import { repoRoot } from '../support/deps';
import { typeSearch } from '../support/quickSearch';
import { publishScreenshots } from '../support/screenshots';
import { openUiSession, type UiSession } from '../support/uiSession';
import { ensureVsix } from '../support/vsix';
import { sameLabels, settleForScreenshot, until, UI_TIMEOUT } from '../support/waits';
import {
  collapseTreeRow,
  expandTreeRow,
  openViewContainer,
  quickPickRow,
  runFromPalette,
  dismissToasts,
  openQuickPickFromContextMenu,
  selectors,
  treeChildren,
  treeRow,
  waitForQuickInput,
} from '../support/workbench';

const resultsFile = path.resolve(
  process.env.DBX_SCIM_RESULTS ?? path.join(repoRoot, 'test-results', 'e2e-explorer.json'),
);
const screenshots = ['explorer-tree.png', 'add-members-quickpick.png'] as const;
const shot = (name: (typeof screenshots)[number]) => path.join(repoRoot, 'test-results', name);

const GROUP = 'contractors';
const NEW_MEMBER = { displayName: 'Grace Liu', userName: 'grace.liu@contoso.com', query: 'grace' };

async function main(): Promise<number> {
  fs.rmSync(resultsFile, { force: true });
  const run = new CheckRun('explorer: add a workspace, browse, add a member (UI, code-server + Chromium)');
  let emulator: Emulator | undefined;
  let session: UiSession | undefined;
  await run.check('starts the Databricks emulator with the demo org', async () => {
    emulator = await startEmulator({ dataset: 'demo' });
  });
  const started = await run.check('opens code-server with the packaged .vsix and no workspace configured', async () => {
    session = await openUiSession({ vsix: ensureVsix() });
  });
  run.page = session?.page;
  if (emulator !== undefined && started && session !== undefined) await explorerChecks(run, session.page, emulator);
  await session?.close();
  await emulator?.close();
  // Only pictures of a passing run go into the README.
  if (run.failedCount === 0) publishScreenshots(screenshots.map(shot));
  return run.finish(resultsFile);
}

async function explorerChecks(run: CheckRun, page: Page, emu: Emulator): Promise<void> {
  const workspaceName = new URL(emu.url).host; // the proposed default for a loopback host
  const quickInput = page.locator(selectors.quickInput);
  // Each step needs the one before it; after the first failure the rest would only time out.
  const step = async (title: string, body: () => Promise<void>): Promise<boolean> =>
    run.failedCount === 0 && run.check(title, body);

  await step('clicks "Add Workspace" in the welcome view of the Databricks SCIM view', async () => {
    const sidebar = await openViewContainer(page, 'Databricks SCIM');
    await sidebar
      .locator(selectors.welcomeView)
      .getByRole('button', { name: 'Add Workspace', exact: true })
      .click({ timeout: UI_TIMEOUT });
  });
  await step("asks for the workspace URL and accepts the emulator's loopback URL", async () => {
    await waitForQuickInput(page, 'Add Databricks workspace');
    await quickInput.fill(emu.url);
    await quickInput.press('Enter');
  });
  await step(`proposes "${workspaceName}" as the name, which is accepted as is`, async () => {
    await waitForQuickInput(page, 'Name for this workspace');
    const proposed = await quickInput.inputValue();
    if (proposed !== workspaceName) throw new Error(`proposed name "${proposed}", expected "${workspaceName}"`);
    await quickInput.press('Enter');
  });
  await step('offers the ways to sign in; "Personal access token" is picked', async () => {
    await waitForQuickInput(page, 'How to sign in to this workspace');
    for (const option of ['Personal access token', 'Microsoft Entra sign-in', 'Azure CLI or environment']) {
      await quickPickRow(page, option).waitFor({ timeout: UI_TIMEOUT });
    }
    await quickPickRow(page, 'Personal access token').click();
  });
  await step('asks for the PAT in a password box; the admin token is verified and the workspace added', async () => {
    await waitForQuickInput(page, `Personal access token for ${workspaceName}`);
    const type = await quickInput.getAttribute('type');
    if (type !== 'password') throw new Error(`the token box is of type "${type}", not a password box`);
    await quickInput.fill(emu.adminToken);
    await quickInput.press('Enter');
    await page
      .locator(selectors.toastMessage, { hasText: `connected as ${emu.state.adminUser.userName}` })
      .waitFor({ timeout: UI_TIMEOUT });
  });
  await step("shows the workspace with Users, Groups and Service Principals and the emulator's counts", async () => {
    const expected: Record<string, number> = {
      Users: emu.state.users.size,
      Groups: emu.state.groups.size,
      'Service Principals': emu.state.servicePrincipals.size,
    };
    await treeRow(page, workspaceName).waitFor({ timeout: UI_TIMEOUT });
    const folders = await until(
      () => treeChildren(page, workspaceName),
      (rows) =>
        Object.entries(expected).every(([label, count]) =>
          rows.some((r) => r.label === label && r.description === String(count)),
        ),
      `the folders under ${workspaceName} with counts ${JSON.stringify(expected)}`,
    );
    const labels = folders.map((r) => r.label).join(', ');
    if (labels !== 'Users, Groups, Service Principals, Access') throw new Error(`folders are: ${labels}`);
  });
  const members = [...(emu.state.findGroup(GROUP)?.members ?? [])]
    .map((id) => emu.state.getPrincipal(id)?.displayName ?? id)
    .sort();
  await step(`expands Groups and "${GROUP}" to its ${members.length} members`, async () => {
    await expandTreeRow(page, 'Groups');
    await expandTreeRow(page, GROUP);
    await until(
      () => treeChildren(page, GROUP),
      (rows) => sameLabels(rows, members),
      `the members of ${GROUP}: ${members.join(', ')}`,
    );
  });
  await step('saves a screenshot of the tree', async () => {
    await settleForScreenshot(page);
    await page.screenshot({ path: shot('explorer-tree.png') });
  });

  await step(`opens "Add Members…" from the context menu of "${GROUP}": a QuickPick for that group`, async () => {
    await openQuickPickFromContextMenu(page, treeRow(page, GROUP), 'Add Members…', `Add members to ${GROUP}`);
  });
  const patchesBefore = emu.log.filter((e) => e.method === 'PATCH').length;
  await step(
    `searches the workspace as "${NEW_MEMBER.query}" is typed and lists ${NEW_MEMBER.displayName} (${NEW_MEMBER.userName})`,
    async () => {
      await typeSearch(page, emu.log, NEW_MEMBER.query);
      await quickPickRow(page, NEW_MEMBER.displayName)
        .filter({ hasText: NEW_MEMBER.userName })
        .waitFor({ timeout: UI_TIMEOUT });
    },
  );
  await step(`ticks ${NEW_MEMBER.displayName}`, async () => {
    const row = quickPickRow(page, NEW_MEMBER.displayName);
    await row.click();
    await row.and(page.locator('[aria-checked="true"]')).waitFor({ timeout: UI_TIMEOUT });
  });
  await step('saves a screenshot of the QuickPick with the search text and the ticked result', async () => {
    await settleForScreenshot(page);
    await page.screenshot({ path: shot('add-members-quickpick.png') });
  });
  await step('accepting adds the member with exactly one PATCH to the group', async () => {
    await quickInput.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
    const group = emu.state.findGroup(GROUP);
    const user = emu.state.findUser(NEW_MEMBER.userName);
    if (group === undefined || user === undefined) throw new Error('the demo org lacks the group or the user');
    await until(
      () => Promise.resolve(emu.state.findGroup(GROUP)?.members.has(user.id) ?? false),
      (isMember) => isMember,
      `${NEW_MEMBER.userName} in the emulator's ${GROUP}`,
    );
    const patches = emu.log.filter((e) => e.method === 'PATCH').slice(patchesBefore);
    if (patches.length !== 1)
      throw new Error(`expected exactly one PATCH, saw ${patches.length}: ${patches.map((p) => p.path).join(', ')}`);
    if (!patches[0]!.path.endsWith(`/Groups/${group.id}`)) throw new Error(`the PATCH went to ${patches[0]!.path}`);
  });
  await step(`shows ${NEW_MEMBER.displayName} under "${GROUP}" in the tree`, async () => {
    const expected = [...members, NEW_MEMBER.displayName].sort();
    await until(
      () => treeChildren(page, GROUP),
      (rows) => sameLabels(rows, expected),
      `the members of ${GROUP}: ${expected.join(', ')}`,
    );
  });

  const NEW_GROUP = 'e2e-analysts';
  await step(
    '"Create Group…" from the Groups folder refuses a built-in name while typing, then creates one',
    async () => {
      await collapseTreeRow(page, GROUP);
      await openQuickPickFromContextMenu(page, treeRow(page, 'Groups'), 'Create Group…', 'New group in');
      await quickInput.fill('admins');
      await page
        .locator('.quick-input-widget', { hasText: "one of Databricks' built-in groups" })
        .waitFor({ timeout: UI_TIMEOUT });
      await quickInput.fill(NEW_GROUP);
      await quickInput.press('Enter');
      // The workspace names its account, so the extension asks where the group lives; no account sign-in here.
      await waitForQuickInput(page, `New group "${NEW_GROUP}"`);
      await quickPickRow(page, 'Account group (recommended)').waitFor({ timeout: UI_TIMEOUT });
      await quickPickRow(page, 'Workspace-local (legacy)').click({ timeout: UI_TIMEOUT });
      await until(
        () => Promise.resolve(emu.state.findGroup(NEW_GROUP)),
        (group) => group !== undefined && !group.accountGroup,
        `${NEW_GROUP} in the emulator, workspace-local as chosen`,
      );
      await treeRow(page, NEW_GROUP).waitFor({ timeout: UI_TIMEOUT });
    },
  );
  await step(`"Edit Entitlements…" on ${NEW_GROUP} ticks "Databricks SQL access" and saves it`, async () => {
    await openQuickPickFromContextMenu(
      page,
      treeRow(page, NEW_GROUP),
      'Edit Entitlements…',
      `Entitlements of ${NEW_GROUP}`,
    );
    const row = quickPickRow(page, 'Databricks SQL access');
    await row.click({ timeout: UI_TIMEOUT });
    await row.and(page.locator('[aria-checked="true"]')).waitFor({ timeout: UI_TIMEOUT });
    await quickInput.press('Enter');
    await until(
      () => Promise.resolve([...(emu.state.findGroup(NEW_GROUP)?.entitlements ?? [])]),
      (entitlements) => entitlements.includes('databricks-sql-access'),
      `databricks-sql-access on ${NEW_GROUP} in the emulator`,
    );
  });
  const FOUND = { displayName: 'Kenji Sato', query: 'kenji' };
  await step(`"Search Principal…" from the Command Palette finds "${FOUND.query}" and selects the row`, async () => {
    await dismissToasts(page); // a toast can hold the focus the palette's input needs
    await runFromPalette(page, 'Databricks SCIM: Search Principal…');
    await waitForQuickInput(page, `Search ${workspaceName}`);
    await typeSearch(page, emu.log, FOUND.query);
    await quickPickRow(page, FOUND.displayName).first().click({ timeout: UI_TIMEOUT });
    await treeRow(page, FOUND.displayName).and(page.locator('[aria-selected="true"]')).waitFor({ timeout: UI_TIMEOUT });
    await treeRow(page, 'Users').and(page.locator('[aria-expanded="true"]')).waitFor({ timeout: UI_TIMEOUT });
  });
  const admin = emu.state.adminUser.id;
  const setToken = async (value: string) => {
    await openQuickPickFromContextMenu(
      page,
      treeRow(page, workspaceName),
      'Set Token…',
      `Personal access token for ${workspaceName}`,
    );
    await quickInput.fill(value);
    await quickInput.press('Enter');
  };
  /** Rotate Token… from the workspace row's context menu, with the lifetime picked. */
  const rotateFromRow = async (days: number) => {
    await openQuickPickFromContextMenu(
      page,
      treeRow(page, workspaceName),
      'Rotate Token…',
      'Lifetime of the new token',
    );
    await quickPickRow(page, `${days} days`).click({ timeout: UI_TIMEOUT });
  };
  const rotatedToast = (days: number) =>
    page
      .locator(selectors.toastMessage, { hasText: 'the old token was revoked' })
      .filter({ hasText: `expires in ${days} days` })
      .waitFor({ timeout: UI_TIMEOUT });
  await step(
    '"Rotate Token…" on the workspace row: a 30-day token replaces the stored one, which is revoked',
    async () => {
      const before = new Set(emu.state.tokensOf(admin).map((t) => t.token_id));
      await rotateFromRow(30);
      await rotatedToast(30);
      if (emu.state.tokenIsValid(emu.adminToken)) throw new Error('the old token still works');
      const made = emu.state.tokensOf(admin).filter((t) => !before.has(t.token_id));
      if (made.length !== 1) throw new Error(`expected one new token, found ${made.length}`);
      await treeRow(page, workspaceName).waitFor({ timeout: UI_TIMEOUT });
    },
  );
  await step(
    '"Set Token…" with a token that expires in 3 days warns at once; "Rotate Token…" there replaces it',
    async () => {
      await dismissToasts(page); // the earlier rotation's message says the same words
      // The user's only token: Set Token can then record its id, and with it the expiry.
      for (const t of emu.state.tokensOf(admin)) emu.state.revokeToken(t.token_id);
      const soon = emu.state.issueToken({ lifetimeSeconds: 3 * 86_400, comment: 'e2e: expires soon' });
      await setToken(soon.tokenValue);
      const warning = page.locator('.notifications-toasts .notification-toast', {
        hasText: `The Databricks token for ${workspaceName} expires in`,
      });
      await warning.getByRole('button', { name: 'Rotate Token…' }).click({ timeout: UI_TIMEOUT });
      await waitForQuickInput(page, 'Lifetime of the new token');
      await quickPickRow(page, '90 days').click({ timeout: UI_TIMEOUT });
      await rotatedToast(90);
      await until(
        () => Promise.resolve(emu.state.tokensOf(admin).map((t) => t.value)),
        (values) => values.length === 1 && values[0] !== soon.tokenValue,
        'one token, the new one, left to the admin',
      );
    },
  );
  const PASTED = 'e2e: pasted by hand';
  await step('with two tokens, "Rotate Token…" asks which one is stored and revokes only that one', async () => {
    await dismissToasts(page);
    const kept = emu.state.tokensOf(admin).map((t) => t.value);
    const pasted = emu.state.issueToken({ comment: PASTED });
    await setToken(pasted.tokenValue);
    await page
      .locator(selectors.toastMessage, { hasText: `Token saved for ${workspaceName}` })
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
    await rotateFromRow(30);
    await waitForQuickInput(page, 'Which of your tokens is the one stored for this workspace?');
    await quickPickRow(page, PASTED).click({ timeout: UI_TIMEOUT });
    await rotatedToast(30);
    await until(
      () => Promise.resolve(emu.state.tokenIsValid(pasted.tokenValue)),
      (valid) => !valid,
      'the picked token revoked',
    );
    const revoked = kept.filter((value) => !emu.state.tokenIsValid(value));
    if (revoked.length > 0) throw new Error(`${revoked.length} token(s) not picked were revoked too`);
  });
}

void main().then((code) => process.exit(code));
