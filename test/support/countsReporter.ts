// Mocha's spec reporter plus two things CI needs: a final "N passed, M failed" line and a results
// JSON (path from --reporter-option output=FILE, else $DBX_SCIM_RESULTS). Used by the unit tests
// (`mocha --reporter out/test/support/countsReporter.js`) and by the extension-host suite.
import Mocha from 'mocha';
import * as path from 'node:path';
import { summaryLine, writeResults } from './results';

class CountsReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions = {}) {
    super(runner, options);
    const reporterOptions = (options.reporterOptions ?? {}) as Record<string, unknown>;
    const output = typeof reporterOptions.output === 'string' ? reporterOptions.output : process.env.DBX_SCIM_RESULTS;
    const failures: { title: string; message: string }[] = [];
    runner.on('fail', (test, error: unknown) => {
      failures.push({ title: test.fullTitle(), message: error instanceof Error ? error.message : String(error) });
    });
    // Registered after Spec's own 'end' handler, so this prints below its epilogue.
    runner.once('end', () => {
      const stats = runner.stats;
      const results = {
        suite: output !== undefined ? path.basename(output, '.json') : 'mocha',
        passed: stats?.passes ?? 0,
        failed: stats?.failures ?? failures.length,
        pending: stats?.pending ?? 0,
        durationMs: stats?.duration ?? 0,
        failures,
      };
      if (output !== undefined) writeResults(path.resolve(output), results);
      Mocha.reporters.Base.consoleLog(summaryLine(results));
    });
  }
}

export default CountsReporter;
