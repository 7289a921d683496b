// `npm run test:host`: runs test/host/suite in a real extension host through @vscode/test-electron.
// VSCODE_EXECUTABLE may name a desktop VS Code (`code`); otherwise scripts/code-server-launcher.js
// stands in for it. vscodeExecutablePath is always set, so test-electron never tries to download.
import { runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir, removeDir, repoRoot } from '../support/deps';
import { readResults, summaryLine } from '../support/results';

async function main(): Promise<number> {
  const resultsFile = path.resolve(process.env.DBX_SCIM_RESULTS ?? path.join(repoRoot, 'test-results', 'host.json'));
  fs.rmSync(resultsFile, { force: true }); // a stale file must not count for this run
  const workspace = makeTempDir('dbx-scim-host-ws');
  const profile = makeTempDir('dbx-scim-host-profile');
  let code: number;
  try {
    code = await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE ?? path.join(repoRoot, 'scripts', 'code-server-launcher.js'),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'host', 'suite', 'index.js'),
      launchArgs: [
        workspace,
        '--disable-extensions',
        `--user-data-dir=${path.join(profile, 'user-data')}`,
        `--extensions-dir=${path.join(profile, 'extensions')}`,
      ],
      extensionTestsEnv: { DBX_SCIM_RESULTS: resultsFile, DBX_SCIM_TEST_HOOKS: '1' },
    });
  } catch (error) {
    // runTests rejects with TestRunFailedError (code) when the executable exits non-zero.
    const failed = error as { code?: number; message?: string };
    process.stderr.write(`host tests: ${failed.message ?? String(error)}\n`);
    code = typeof failed.code === 'number' && failed.code !== 0 ? failed.code : 1;
  } finally {
    removeDir(workspace);
    removeDir(profile);
  }
  const results = readResults(resultsFile);
  if (code === 0 && (results === undefined || results.passed + results.failed === 0)) {
    process.stderr.write(`host tests: exit 0 but no tests reported in ${resultsFile}\n`);
    return 1;
  }
  // The suite prints its own summary line; repeat it here only when it could not.
  if (results === undefined) process.stdout.write(`${summaryLine({ passed: 0, failed: 1 })}\n`);
  return code;
}

void main().then((code) => process.exit(code));
