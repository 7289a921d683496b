// Runs extension tests the way desktop VS Code does for @vscode/test-electron, but in code-server:
// a private server with the smoke-test driver on, a headless browser that opens the workbench with
// extensionDevelopmentPath/extensionTestsPath as vscode-remote:// URIs in the URL payload, and the
// exit code coming back through window.codeAutomationExit. The tests run in the server's Node
// extension host; what they write to process.stdout reaches us as code-server log lines.
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, newLoopbackContext, openWorkbench, remoteUri, workbenchUrl } from './browser';
import { startCodeServer, type CodeServer } from './codeServer';
import { makeTempDir, removeDir } from './deps';
import { ExtensionHostOutput } from './extensionHostOutput';
import { TimeoutError, delay, withTimeout } from './timing';
import type { ExtensionTestCommandLine } from './vscodeArgs';

export interface RunOptions {
  readonly timeoutMs: number;
  /** Echo every code-server line and browser console message to stderr. */
  readonly verbose: boolean;
  readonly print: (text: string) => void;
  readonly printError: (text: string) => void;
  /** Aborting (e.g. on Ctrl+C) stops the run and cleans up. */
  readonly signal?: AbortSignal;
}

/** Exit code of a run that never reported (same as coreutils `timeout`). */
export const timedOutExitCode = 124;
export const interruptedExitCode = 130;

class AbortedError extends Error {}

const extensionHostExited = /Extension Host Process exited with code/;
// Console messages that are expected in this setup (see the reference doc, "Harmless noise").
const harmlessConsole = /authentication provider 'github'|vsda|Canceled|Failed to load resource.*404/;

interface Session {
  server?: CodeServer;
  browser?: Browser;
  readonly consoleErrors: string[];
}

export async function runExtensionHostTests(cmd: ExtensionTestCommandLine, options: RunOptions): Promise<number> {
  const testsPath = cmd.extensionTestsPath;
  if (testsPath === undefined || cmd.extensionDevelopmentPaths.length === 0) {
    options.printError('code-server launcher: --extensionDevelopmentPath and --extensionTestsPath are required');
    return 2;
  }
  const ownDirs: string[] = [];
  const ownDir = (prefix: string): string => {
    const dir = makeTempDir(prefix);
    ownDirs.push(dir);
    return dir;
  };
  const dirs = {
    userDataDir: cmd.userDataDir ?? ownDir('dbx-scim-host-ud'),
    extensionsDir: cmd.extensionsDir ?? ownDir('dbx-scim-host-ext'),
  };
  const session: Session = { consoleErrors: [] };
  const printConsoleErrors = (): void => {
    // e.g. "Cannot find module" for a wrong extensionTestsPath only shows in the page console.
    if (session.consoleErrors.length > 0)
      options.printError(`--- browser console errors ---\n${session.consoleErrors.slice(-20).join('\n')}`);
  };
  const running = runInBrowser({ ...cmd, extensionTestsPath: testsPath }, dirs, options, session);
  running.catch(() => undefined); // after a timeout or abort it fails as we tear it down
  try {
    const code = await withTimeout(Promise.race([running, abortion(options.signal)]), options.timeoutMs, 'timeout');
    if (code !== 0) printConsoleErrors();
    return code;
  } catch (error) {
    if (error instanceof AbortedError) {
      options.printError('code-server launcher: interrupted');
      return interruptedExitCode;
    }
    if (error instanceof TimeoutError) {
      options.printError(
        `code-server launcher: the extension tests did not finish within ${options.timeoutMs / 1000} s (codeAutomationExit was never called).`,
      );
      if (session.server !== undefined) options.printError(`--- code-server output ---\n${session.server.tail()}`);
      printConsoleErrors();
      return timedOutExitCode;
    }
    options.printError(`code-server launcher: ${(error as Error).stack ?? String(error)}`);
    return 1;
  } finally {
    await session.browser?.close().catch(() => undefined);
    await session.server?.stop();
    ownDirs.forEach(removeDir);
  }
}

/** Starts the server and the browser (recorded in `session` for teardown); resolves to the tests' exit code. */
async function runInBrowser(
  cmd: ExtensionTestCommandLine & { readonly extensionTestsPath: string },
  dirs: { readonly userDataDir: string; readonly extensionsDir: string },
  options: RunOptions,
  session: Session,
): Promise<number> {
  let hostExited = false;
  const hostOutput = new ExtensionHostOutput((text, stream) =>
    stream === 'stdout' ? options.print(text) : options.printError(text),
  );
  const server = await startCodeServer({
    ...dirs,
    smokeTestDriver: true,
    disableExtensions: cmd.disableExtensions,
    onLine: (line) => {
      if (options.verbose) options.printError(`[code-server] ${line}`);
      hostOutput.feed(line);
      if (extensionHostExited.test(line)) hostExited = true;
    },
  });
  session.server = server;
  const browser = await launchChromium();
  session.browser = browser;
  const page = await (await newLoopbackContext(browser)).newPage();
  page.on('console', (message) => {
    const text = `[browser ${message.type()}] ${message.text()}`;
    if (options.verbose) options.printError(text);
    if (message.type() === 'error' && !harmlessConsole.test(text)) session.consoleErrors.push(text);
  });
  page.on('pageerror', (error) => session.consoleErrors.push(`[page error] ${error.message}`));
  let reportExit: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((resolve) => (reportExit = resolve));
  await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
  const remote = (p: string): string => remoteUri(server.authority, path.resolve(p));
  const url = workbenchUrl(server.origin, {
    ...(cmd.folder !== undefined ? { folder: path.resolve(cmd.folder) } : {}),
    payload: [
      ...cmd.extensionDevelopmentPaths.map((p) => ['extensionDevelopmentPath', remote(p)] as const),
      ['extensionTestsPath', remote(cmd.extensionTestsPath)],
    ],
  });
  await openWorkbench(page, url, options.timeoutMs);
  const code = await exitCode;
  // The browser hears the exit before the host's last stdout lines reach us through the server log.
  for (let waited = 0; !hostExited && waited < 5_000; waited += 100) await delay(100);
  return code;
}

function abortion(signal: AbortSignal | undefined): Promise<never> {
  const aborted = new Promise<never>((_, reject) => {
    if (signal?.aborted === true) reject(new AbortedError());
    signal?.addEventListener('abort', () => reject(new AbortedError()), { once: true });
  });
  aborted.catch(() => undefined);
  return aborted;
}
