// The results file every test stage writes (unit, host, e2e), so scripts/test-all.sh can add the
// counts up, and the one summary line format CI reads.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface TestResults {
  readonly suite: string;
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly durationMs: number;
  readonly failures: ReadonlyArray<{ readonly title: string; readonly message: string }>;
}

/** "N passed, M failed": printed alone on a line at the end of each stage. */
export function summaryLine(results: Pick<TestResults, 'passed' | 'failed'>): string {
  return `${results.passed} passed, ${results.failed} failed`;
}

export function writeResults(file: string, results: TestResults): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

export function readResults(file: string): TestResults | undefined {
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as TestResults;
}
