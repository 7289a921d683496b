// UI e2e of Entra drift, the way a user meets it: code-server in Chromium with the
// packaged .vsix, the Databricks emulator and the Graph emulator (the demo org on both sides, with
// the drift cases of test/emulator/data/entra.ts) on loopback, one workspace in the user settings
// and the emulators' throwaway tokens in the environment, as `npm run demo` hands them over
// (src/ui/dev/demoBootstrap.ts). Runs "Compare with Entra ID" from the workspace's context menu, sees
// the drifted groups marked (description and badge) and the ghost missing members of
// security-reviewers, opens the workspace drift report in the Markdown preview and finds one
// Problems entry per drifted group. Leaves test-results/drift-tree.png and drift-report.png
// (published to media/screenshots/ for the README when every check passed and
// DBX_SCIM_UPDATE_SCREENSHOTS=1).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startEmulator, startGraphEmulator, type Emulator, type GraphEmulator } from '../emulator';
import { CheckRun } from '../support/checks';
import { repoRoot } from '../support/deps';
import { publishScreenshots } from '../support/screenshots';
import { openUiSession, type UiSession } from '../support/uiSession';
import { ensureVsix } from '../support/vsix';
import { sameLabels, settleForScreenshot, until, UI_TIMEOUT } from '../support/waits';
import {
  activeWebview,
  expandTreeRow,
  openProblemsPanel,
  openViewContainer,
  problemsRows,
  runFromContextMenuUntil,
  selectors,
  setSidebarWidth,
  treeChildren,
  treeRow,
  treeRowBadge,
  type TreeRowInfo,
} from '../support/workbench';

const resultsFile = path.resolve(process.env.DBX_SCIM_RESULTS ?? path.join(repoRoot, 'test-results', 'e2e-drift.json'));
const screenshots = ['drift-tree.png', 'drift-report.png'] as const;
const shot = (name: (typeof screenshots)[number]) => path.join(repoRoot, 'test-results', name);

const WORKSPACE = 'Contoso (demo)';

/**
 * Hand-written from the drift cases in test/emulator/data/entra.ts: what the tree must show for
 * the groups this test looks at (summary parts of the description, badge = number of findings).
 */
const DRIFTED: Readonly<Record<string, { summary: readonly string[]; badge: string }>> = {
  'security-reviewers': {
    summary: ['1 missing from the group', '2 nested in Entra only', '1 not in the workspace'],
    badge: '4',
  },
  'platform-ops': { summary: ['1 not in Entra', '2 not in the workspace'], badge: '3' },
  'finance-analysts': { summary: ['1 renamed in Entra'], badge: '1' },
  'bi-developers': { summary: ['1 missing from the group'], badge: '1' },
  'data-eng': { summary: ['1 name differs in case'], badge: '1' },
  'all-employees': { summary: ['1 name differs in case'], badge: '1' },
};
/**
 * Groups with no Entra counterpart (case 12: not compared) or identical to it (cases 11, 13): no
 * mark. The compared ones are those with an Entra group: all but the first three.
 */
const UNMARKED = ['contractors', 'admins', 'users', 'ml-engineers', 'analysts', 'data-platform'] as const;
const COMPARED = Object.keys(DRIFTED).length + UNMARKED.length - 3;
/** security-reviewers' ghost members (cases 4, 5) with their descriptions. */
const GHOSTS: ReadonlyArray<{ label: string; description: RegExp }> = [
  { label: 'Nora Jensen', description: /^missing from the group$/ },
  { label: 'Chloe Dubois', description: /^nested in Entra only · via soc-analysts$/ },
  { label: "Liam O'Connor", description: /^nested in Entra only · via soc-analysts$/ },
  { label: 'soc-analysts', description: /^not in the workspace$/ },
];
const EXPANDED = 'security-reviewers';
/** Any finding's words in a description; the internal kind ids must never show. */
const MARKED = /missing|not in Entra|renamed|nested|not in the workspace|differs? in case/;
const RAW_IDS = /nestedOnly|notProvisioned|caseMismatch|groupMissing/;

async function main(): Promise<number> {
  fs.rmSync(resultsFile, { force: true });
  const run = new CheckRun(
    'drift: compare a workspace with Entra ID, see the drift in the tree and the report (UI, code-server + Chromium)',
  );
  let emulator: Emulator | undefined;
  let graph: GraphEmulator | undefined;
  let session: UiSession | undefined;
  await run.check('starts the Databricks and Graph emulators with the demo org, realistic profiles', async () => {
    // Under the realistic profiles: the workspace's concurrency and GET limits, refused id filters,
    // Graph's advanced-query rules — what a real tenant does to the same clicks.
    emulator = await startEmulator({ dataset: 'demo', profile: 'realistic' });
    graph = await startGraphEmulator({ org: 'demo', profile: 'realistic' });
  });
  const started =
    emulator !== undefined &&
    graph !== undefined &&
    (await run.check(`opens code-server with the packaged .vsix and "${WORKSPACE}" in the user settings`, async () => {
      session = await openUiSession({
        vsix: ensureVsix(),
        settings: {
          'dbxScim.workspaces': [{ name: WORKSPACE, host: emulator!.url, auth: 'pat' }],
          'dbxScim.entra.graphEndpoint': graph!.url,
        },
        // As `npm run demo` does: the extension host inherits code-server's environment.
        env: {
          DBX_SCIM_DEMO_HOST: emulator!.url,
          DBX_SCIM_DEMO_TOKEN: emulator!.adminToken,
          DBX_SCIM_DEMO_GRAPH_TOKEN: graph!.token,
        },
        viewport: { width: 1440, height: 900 },
      });
    }));
  run.page = session?.page;
  if (started && session !== undefined) await driftChecks(run, session.page, emulator!, graph!);
  await session?.close();
  await graph?.close();
  await emulator?.close();
  // Only pictures of a passing run go into the README.
  if (run.failedCount === 0) publishScreenshots(screenshots.map(shot));
  return run.finish(resultsFile);
}

async function driftChecks(run: CheckRun, page: Page, emu: Emulator, graph: GraphEmulator): Promise<void> {
  // Each step needs the one before it; after the first failure the rest would only time out.
  const step = async (title: string, body: () => Promise<void>): Promise<boolean> =>
    run.failedCount === 0 && run.check(title, body);

  await step(`opens the Databricks SCIM view: "${WORKSPACE}" with Users, Groups and Service Principals`, async () => {
    await openViewContainer(page, 'Databricks SCIM');
    await treeRow(page, WORKSPACE).waitFor({ timeout: UI_TIMEOUT });
    const groups = String(emu.state.groups.size);
    await until(
      () => treeChildren(page, WORKSPACE),
      (rows) =>
        rows.map((r) => r.label).join(', ') === 'Users, Groups, Service Principals, Access' &&
        rows.some((r) => r.label === 'Groups' && r.description === groups),
      `Users, Groups (${groups}) and Service Principals under ${WORKSPACE}`,
    );
  });
  const groupNames = [...emu.state.groups.values()].map((g) => g.displayName);
  await step('expands Groups: every group, none marked before a comparison', async () => {
    await expandTreeRow(page, 'Groups');
    const rows = await until(
      () => treeChildren(page, 'Groups'),
      (children) => sameLabels(children, groupNames),
      `the groups: ${groupNames.join(', ')}`,
    );
    const marked = rows.filter((r) => MARKED.test(r.description));
    if (marked.length > 0) throw new Error(`marked before any comparison: ${JSON.stringify(marked)}`);
  });

  const graphRequestsBefore = graph.log.length;
  await step(
    'runs "Compare with Entra ID" from the workspace\'s context menu; the Graph emulator is asked',
    async () => {
      await runFromContextMenuUntil(page, treeRow(page, WORKSPACE), 'Compare with Entra ID', (timeoutMs) =>
        until(
          () => Promise.resolve(graph.log.length - graphRequestsBefore),
          (n) => n > 0,
          'a request to the Graph emulator',
          timeoutMs,
        ),
      );
    },
  );
  await step('says when it is done: "6 of 9 groups differ from Entra ID." with a "Show Report" action', async () => {
    const toast = page.locator('.notifications-toasts .notification-toast', {
      hasText: `${Object.keys(DRIFTED).length} of ${COMPARED} groups differ from Entra ID.`,
    });
    await toast.waitFor({ timeout: UI_TIMEOUT });
    await toast.getByRole('button', { name: 'Show Report' }).waitFor({ timeout: UI_TIMEOUT });
  });
  await step(
    `marks the drifted groups: ${Object.keys(DRIFTED).join(', ')} get their findings in the description and a badge`,
    async () => {
      await until(
        () => treeChildren(page, 'Groups'),
        (rows) =>
          Object.entries(DRIFTED).every(([name, want]) =>
            want.summary.every((part) => describedAs(rows, name)?.includes(part)),
          ),
        `descriptions ${JSON.stringify(Object.fromEntries(Object.entries(DRIFTED).map(([k, v]) => [k, v.summary.join(' · ')])))}`,
      );
      const raw = (await treeChildren(page, 'Groups')).filter((r) => RAW_IDS.test(r.description));
      if (raw.length > 0) throw new Error(`internal finding ids on screen: ${JSON.stringify(raw)}`);
      // Decorations are asked for after the rows render: wait for them too.
      const badges = async (): Promise<Record<string, string | undefined>> =>
        Object.fromEntries(
          await Promise.all(Object.keys(DRIFTED).map(async (name) => [name, await treeRowBadge(page, name)] as const)),
        );
      await until(
        badges,
        (seen) => Object.entries(DRIFTED).every(([name, want]) => seen[name] === want.badge),
        `badges ${JSON.stringify(Object.fromEntries(Object.entries(DRIFTED).map(([k, v]) => [k, v.badge])))}`,
      );
    },
  );
  await step(`leaves ${UNMARKED.join(', ')} (no Entra group, or identical to it) unmarked`, async () => {
    const rows = await treeChildren(page, 'Groups');
    for (const name of UNMARKED) {
      const description = describedAs(rows, name);
      if (description === undefined) throw new Error(`${name} is not in the tree`);
      if (MARKED.test(description) || RAW_IDS.test(description))
        throw new Error(`${name} is described as "${description}"`);
      const badge = await treeRowBadge(page, name);
      if (badge !== undefined) throw new Error(`${name} shows badge "${badge}"`);
    }
  });
  const members = [...(emu.state.findGroup(EXPANDED)?.members ?? [])].map(
    (id) => emu.state.getPrincipal(id)?.displayName ?? id,
  );
  await step(
    `expands "${EXPANDED}": the ghost missing members from Entra first, then its ${members.length} members`,
    async () => {
      await expandTreeRow(page, EXPANDED);
      const rows = await until(
        () => treeChildren(page, EXPANDED),
        (children) => children.length === GHOSTS.length + members.length,
        `${GHOSTS.length} ghost and ${members.length} real members under ${EXPANDED}`,
      );
      const ghosts = rows.slice(0, GHOSTS.length);
      if (
        !sameLabels(
          ghosts,
          GHOSTS.map((g) => g.label),
        )
      )
        throw new Error(`the first rows are ${JSON.stringify(ghosts)}`);
      for (const want of GHOSTS) {
        const description = describedAs(ghosts, want.label) ?? '';
        if (!want.description.test(description))
          throw new Error(`${want.label} is described as "${description}", expected ${want.description}`);
      }
      if (!sameLabels(rows.slice(GHOSTS.length), members))
        throw new Error(`the members are ${JSON.stringify(rows.slice(GHOSTS.length))}`);
    },
  );
  await step('saves a screenshot of the tree with the drift marks and ghost members', async () => {
    await setSidebarWidth(page, 620);
    await settleForScreenshot(page);
    await page.screenshot({ path: shot('drift-tree.png'), clip: await sidebarClip(page) });
  });

  await step(
    'opens "Show Entra Drift Report" from the workspace\'s context menu: the Markdown preview lists every drifted group',
    async () => {
      const report = activeWebview(page);
      await runFromContextMenuUntil(page, treeRow(page, WORKSPACE), 'Show Entra Drift Report', (timeout) =>
        report.locator('h1', { hasText: 'Entra drift of the workspace' }).waitFor({ timeout }),
      );
      await report
        .getByText(`${Object.keys(DRIFTED).length} of ${COMPARED} compared groups differ from Entra ID.`)
        .waitFor({ timeout: UI_TIMEOUT });
      for (const name of Object.keys(DRIFTED)) {
        await report.locator('h2', { hasText: name }).waitFor({ timeout: UI_TIMEOUT });
      }
      await report.locator('td', { hasText: 'nora.jensen@contoso.com' }).first().waitFor({ timeout: UI_TIMEOUT });
    },
  );
  await step('saves a screenshot of the report, scrolled to platform-ops and security-reviewers', async () => {
    await setSidebarWidth(page, 440);
    // The richest sections (extra, notProvisioned, nestedOnly, one the connector fixes) are the
    // last two of the alphabetical report: bring them into the picture.
    const heading = activeWebview(page).locator('h2', { hasText: 'platform-ops' });
    await heading.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await until(
      () => heading.evaluate((el) => el.getBoundingClientRect().top),
      (top) => top > -4 && top < 60,
      'the platform-ops section at the top of the preview',
    );
    await settleForScreenshot(page);
    await page.screenshot({ path: shot('drift-report.png') });
  });
  await step('lists exactly one Problems entry per drifted group', async () => {
    await openProblemsPanel(page);
    const want = Object.keys(DRIFTED).sort();
    await until(
      () => problemsRows(page),
      (rows) => JSON.stringify(driftedIn(rows)) === JSON.stringify(want),
      `Problems entries for ${want.join(', ')}`,
    );
  });
  const nora = emu.state.findUser('nora.jensen@contoso.com');
  await step(
    `adds the ghost member Nora Jensen with her row's inline "Add to This Group": she is in ${EXPANDED} and no longer a ghost`,
    async () => {
      if (nora === undefined) throw new Error('the demo org lacks nora.jensen@contoso.com');
      const row = treeRow(page, 'Nora Jensen');
      await row.hover();
      await row.locator('.action-label[aria-label="Add to This Group"]').click({ timeout: UI_TIMEOUT });
      await until(
        () => Promise.resolve(emu.state.findGroup(EXPANDED)?.members.has(nora.id) ?? false),
        (isMember) => isMember,
        `nora.jensen@contoso.com in the emulator's ${EXPANDED}`,
      );
      await until(
        () => treeChildren(page, EXPANDED),
        (rows) => rows.some((r) => r.label === 'Nora Jensen' && r.description === 'nora.jensen@contoso.com'),
        `Nora Jensen under ${EXPANDED} as a member (her user name), not as a ghost`,
      );
    },
  );
}

/** The groups named by "Group "NAME" differs from Entra group …" Problems entries, sorted. */
function driftedIn(problems: readonly string[]): string[] {
  return problems.flatMap((text) => /Group "([^"]+)" differs from Entra group/.exec(text)?.[1] ?? []).sort();
}

/** The description of the row labelled `label` among `rows`. */
function describedAs(rows: readonly TreeRowInfo[], label: string): string | undefined {
  return rows.find((r) => r.label === label)?.description;
}

/** The activity bar and the side bar down to just below its last row: the tree, no empty space. */
async function sidebarClip(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.locator(selectors.sidebar).boundingBox();
  if (box === null) throw new Error('the side bar is not visible');
  const rowBottoms = await page
    .locator(selectors.treeRow)
    .evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().bottom));
  const top = Math.floor(box.y);
  const bottom = Math.min(box.y + box.height, Math.max(...rowBottoms) + 24);
  return { x: 0, y: top, width: Math.ceil(box.x + box.width + 2), height: Math.ceil(bottom - top) };
}

void main().then((code) => process.exit(code));
