// Activation cost of the built extension (dist/extension.js): loading the bundle and running
// activate(), in a fresh Node process each time so the module cache is cold. Baseline in the same
// run: the same plus loading the @azure/identity chunk, i.e. what activation would cost if that
// package sat on the activation path. Also reports the size of the packaged .vsix.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

function timeActivation(withIdentity: boolean, runs: number): number {
  const stub = path.join(__dirname, 'vscodeStub.js');
  const script = `
    const { installVscodeStub, stubContext } = require(${JSON.stringify(stub)});
    installVscodeStub();
    const t0 = process.hrtime.bigint();
    const ext = require(${JSON.stringify(path.join(repoRoot, 'dist', 'extension.js'))});
    ext.activate(stubContext());
    ${withIdentity ? `require(${JSON.stringify(path.join(repoRoot, 'dist', 'azure-identity.js'))});` : ''}
    process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6));
  `;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    if (r.status !== 0)
      throw new Error(
        `activation run failed: ${r.stderr
          .split('\n')
          .filter((l) => l.length < 300)
          .slice(-12)
          .join('\n')}`,
      );
    samples.push(Number(r.stdout));
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? NaN;
}

export function benchActivation(): void {
  const runs = 7;
  const ours = timeActivation(false, runs);
  const eager = timeActivation(true, runs);
  process.stdout.write(`\nactivation (load dist/extension.js + activate(), median of ${runs} cold runs)\n`);
  process.stdout.write(
    `${'baseline (with @azure/identity on the path)'.padEnd(48)} ${eager.toFixed(1).padStart(7)} ms\n`,
  );
  process.stdout.write(`${'extension'.padEnd(48)} ${ours.toFixed(1).padStart(7)} ms\n`);
  process.stdout.write(`activation: ${(eager / ours).toFixed(1)}x faster than the eager baseline\n`);
}

export function reportVsixSize(): void {
  const out = path.join(repoRoot, 'test-results', 'bench', 'databricks-scim-explorer.vsix');
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'package-vsix.mjs'), '--out', out], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`packaging failed: ${r.stderr}`);
  const size = fs.statSync(out).size;
  process.stdout.write(`\n.vsix size: ${(size / 1024).toFixed(0)} KiB (${path.relative(repoRoot, out)})\n`);
}
