// `npm run test:e2e`: packs the .vsix once, runs every *.e2e.js in this folder as its own Node
// process (each starts its own code-server and browser), then prints the summed
// "N passed, M failed" line and writes $DBX_SCIM_RESULTS (default test-results/e2e.json).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { failureShotsDir } from '../support/checks';
import { repoRoot } from '../support/deps';
import { readResults, summaryLine, writeResults, type TestResults } from '../support/results';
import { packageVsix } from '../support/vsix';

function main(): number {
  const resultsDir = path.join(repoRoot, 'test-results', 'e2e');
  const resultsFile = path.resolve(process.env.DBX_SCIM_RESULTS ?? path.join(repoRoot, 'test-results', 'e2e.json'));
  fs.rmSync(resultsFile, { force: true });
  fs.rmSync(resultsDir, { recursive: true, force: true });
  fs.rmSync(failureShotsDir, { recursive: true, force: true });
  const started = Date.now();
  let passed = 0;
  const failures: { title: string; message: string }[] = [];
  const total = (): TestResults => ({
    suite: 'e2e',
    passed,
    failed: failures.length,
    pending: 0,
    durationMs: Date.now() - started,
    failures,
  });
  let vsix: string;
  try {
    vsix = packageVsix(path.join(resultsDir, 'databricks-scim-explorer.vsix'));
  } catch (error) {
    failures.push({ title: 'package the .vsix', message: (error as Error).message });
    return finish(resultsFile, total());
  }
  for (const script of fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.e2e.js'))
    .sort()) {
    const scriptResults = path.join(resultsDir, `${path.basename(script, '.e2e.js')}.json`);
    const child = spawnSync(process.execPath, [path.join(__dirname, script)], {
      stdio: 'inherit',
      env: { ...process.env, DBX_SCIM_VSIX: vsix, DBX_SCIM_RESULTS: scriptResults },
    });
    const results = readResults(scriptResults);
    passed += results?.passed ?? 0;
    failures.push(...(results?.failures ?? []));
    if (child.status !== 0 && (results === undefined || results.failed === 0)) {
      // It died before it could report: count that as a failure, not as nothing.
      failures.push({
        title: script,
        message: `exited with ${child.status ?? child.signal} without reporting a failure`,
      });
    }
  }
  return finish(resultsFile, total());
}

function finish(resultsFile: string, results: TestResults): number {
  writeResults(resultsFile, results);
  process.stdout.write(`\nall e2e scripts:\n${summaryLine(results)}\n`);
  return results.failed > 0 ? 1 : 0;
}

process.exit(main());
