// UI e2e: the packaged extension, installed into code-server, shows its activity-bar icon and,
// with no workspace configured, the welcome view with an "Add Workspace" button. Leaves
// test-results/welcome.png (copied to media/screenshots/ for the README by `npm run screenshots`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CheckRun } from '../support/checks';
import { publishScreenshots } from '../support/screenshots';
import { repoRoot } from '../support/deps';
import { openUiSession, type UiSession } from '../support/uiSession';
import { ensureVsix } from '../support/vsix';
import { openViewContainer, selectors, waitForSidebarIdle } from '../support/workbench';

const resultsFile = path.resolve(
  process.env.DBX_SCIM_RESULTS ?? path.join(repoRoot, 'test-results', 'e2e-welcome.json'),
);
const screenshot = path.join(repoRoot, 'test-results', 'welcome.png');

async function main(): Promise<number> {
  fs.rmSync(resultsFile, { force: true });
  const run = new CheckRun('welcome view (UI, code-server + Chromium)');
  let session: UiSession | undefined;
  const started = await run.check('opens code-server with the packaged .vsix installed', async () => {
    session = await openUiSession({ vsix: ensureVsix() });
  });
  if (started && session !== undefined) {
    const { page } = session;
    run.page = page;
    const welcome = page.locator(selectors.sidebar).locator(selectors.welcomeView);
    await run.check('shows the Databricks SCIM icon in the activity bar and opens the view', async () => {
      await openViewContainer(page, 'Databricks SCIM');
    });
    await run.check('says that no Databricks workspace is configured yet', async () => {
      await welcome.filter({ hasText: 'No Databricks workspace is configured yet' }).waitFor({ timeout: 15_000 });
    });
    await run.check('offers an "Add Workspace" button', async () => {
      await welcome.getByRole('button', { name: 'Add Workspace', exact: true }).waitFor({ timeout: 15_000 });
    });
    await run.check('saves a screenshot', async () => {
      await waitForSidebarIdle(page); // no activation progress bar in the picture
      await page.mouse.move(0, 0); // nor hover effects
      await page.screenshot({ path: screenshot });
      // Only a picture of a passing run goes into the README.
      if (run.failedCount === 0) publishScreenshots([screenshot]);
    });
  }
  await session?.close();
  return run.finish(resultsFile);
}

void main().then((code) => process.exit(code));
