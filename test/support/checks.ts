// A tiny test runner for UI e2e scripts, which are plain Node programs (a browser session is
// set up once and several checks run against it in order). Prints spec-like lines, the
// "N passed, M failed" summary and the results JSON, like the mocha stages do.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from './deps';
import { summaryLine, writeResults, type TestResults } from './results';

/** Where a failed check leaves a picture of the page as it was. */
export const failureShotsDir = path.join(repoRoot, 'test-results', 'failures');

export class CheckRun {
  private readonly started = Date.now();
  private passed = 0;
  private readonly failures: { title: string; message: string }[] = [];

  /** The page to photograph when a check fails, once a browser is open. */
  page: Page | undefined;

  constructor(private readonly suite: string) {
    process.stdout.write(`\n  ${suite}\n`);
  }

  get failedCount(): number {
    return this.failures.length;
  }

  /** Runs one check; a failure is recorded and printed, never thrown. Returns whether it passed. */
  async check(title: string, body: () => Promise<void> | void): Promise<boolean> {
    const start = Date.now();
    try {
      await body();
      this.passed++;
      process.stdout.write(`    ✔ ${title} (${Date.now() - start}ms)\n`);
      return true;
    } catch (error) {
      let message = error instanceof Error ? error.message : String(error);
      const shot = await this.screenshot(title);
      if (shot !== undefined) message += `\n(screenshot: ${path.relative(repoRoot, shot)})`;
      this.failures.push({ title, message });
      process.stdout.write(`    ${this.failures.length}) ${title}\n`);
      return false;
    }
  }

  private async screenshot(title: string): Promise<string | undefined> {
    if (this.page === undefined || this.page.isClosed()) return undefined;
    const slug = `${this.suite.split(':')[0]}-${this.failures.length + 1}-${title}`
      .replace(/[^A-Za-z0-9]+/g, '-')
      .slice(0, 80);
    const file = path.join(failureShotsDir, `${slug}.png`);
    fs.mkdirSync(failureShotsDir, { recursive: true });
    return this.page.screenshot({ path: file, timeout: 10_000 }).then(
      () => file,
      () => undefined,
    );
  }

  /** Prints failures and the summary, writes the results file; returns the exit code. */
  finish(resultsFile: string): number {
    const results: TestResults = {
      suite: this.suite,
      passed: this.passed,
      failed: this.failures.length,
      pending: 0,
      durationMs: Date.now() - this.started,
      failures: this.failures,
    };
    this.failures.forEach((f, i) =>
      process.stdout.write(`\n  ${i + 1}) ${f.title}:\n     ${f.message.replace(/\n/g, '\n     ')}\n`),
    );
    writeResults(resultsFile, results);
    process.stdout.write(`\n${summaryLine(results)}\n`);
    return results.failed > 0 ? 1 : 0;
  }
}
