// A browser on a private code-server with the packaged extension installed, as a user would have
// it. No smoke-test driver here: it would switch notification toasts off.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newLoopbackContext, openWorkbench, workbenchUrl } from './browser';
import { installExtension, startCodeServer, writeUserSettings, type CodeServer } from './codeServer';
import { makeTempDir, removeDir } from './deps';

export interface UiSessionOptions {
  readonly vsix: string;
  /** Folder to open; a fresh empty one by default. */
  readonly folder?: string;
  /** User settings on top of the offline defaults (e.g. dbxScim.workspaces). */
  readonly settings?: Record<string, unknown>;
  /** Print code-server output (DBX_SCIM_VERBOSE=1 does too). */
  readonly verbose?: boolean;
  /** Extra environment for code-server; its extension hosts inherit it (e.g. DBX_SCIM_DEMO_*). */
  readonly env?: NodeJS.ProcessEnv;
  /** Browser viewport; 1280×800 by default. */
  readonly viewport?: { readonly width: number; readonly height: number };
}

export interface UiSession {
  readonly server: CodeServer;
  readonly page: Page;
  readonly folder: string;
  close(): Promise<void>;
}

export async function openUiSession(options: UiSessionOptions): Promise<UiSession> {
  const profile = makeTempDir('dbx-scim-ui');
  const dirs = { userDataDir: path.join(profile, 'user-data'), extensionsDir: path.join(profile, 'extensions') };
  const folder = options.folder ?? path.join(profile, 'workspace');
  fs.mkdirSync(folder, { recursive: true });
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    removeDir(profile);
  };
  try {
    installExtension(options.vsix, dirs);
    // The empty chat side bar on the right only takes room in screenshots.
    writeUserSettings(dirs.userDataDir, {
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      ...options.settings,
    });
    const verbose = options.verbose === true || process.env.DBX_SCIM_VERBOSE === '1';
    server = await startCodeServer({
      ...dirs,
      smokeTestDriver: false,
      ...(options.env !== undefined ? { env: options.env } : {}),
      ...(verbose ? { onLine: (line: string) => process.stderr.write(`[code-server] ${line}\n`) } : {}),
    });
    browser = await launchChromium();
    const page = await (await newLoopbackContext(browser, options.viewport)).newPage();
    await openWorkbench(page, workbenchUrl(server.origin, { folder }));
    return { server, page, folder, close };
  } catch (error) {
    await close();
    throw error;
  }
}
