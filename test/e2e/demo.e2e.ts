// UI e2e of `npm run demo` as a new user meets it: the demo program is started as the README says
// (its code-server form), the URL it prints is opened in Chromium, and that page must show the
// Databricks SCIM view with the demo workspace and its folders, without a click. Ctrl-C (SIGINT)
// must then stop the demo and everything it started.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, newLoopbackContext, openWorkbench } from '../support/browser';
import { CheckRun } from '../support/checks';
import { repoRoot } from '../support/deps';
import { withTimeout } from '../support/timing';
import { until, UI_TIMEOUT } from '../support/waits';
import { expandTreeRow, selectors, treeChildren, treeRow } from '../support/workbench';

const resultsFile = path.resolve(process.env.DBX_SCIM_RESULTS ?? path.join(repoRoot, 'test-results', 'e2e-demo.json'));
const WORKSPACE = 'Contoso (demo)';

async function main(): Promise<number> {
  fs.rmSync(resultsFile, { force: true });
  const run = new CheckRun(
    'demo: `npm run demo` prints a URL whose page shows the Databricks SCIM view (UI, code-server + Chromium)',
  );
  let demo: ChildProcess | undefined;
  let printed = '';
  let url: string | undefined;
  let browser: Browser | undefined;
  await run.check('starts the demo and prints the code-server URL to open', async () => {
    demo = spawn(process.execPath, [path.join(repoRoot, 'out', 'test', 'demo', 'main.js')], {
      cwd: repoRoot,
      env: { ...process.env, DBX_SCIM_DEMO_BROWSER: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    demo.stdout?.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
    demo.stderr?.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
    const line = await until(
      () => Promise.resolve(/^Open (http:\/\/127\.0\.0\.1:\d+\/\S*) in a browser\.$/m.exec(printed)),
      (match) => match !== null || demo?.exitCode !== null,
      'the line "Open http://127.0.0.1:PORT/… in a browser."',
      120_000,
    );
    if (line?.[1] === undefined) throw new Error(`the demo exited (${demo.exitCode}) without a URL:\n${printed}`);
    url = line[1];
  });
  if (url !== undefined) {
    const page = await (async () => {
      browser = await launchChromium();
      return (await newLoopbackContext(browser)).newPage();
    })();
    run.page = page;
    await run.check('the page shows the Databricks SCIM view with the demo workspace, without a click', async () => {
      await openWorkbench(page, url!);
      await page.locator(selectors.viewTitle, { hasText: 'Databricks SCIM' }).waitFor({ timeout: UI_TIMEOUT });
      await treeRow(page, WORKSPACE).waitFor({ timeout: UI_TIMEOUT });
    });
    await run.check(`"${WORKSPACE}" opens to Users, Groups and Service Principals with their counts`, async () => {
      await expandTreeRow(page, WORKSPACE);
      await until(
        () => treeChildren(page, WORKSPACE),
        (rows) =>
          rows.map((r) => r.label).join(', ') === 'Users, Groups, Service Principals, Access' &&
          rows.filter((r) => r.label !== 'Access').every((r) => /^\d+$/.test(r.description)),
        `Users, Groups and Service Principals with counts under ${WORKSPACE}`,
      );
    });
  }
  await browser?.close().catch(() => undefined);
  await run.check('Ctrl-C stops the demo', async () => {
    if (demo === undefined || demo.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => demo!.once('exit', () => resolve()));
    demo.kill('SIGINT');
    await withTimeout(exited, 30_000, 'the demo still runs 30 s after SIGINT');
  });
  if (demo !== undefined && demo.exitCode === null) demo.kill('SIGKILL');
  return run.finish(resultsFile);
}

void main().then((code) => process.exit(code));
