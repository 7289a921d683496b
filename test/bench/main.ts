// `npm run bench`: speed goals as ratios against a baseline measured in the same run (never as
// timing assertions in tests). Prints a table; exits non-zero only if a run is wrong (not slow).
import { startEmulator } from '../emulator';
import { DEFAULT_PAGE_SIZE } from '../../src/core/scim/client';
import { benchActivation, reportVsixSize } from './activation';
import { benchDrift } from './drift';
import { benchWorkspaceDrift } from './workspaceDrift';
import { benchWorkspaceLimits } from './workspaceLimits';
import { listSequentialFullAttributes, listWithScimClient, type ListRun } from './listUsers';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 30);

function row(r: ListRun): string {
  return `${r.label.padEnd(40)} ${(r.ms / 1000).toFixed(2).padStart(7)} s ${String(r.requests).padStart(6)} requests ${String(r.uniqueIds).padStart(7)} unique ids`;
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ dataset: 'scale', knobs: { latencyMs: LATENCY_MS } });
  try {
    process.stdout.write(`list all users of the scale data set, ${LATENCY_MS} ms emulator latency per request\n`);
    const baseline = await listSequentialFullAttributes(emulator, DEFAULT_PAGE_SIZE);
    process.stdout.write(row(baseline) + '\n');
    const ours = await listWithScimClient(emulator);
    process.stdout.write(row(ours) + '\n');
    process.stdout.write(`speed-up: ${(baseline.ms / ours.ms).toFixed(1)}x faster than the baseline\n`);
    const expected = emulator.state.users.size;
    for (const r of [baseline, ours]) {
      if (r.uniqueIds !== expected || r.users !== expected) {
        throw new Error(`${r.label}: got ${r.uniqueIds} unique of ${r.users} users, expected ${expected}`);
      }
    }
  } finally {
    await emulator.close();
  }
  // Packaging builds the production bundle that the activation timing then loads.
  reportVsixSize();
  benchActivation();
  await benchDrift(LATENCY_MS);
  await benchWorkspaceDrift(LATENCY_MS);
  if (!(await benchWorkspaceLimits(LATENCY_MS))) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
