// `npm run demo`: the extension on the built-in demo org. Starts the emulators (`demo` data, the
// realistic profile), then an editor with the extension and one
// workspace pointing at the emulator: desktop VS Code when `code` is on PATH, otherwise code-server
// in the browser (its URL is printed). Ctrl-C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createVSIX } from '@vscode/vsce';
import { startArmEmulator, startEmulator, startGraphEmulator } from '../emulator';
import { installExtension, startCodeServer, writeUserSettings } from '../support/codeServer';
import { makeTempDir, repoRoot } from '../support/deps';
import { ensureVsix } from '../support/vsix';

const WORKSPACE_NAME = 'Contoso (demo)';
/** Index of the Analytics subscription's first workspace in the Resource Manager emulator's seed. */
const ANALYTICS_FIRST = 5;

/** The little extension that shows the Databricks SCIM view as the demo window opens. */
async function packOpener(profile: string): Promise<string> {
  const packagePath = path.join(profile, 'dbx-scim-demo-opener.vsix');
  await createVSIX({
    cwd: path.join(repoRoot, 'test', 'demo', 'opener'),
    packagePath,
    dependencies: false,
    rewriteRelativeLinks: false,
  });
  return packagePath;
}

function hasDesktopCode(): boolean {
  if (process.env.DBX_SCIM_DEMO_BROWSER === '1') return false;
  return spawnSync('code', ['--version'], { encoding: 'utf8' }).status === 0;
}

async function main(): Promise<void> {
  const port = Number(process.env.DBX_SCIM_DEMO_PORT ?? 0);
  // Both under their realistic profile (a workspace's concurrency and GET limits, Graph's advanced
  // queries), a little slower than the tests so paging and progress are visible.
  // Two workspaces of one identity-federated account, as in a real tenant: account groups live in
  // the account and are assigned to the workspaces that use them.
  const emulator = await startEmulator({
    dataset: 'demo',
    port,
    workspaces: 2,
    profile: 'realistic',
    knobs: { latencyMs: 60 },
  });
  // The Entra side of the same org, with believable drift (test/emulator/data/entra.ts).
  const graph = await startGraphEmulator({ org: 'demo', profile: 'realistic', knobs: { latencyMs: 60 } });
  // Azure Resource Manager, whose first workspaces of two subscriptions are the two emulated ones:
  // "Add Workspaces from Azure…" finds them.
  const workspaceUrls: string[] = [];
  const [first, second] = emulator.workspaces.map((w) => new URL(w.url).host);
  if (first) workspaceUrls[0] = first; // "Contoso Data Platform"'s first workspace
  if (second) workspaceUrls[ANALYTICS_FIRST] = second; // "Contoso Analytics Sandbox"'s first
  const arm = await startArmEmulator({ knobs: { latencyMs: 60, workspaceUrls } });
  const profile = makeTempDir('dbx-scim-demo');
  const folder = path.join(profile, 'workspace');
  fs.mkdirSync(folder, { recursive: true });
  const dirs = { userDataDir: path.join(profile, 'user-data'), extensionsDir: path.join(profile, 'extensions') };
  const settings = {
    'dbxScim.workspaces': [{ name: WORKSPACE_NAME, host: emulator.url, auth: 'pat' }],
    'dbxScim.entra.graphEndpoint': graph.url,
    'dbxScim.account.host': emulator.account.url,
    'dbxScim.azure.resourceManagerEndpoint': arm.url,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  };
  // The emulator's throwaway token reaches the extension through its environment (see
  // src/ui/dev/demoBootstrap.ts), never through settings or the console.
  const env = {
    DBX_SCIM_DEMO_HOST: emulator.url,
    DBX_SCIM_DEMO_TOKEN: emulator.adminToken,
    DBX_SCIM_DEMO_GRAPH_TOKEN: graph.token,
    DBX_SCIM_DEMO_ACCOUNT_TOKEN: emulator.entraToken(),
    DBX_SCIM_DEMO_ARM_TOKEN: arm.token,
  };
  process.stdout.write(`Emulated Databricks workspace (demo org "contoso"): ${emulator.url}\n`);
  process.stdout.write(`Emulated Microsoft Graph (the same org in Entra ID): ${graph.url}\n`);
  process.stdout.write(`Emulated Databricks account host: ${emulator.account.url}\n`);
  process.stdout.write(`Emulated Azure Resource Manager: ${arm.url}\n`);

  let stop: () => Promise<void>;
  if (hasDesktopCode()) {
    writeUserSettings(dirs.userDataDir, settings);
    const code = spawn(
      'code',
      [
        '--new-window',
        '--wait',
        `--user-data-dir=${dirs.userDataDir}`,
        `--extensionDevelopmentPath=${repoRoot}`,
        folder,
      ],
      {
        env: { ...process.env, ...env },
        stdio: 'inherit',
      },
    );
    process.stdout.write('Opened VS Code with the extension. Close that window or press Ctrl-C to stop.\n');
    code.on('exit', () => void shutdown());
    stop = async () => {
      code.kill();
    };
  } else {
    process.stdout.write('Packaging the extension and starting code-server…\n');
    installExtension(ensureVsix(), dirs);
    installExtension(await packOpener(profile), dirs);
    writeUserSettings(dirs.userDataDir, settings);
    const server = await startCodeServer({ ...dirs, smokeTestDriver: false, env });
    process.stdout.write(
      `\nOpen ${server.origin}/?folder=${encodeURIComponent(folder)} in a browser.\nPress Ctrl-C to stop.\n`,
    );
    stop = () => server.stop();
  }

  let stopping = false;
  async function shutdown(): Promise<void> {
    if (stopping) return;
    stopping = true;
    await stop().catch(() => undefined);
    await emulator.close();
    await graph.close();
    await arm.close();
    fs.rmSync(profile, { recursive: true, force: true });
    process.exit(0);
  }
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((err: unknown) => {
  process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
