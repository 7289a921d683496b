// UI e2e of identity federation, the way an admin meets it: code-server in Chromium with the packaged
// .vsix; the Databricks emulator with two workspaces of one account (demo org), its account host and
// a Resource Manager emulator on loopback; one workspace in the user settings and the emulators'
// throwaway tokens in the environment, as `npm run demo` hands them over. Opens the Account row and
// its groups, a workspace's Access folder, adds a member to an account group through the tree and
// removes them again, assigns an account group to the workspace from its row and removes that
// assignment from the Access folder, adds a group manager, and opens "Add Workspaces from Azure…"
// from the view title. Leaves account-node.png, access-folder.png, account-group-add.png and
// azure-discovery.png in test-results/ (for the README when all passed).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startArmEmulator, startEmulator, type ArmEmulator, type Emulator } from '../emulator';
import { CheckRun } from '../support/checks';
import { repoRoot } from '../support/deps';
import { typeSearch } from '../support/quickSearch';
import { publishScreenshots } from '../support/screenshots';
import { openUiSession, type UiSession } from '../support/uiSession';
import { ensureVsix } from '../support/vsix';
import { settleForScreenshot, until, UI_TIMEOUT } from '../support/waits';
import {
  collapseTreeRow,
  dismissToasts,
  expandTreeRow,
  openQuickPickFromContextMenu,
  openViewContainer,
  quickPickRow,
  runFromContextMenuUntil,
  selectors,
  treeChildren,
  treeRow,
  waitForQuickInput,
} from '../support/workbench';

const resultsFile = path.resolve(
  process.env.DBX_SCIM_RESULTS ?? path.join(repoRoot, 'test-results', 'e2e-federation.json'),
);
const screenshots = ['account-node.png', 'access-folder.png', 'account-group-add.png', 'azure-discovery.png'] as const;
const shot = (name: (typeof screenshots)[number]) => path.join(repoRoot, 'test-results', name);

const WORKSPACE = 'Contoso (demo)';
/** An account-only group, assigned to workspace #1 by the test so it shows there too. */
const ASSIGNED_GROUP = 'lakehouse-readers';
const ACCOUNT_GROUP = ASSIGNED_GROUP;
const NEW_MEMBER = { displayName: 'Grace Liu', userName: 'grace.liu@contoso.com', query: 'grace' };
/** Index of the Analytics subscription's first workspace in the Resource Manager emulator's seed. */
const ANALYTICS_FIRST = 5;

async function main(): Promise<number> {
  fs.rmSync(resultsFile, { force: true });
  const run = new CheckRun('federation: the account, workspace access, account groups, workspaces from Azure (UI)');
  let emu: Emulator | undefined;
  let arm: ArmEmulator | undefined;
  let session: UiSession | undefined;
  await run.check('starts two workspaces of one account, its account host and Resource Manager', async () => {
    emu = await startEmulator({ dataset: 'demo', workspaces: 2 });
    const workspaceUrls: string[] = [];
    const [first, second] = emu.workspaces.map((w) => new URL(w.url).host);
    if (first === undefined || second === undefined) throw new Error('the emulator started fewer than 2 workspaces');
    workspaceUrls[0] = first;
    workspaceUrls[ANALYTICS_FIRST] = second;
    arm = await startArmEmulator({ knobs: { workspaceUrls } });
    // Who may use workspace #1 beyond its own principals: an account-only group, directly.
    const readers = emu.state.findGroup(ASSIGNED_GROUP);
    const id = emu.workspaces[0]?.workspaceId;
    if (readers === undefined || id === undefined) throw new Error(`the demo account lacks ${ASSIGNED_GROUP}`);
    emu.account.state.assign(id, readers.id, 'USER');
  });
  const started =
    emu !== undefined &&
    arm !== undefined &&
    (await run.check('opens code-server with the packaged .vsix, one workspace and the tokens in the env', async () => {
      session = await openUiSession({
        vsix: ensureVsix(),
        settings: {
          'dbxScim.workspaces': [{ name: WORKSPACE, host: emu!.url, auth: 'pat' }],
          'dbxScim.account.host': emu!.account.url,
          'dbxScim.azure.resourceManagerEndpoint': arm!.url,
        },
        env: {
          DBX_SCIM_DEMO_HOST: emu!.url,
          DBX_SCIM_DEMO_TOKEN: emu!.adminToken,
          DBX_SCIM_DEMO_ACCOUNT_TOKEN: emu!.entraToken(),
          DBX_SCIM_DEMO_ARM_TOKEN: arm!.token,
        },
      });
    }));
  run.page = session?.page;
  if (started && emu !== undefined && arm !== undefined && session !== undefined)
    await federationChecks(run, session.page, emu);
  await session?.close();
  await arm?.close();
  await emu?.close();
  if (run.failedCount === 0) publishScreenshots(screenshots.map(shot));
  return run.finish(resultsFile);
}

async function federationChecks(run: CheckRun, page: Page, emu: Emulator): Promise<void> {
  const quickInput = page.locator(selectors.quickInput);
  const step = async (title: string, body: () => Promise<void>): Promise<boolean> =>
    run.failedCount === 0 && run.check(title, body);
  // What the account lists: its groups, but not an Entra group Databricks has not used yet.
  const accountGroups = [...emu.state.groups.toArray()]
    .filter((g) => emu.account.state.visibleInAccount(g))
    .map((g) => g.displayName);

  await step('shows the workspace and, below it, the Account it belongs to', async () => {
    await openViewContainer(page, 'Databricks SCIM');
    await treeRow(page, WORKSPACE).waitFor({ timeout: UI_TIMEOUT });
    await treeRow(page, 'Account').waitFor({ timeout: UI_TIMEOUT });
  });
  await step(`opens the Account's groups: the account groups (${accountGroups.join(', ')})`, async () => {
    await collapseTreeRow(page, WORKSPACE); // its Groups would share a label with the account's
    await expandTreeRow(page, 'Account');
    const folders = await until(
      () => treeChildren(page, 'Account'),
      (rows) => ['Users', 'Groups', 'Service Principals'].every((l) => rows.some((r) => r.label === l)),
      'Users, Groups and Service Principals under the Account',
    );
    if (folders.length < 3) throw new Error(`under the Account: ${folders.map((r) => r.label).join(', ')}`);
    await expandTreeRow(page, 'Groups');
    await until(
      () => treeChildren(page, 'Groups'),
      (rows) => accountGroups.every((name) => rows.some((r) => r.label === name)),
      `the account groups ${accountGroups.join(', ')}`,
    );
  });
  await step('saves a screenshot of the Account row', async () => {
    await settleForScreenshot(page);
    await page.screenshot({ path: shot('account-node.png') });
  });

  await step(`opens the workspace's Access folder: ${ASSIGNED_GROUP} is assigned as USER`, async () => {
    await collapseTreeRow(page, 'Account');
    await expandTreeRow(page, WORKSPACE);
    await expandTreeRow(page, 'Access');
    await until(
      () => treeChildren(page, 'Access'),
      (rows) => rows.some((r) => r.label === ASSIGNED_GROUP && /USER/.test(r.description ?? '')),
      `${ASSIGNED_GROUP} with USER under Access`,
    );
  });
  await step('saves a screenshot of the Access folder', async () => {
    await settleForScreenshot(page);
    await page.screenshot({ path: shot('access-folder.png') });
  });

  await step(`opens "Add Members…" from the context menu of the account group "${ACCOUNT_GROUP}"`, async () => {
    await collapseTreeRow(page, 'Access');
    await expandTreeRow(page, 'Groups');
    await openQuickPickFromContextMenu(
      page,
      treeRow(page, ACCOUNT_GROUP),
      'Add Members…',
      `Add members to ${ACCOUNT_GROUP}`,
    );
  });
  const accountWritesBefore = emu.log.filter((e) => e.host === 'account' || e.path.includes('/identity/')).length;
  await step(`finds and ticks ${NEW_MEMBER.displayName}, not yet a member`, async () => {
    const candidate = emu.state.findUser(NEW_MEMBER.userName);
    if (candidate === undefined || emu.state.findGroup(ACCOUNT_GROUP)?.members.has(candidate.id))
      throw new Error(`${NEW_MEMBER.userName} is missing or already in ${ACCOUNT_GROUP}: pick someone else`);
    await typeSearch(page, emu.log, NEW_MEMBER.query);
    const row = quickPickRow(page, NEW_MEMBER.displayName).filter({ hasText: NEW_MEMBER.userName });
    await row.waitFor({ timeout: UI_TIMEOUT });
    await row.click();
    await row.and(page.locator('[aria-checked="true"]')).waitFor({ timeout: UI_TIMEOUT });
    await settleForScreenshot(page);
    await page.screenshot({ path: shot('account-group-add.png') });
  });
  await step('accepting adds the member through the account, not the workspace API, and says so', async () => {
    await quickInput.press('Enter');
    const user = emu.state.findUser(NEW_MEMBER.userName);
    if (user === undefined) throw new Error(`the demo org lacks ${NEW_MEMBER.userName}`);
    await until(
      () => Promise.resolve(emu.state.findGroup(ACCOUNT_GROUP)?.members.has(user.id) ?? false),
      (isMember) => isMember,
      `${NEW_MEMBER.userName} in the account group ${ACCOUNT_GROUP}`,
    );
    const accountRequests = emu.log.filter((e) => e.host === 'account' || e.path.includes('/identity/'));
    if (accountRequests.length <= accountWritesBefore) throw new Error('no request reached the account API');
    const workspacePatch = emu.log.some((e) => e.method === 'PATCH' && e.path.includes('/preview/scim/v2/Groups'));
    if (workspacePatch) throw new Error('a workspace SCIM PATCH was sent for an account group');
    await page
      .locator(selectors.toastMessage, { hasText: `Added ${NEW_MEMBER.userName}` })
      .or(page.locator(selectors.toastMessage, { hasText: `Added ${NEW_MEMBER.displayName}` }))
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
  });

  await step(
    `removes ${NEW_MEMBER.displayName} from the account group through the row's context menu, after a yes`,
    async () => {
      const user = emu.state.findUser(NEW_MEMBER.userName);
      if (user === undefined) throw new Error(`the demo org lacks ${NEW_MEMBER.userName}`);
      await dismissToasts(page);
      await expandTreeRow(page, ACCOUNT_GROUP);
      await until(
        async () => (await treeChildren(page, ACCOUNT_GROUP)).map((r) => r.label),
        (labels) => labels.includes(NEW_MEMBER.displayName),
        `${NEW_MEMBER.displayName} under ${ACCOUNT_GROUP}`,
      );
      const dialog = page.locator('.monaco-dialog-box');
      await runFromContextMenuUntil(page, treeRow(page, NEW_MEMBER.displayName), 'Remove Member…', (timeout) =>
        dialog.filter({ hasText: `from ${ACCOUNT_GROUP}?` }).waitFor({ timeout }),
      );
      await dialog.getByRole('button', { name: 'Remove', exact: true }).click({ timeout: UI_TIMEOUT });
      await until(
        () => Promise.resolve(emu.state.findGroup(ACCOUNT_GROUP)?.members.has(user.id) ?? true),
        (isMember) => !isMember,
        `${NEW_MEMBER.userName} gone from the account group ${ACCOUNT_GROUP}`,
      );
      const workspaceWrite = emu.log.some((e) => e.method === 'PATCH' && e.path.includes('/preview/scim/v2/Groups'));
      if (workspaceWrite) throw new Error('a workspace SCIM PATCH was sent for an account group');
      await collapseTreeRow(page, ACCOUNT_GROUP);
    },
  );

  const ws1 = emu.workspaces[0]?.workspaceId ?? '';
  const assignedTo = (name: string) => {
    const id = emu.state.findGroup(name)?.id;
    return emu.account.state.assignmentsOf(ws1).find((a) => a.principalId === id)?.permission;
  };
  const toAssign = accountGroups.find((name) => assignedTo(name) === undefined) ?? '';
  await step(
    `assigns the account group ${toAssign} to the workspace as USER from its row under the Account`,
    async () => {
      if (toAssign === '') throw new Error('every account group is assigned to workspace #1 already');
      await collapseTreeRow(page, WORKSPACE);
      await expandTreeRow(page, 'Account');
      await expandTreeRow(page, 'Groups');
      await openQuickPickFromContextMenu(
        page,
        treeRow(page, toAssign),
        'Assign to Workspace…',
        `Assign ${toAssign} to ${WORKSPACE}`,
      );
      await quickPickRow(page, 'USER').click({ timeout: UI_TIMEOUT });
      await until(
        () => Promise.resolve(assignedTo(toAssign)),
        (permission) => permission === 'USER',
        `${toAssign} assigned to workspace #1 as USER`,
      );
      await page
        .locator(selectors.toastMessage, { hasText: `Assigned group ${toAssign} to ${WORKSPACE}` })
        .first()
        .waitFor({ timeout: UI_TIMEOUT });
      await collapseTreeRow(page, 'Account');
      await expandTreeRow(page, WORKSPACE);
      await collapseTreeRow(page, 'Groups'); // the workspace now shows the group there too
      await expandTreeRow(page, 'Access');
      await until(
        () => treeChildren(page, 'Access'),
        (rows) => rows.some((r) => r.label === toAssign && /USER/.test(r.description ?? '')),
        `${toAssign} with USER under Access`,
      );
    },
  );

  await step(`removes ${toAssign} from the workspace through its Access row's context menu, after a yes`, async () => {
    const dialog = page.locator('.monaco-dialog-box');
    await runFromContextMenuUntil(page, treeRow(page, toAssign), 'Remove from Workspace…', (timeout) =>
      dialog.filter({ hasText: `Remove group ${toAssign} from workspace ${WORKSPACE}?` }).waitFor({ timeout }),
    );
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click({ timeout: UI_TIMEOUT });
    await until(
      () => Promise.resolve(assignedTo(toAssign)),
      (permission) => permission === undefined,
      `${toAssign} no longer assigned to workspace #1`,
    );
    await until(
      async () => (await treeChildren(page, 'Access')).map((r) => r.label),
      (labels) => labels.includes(ASSIGNED_GROUP) && !labels.includes(toAssign),
      `the Access rows without ${toAssign}`,
    );
  });

  await step(`adds ${NEW_MEMBER.displayName} as a manager of ${ASSIGNED_GROUP} from its Access row`, async () => {
    const readers = emu.state.findGroup(ASSIGNED_GROUP);
    if (readers === undefined) throw new Error(`the demo account lacks ${ASSIGNED_GROUP}`);
    const managers = () =>
      emu.account.state
        .ruleSet(emu.account.state.ruleSetName(readers.id))
        .grantRules.filter((r) => r.role === 'roles/group.manager')
        .flatMap((r) => r.principals);
    await openQuickPickFromContextMenu(
      page,
      treeRow(page, ASSIGNED_GROUP),
      'Manage Group Managers…',
      `Managers of ${ASSIGNED_GROUP}`,
    );
    await quickPickRow(page, 'Add a manager…').click({ timeout: UI_TIMEOUT });
    await waitForQuickInput(page, `Add a manager to ${ASSIGNED_GROUP}`);
    await quickInput.fill(NEW_MEMBER.userName);
    await quickInput.press('Enter');
    await until(
      () => Promise.resolve(managers()),
      (principals) => principals.includes(`users/${NEW_MEMBER.userName}`),
      `users/${NEW_MEMBER.userName} in the group.manager rule of ${ASSIGNED_GROUP}`,
    );
    await page
      .locator(selectors.toastMessage, { hasText: `manages "${ASSIGNED_GROUP}" now` })
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
  });

  await step('"Add Workspaces from Azure…" in the view title lists the workspaces of the subscriptions', async () => {
    // Toasts are cleared first: clicking one later would close the picker.
    await settleForScreenshot(page);
    await page
      .locator(`${selectors.sidebar} .title-actions .action-label[aria-label^="Add Workspaces from Azure"]`)
      .click({ timeout: UI_TIMEOUT });
    await waitForQuickInput(page, 'Add Workspaces from Azure', 60_000);
    await until(
      () => page.locator(selectors.quickInputRow).allInnerTexts(),
      (rows) => rows.length >= 2,
      'workspaces from two subscriptions in the picker',
    );
    await page.mouse.move(0, 0);
    await page.screenshot({ path: shot('azure-discovery.png') });
    await page.keyboard.press('Escape');
  });
}

void main().then((code) => process.exit(code));
