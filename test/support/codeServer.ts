// Starts and stops a private code-server (Code in the browser, from npm) for host and UI tests.
// Private means: own --config, --user-data-dir and --extensions-dir, a random loopback port, its
// own process group (so one kill ends the server and every extension host it forked), and user
// settings plus EXTENSIONS_GALLERY='{}' that keep it from calling out (docs/testing.md says why
// each piece is needed).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { locateDeps, makeTempDir, removeDir } from './deps';
import { delay, withTimeout } from './timing';

export interface CodeServerOptions {
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /**
   * Needed for the workbench to honour extensionDevelopmentPath/extensionTestsPath in the URL
   * payload; it also turns notification toasts off, so UI tests leave it false.
   */
  readonly smokeTestDriver: boolean;
  /** Like VS Code's --disable-extensions: installed (not built-in, not dev) extensions stay off. */
  readonly disableExtensions?: boolean;
  /** Extra environment; the extension hosts inherit it (that is how extensionTestsEnv arrives). */
  readonly env?: NodeJS.ProcessEnv;
  /** Called with every line code-server prints (stdout and stderr). */
  readonly onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  readonly startTimeoutMs?: number;
}

export interface CodeServer {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  /** 127.0.0.1:PORT: the remote authority the workbench uses for vscode-remote:// URIs. */
  readonly authority: string;
  /** The last lines code-server printed, for failure messages. */
  tail(lines?: number): string;
  stop(): Promise<void>;
}

/** Settings that stop telemetry, gallery, update and experiment traffic and first-run editors. */
export const offlineUserSettings: Readonly<Record<string, unknown>> = {
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'chat.disableAIFeatures': true,
  'github.gitAuthentication': false,
  'git.autoRepositoryDetection': false,
};

/** Merges offlineUserSettings (and extra) into <userDataDir>/User/settings.json. */
export function writeUserSettings(userDataDir: string, extra: Record<string, unknown> = {}): void {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const existing: Record<string, unknown> = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>)
    : {};
  fs.writeFileSync(file, JSON.stringify({ ...existing, ...offlineUserSettings, ...extra }, null, 2));
}

function serverEnv(node24: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  // Started from inside `npm test` / `npm run demo`, the outer npm's variables (its user agent names
  // Node 20) would reach code-server and every tool it spawns.
  for (const name of Object.keys(env))
    if (/^npm_/i.test(name) || name === 'INIT_CWD' || name === 'NODE') delete env[name];
  // Inside a VS Code terminal this would make code-server hand its arguments to that window.
  delete env.VSCODE_IPC_HOOK_CLI;
  delete env.ELECTRON_RUN_AS_NODE;
  // code-server lets $PORT override --bind-addr.
  delete env.PORT;
  env.PATH = `${path.dirname(node24)}${path.delimiter}${env.PATH ?? ''}`;
  env.EXTENSIONS_GALLERY = '{}';
  return env;
}

function commonArgs(configFile: string, options: Pick<CodeServerOptions, 'userDataDir' | 'extensionsDir'>): string[] {
  return ['--config', configFile, '--user-data-dir', options.userDataDir, '--extensions-dir', options.extensionsDir];
}

/** `code-server --install-extension file.vsix` into a private extensions dir (about 1 s). */
export function installExtension(
  vsix: string,
  options: Pick<CodeServerOptions, 'userDataDir' | 'extensionsDir'>,
): void {
  const deps = locateDeps();
  const configDir = makeTempDir('dbx-scim-cs-config');
  try {
    const configFile = path.join(configDir, 'config.yaml');
    fs.writeFileSync(configFile, 'auth: none\n');
    const result = spawnSync(
      deps.node24,
      [deps.codeServerEntry, ...commonArgs(configFile, options), '--force', '--install-extension', vsix],
      {
        env: serverEnv(deps.node24),
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    if (result.status !== 0) {
      throw new Error(
        `code-server --install-extension ${vsix} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`,
      );
    }
  } finally {
    removeDir(configDir);
  }
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const deps = locateDeps();
  const configDir = makeTempDir('dbx-scim-cs-config');
  const configFile = path.join(configDir, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\n');
  writeUserSettings(options.userDataDir);
  const args = [
    deps.codeServerEntry,
    ...commonArgs(configFile, options),
    '--auth',
    'none',
    '--bind-addr',
    '127.0.0.1:0',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    // Extension hosts of closed pages would otherwise live on for 3 h holding storage locks.
    '--reconnection-grace-time',
    '5',
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(options.disableExtensions ? ['--vscode-option', 'disable-extensions'] : []),
  ];
  // detached: its own process group, so stop() can end the server and its extension hosts at once.
  const child = spawn(deps.node24, args, {
    env: serverEnv(deps.node24, options.env),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${deps.node24}`);
  const killGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  // Last resort if our process dies without calling stop(): never leave a server behind.
  const onExit = (): void => killGroup('SIGKILL');
  process.on('exit', onExit);

  const recent: string[] = [];
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exitPromise.then(() => (exited = true));
  let listening: ((origin: string) => void) | undefined;
  const originPromise = new Promise<string>((resolve) => (listening = resolve));
  for (const [stream, name] of [
    [child.stdout, 'stdout'],
    [child.stderr, 'stderr'],
  ] as const) {
    onLines(stream, (line) => {
      recent.push(line);
      if (recent.length > 200) recent.shift();
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (match?.[1] !== undefined) listening?.(match[1]);
      options.onLine?.(line, name);
    });
  }
  const tail = (lines = 40): string => recent.slice(-lines).join('\n');
  const stop = async (): Promise<void> => {
    process.off('exit', onExit);
    if (!exited) {
      killGroup('SIGTERM');
      await withTimeout(exitPromise, 5_000, 'code-server ignored SIGTERM').catch(() => undefined);
    }
    // The extension hosts share the group; a SIGKILL after SIGTERM makes sure none linger.
    killGroup('SIGKILL');
    removeDir(configDir);
  };

  try {
    const timeoutMs = options.startTimeoutMs ?? 60_000;
    const exitedEarly = exitPromise.then(() => Promise.reject(new Error('code-server exited during start')));
    exitedEarly.catch(() => undefined); // after a good start it rejects at stop(), when nobody listens
    const origin = await withTimeout(
      Promise.race([originPromise, exitedEarly]),
      timeoutMs,
      `code-server did not listen within ${timeoutMs / 1000} s`,
    );
    await waitForHealthz(origin, timeoutMs);
    return { origin, authority: new URL(origin).host, tail, stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- code-server output ---\n${tail()}`);
  }
}

function onLines(stream: Readable, onLine: (line: string) => void): void {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    lines.forEach(onLine);
  });
}

async function waitForHealthz(origin: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${origin}/healthz did not answer within ${timeoutMs / 1000} s`);
    await delay(200);
  }
}
