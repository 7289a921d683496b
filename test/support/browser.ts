// Headless Debian Chromium driven by playwright-core (Playwright's own browser downloads do not
// work offline), locked to loopback so a test can never reach the internet.
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { locateChromium } from './deps';
import { selectors } from './workbench';

const chromiumArgs = [
  '--no-sandbox', // root in containers
  '--disable-gpu',
  '--disable-dev-shm-usage', // small /dev/shm in containers
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: locateChromium(),
    headless: true,
    args: chromiumArgs,
    // Callers stop the browser themselves, together with code-server.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

export function isLoopbackUrl(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

/** A context whose every request that is not to loopback is aborted. */
export async function newLoopbackContext(
  browser: Browser,
  viewport = { width: 1280, height: 800 },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  await context.route('**/*', (route) =>
    isLoopbackUrl(route.request().url()) ? route.continue() : route.abort('blockedbyclient'),
  );
  return context;
}

export interface WorkbenchTarget {
  /** Folder or .code-workspace file to open; without it the window is empty. */
  readonly folder?: string;
  /** VS Code's URL payload, e.g. extensionDevelopmentPath / extensionTestsPath entries. */
  readonly payload?: ReadonlyArray<readonly [string, string]>;
}

export function workbenchUrl(origin: string, target: WorkbenchTarget): string {
  const url = new URL(origin);
  if (target.folder === undefined) url.searchParams.set('ew', 'true');
  else url.searchParams.set(target.folder.endsWith('.code-workspace') ? 'workspace' : 'folder', target.folder);
  if (target.payload !== undefined) url.searchParams.set('payload', JSON.stringify(target.payload));
  return url.toString();
}

/** vscode-remote:// URI of a server-side path; the authority must be the page's host. */
export function remoteUri(authority: string, absolutePath: string): string {
  return `vscode-remote://${authority}${pathToFileURL(absolutePath).pathname}`;
}

export async function openWorkbench(page: Page, url: string, timeoutMs = 60_000): Promise<void> {
  await page.goto(url, { timeout: timeoutMs });
  await page.locator(selectors.workbench).waitFor({ state: 'visible', timeout: timeoutMs });
}
