// Entry point VS Code calls inside the extension host (extensionTestsPath): runs every
// *.test.js in this folder and below with mocha and settles when they are done (reject = failures).
import Mocha from 'mocha';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import CountsReporter from '../../support/countsReporter';

export function run(): Promise<void> {
  // In code-server's extension host console.log goes to the browser console with mocha's %s
  // placeholders unfilled; process.stdout reaches the terminal as code-server log lines.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
    process.stdout.write(`${format(...args)}\n`);
  };
  const grep = process.env.DBX_SCIM_GREP; // run only matching tests: DBX_SCIM_GREP=activation npm run test:host
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, ...(grep ? { grep } : {}) });
  mocha.reporter(CountsReporter, { output: process.env.DBX_SCIM_RESULTS });
  for (const file of fs
    .readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) =>
      failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve(),
    );
  });
}
