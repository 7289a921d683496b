// Where the tools that cannot come from package.json live: scripts/deps.sh installs Node 24 and
// code-server into one folder and Chromium from Debian (or CHROME_PATH names a browser). Everything
// that starts code-server or a browser finds them here, so a missing piece fails with one clear hint
// instead of ENOENT.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

export interface Deps {
  /** Node 24: code-server 4.139 refuses older Node. */
  readonly node24: string;
  readonly codeServerEntry: string;
}

export function depsDir(): string {
  return process.env.DBX_SCIM_DEPS ?? path.join(os.homedir(), '.cache', 'dbx-scim-deps');
}

/** Node 24 and code-server, as scripts/deps.sh installs them. */
export function locateDeps(): Deps {
  const dir = depsDir();
  const deps: Deps = {
    node24: path.join(dir, 'node24', 'node_modules', 'node', 'bin', 'node'),
    codeServerEntry: path.join(dir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
  const missing = Object.values(deps).filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `missing ${missing.join(', ')}: run \`bash scripts/deps.sh\` (or point DBX_SCIM_DEPS at a folder it filled)`,
    );
  }
  return deps;
}

/** The browser the tests drive: $CHROME_PATH, else Debian's chromium. */
export function locateChromium(): string {
  const chromium = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    const why =
      process.env.CHROME_PATH === undefined
        ? "Debian's chromium is not installed"
        : `CHROME_PATH=${chromium} does not exist`;
    throw new Error(
      `${why}: run \`bash scripts/deps.sh\` (it installs chromium with apt), or set CHROME_PATH to a Chrome or Chromium binary, e.g. CHROME_PATH=/usr/bin/google-chrome`,
    );
  }
  return chromium;
}

/** A fresh temporary folder; the caller removes it with removeDir. */
export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
