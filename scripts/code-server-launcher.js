#!/usr/bin/env node
// Stands in for a desktop VS Code executable (`runTests({ vscodeExecutablePath })`, test-cli's
// `useInstallation.fromPath`) on machines where none can be installed: it takes the VS Code command
// line, runs the extension tests in a private code-server + headless Chromium and exits with the
// tests' exit code. The work is in test/support (TypeScript, compiled by `tsc -p .` to out/).
//
// Env: DBX_SCIM_TEST_TIMEOUT_MS (default 300000; exit 124 when reached), DBX_SCIM_VERBOSE=1
// (echo all code-server and browser console output), DBX_SCIM_DEPS, CHROME_PATH.
'use strict';
/* global require, __dirname, AbortController */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const path = require('node:path');

const out = path.join(__dirname, '..', 'out', 'test', 'support');
let support;
try {
  support = {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ...require(path.join(out, 'vscodeArgs.js')),
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ...require(path.join(out, 'extensionHostTests.js')),
  };
} catch (error) {
  process.stderr.write(`code-server launcher: ${error.message}\nRun \`npx tsc -p .\` first.\n`);
  process.exit(2);
}

const cmd = support.parseVSCodeArgs(process.argv.slice(2));
const abort = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => abort.abort());

support
  .runExtensionHostTests(cmd, {
    timeoutMs: Number(process.env.DBX_SCIM_TEST_TIMEOUT_MS ?? 300_000),
    verbose: process.env.DBX_SCIM_VERBOSE === '1',
    print: (text) => process.stdout.write(`${text}\n`),
    printError: (text) => process.stderr.write(`${text}\n`),
    signal: abort.signal,
  })
  // exit() rather than exitCode: a stray handle must not keep a finished run alive.
  .then((code) => process.exit(code));
