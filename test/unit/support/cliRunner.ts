// Runs dbx-scim the two ways its tests need: main() in-process with captured streams (fast), and
// as a real process (exit code and streams as a pipeline sees them). Async spawn, because the
// emulators answer from the test's own process.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../../src/cli/main';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  return { stream, text: () => chunks.join('') };
}

export async function runCli(env: NodeJS.ProcessEnv, argv: readonly string[]): Promise<CliRun> {
  const out = sink();
  const err = sink();
  const code = await main(argv, env, out.stream, err.stream);
  return { code, stdout: out.text(), stderr: err.text() };
}

export async function spawnCli(env: NodeJS.ProcessEnv, argv: readonly string[]): Promise<CliRun> {
  const cli = path.join(__dirname, '..', '..', '..', 'src', 'cli', 'main.js');
  const child = spawn(process.execPath, [cli, ...argv], { env: { ...env, PATH: process.env.PATH } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}

/** No run printed any of the secrets, on stdout or stderr. */
export function leakedSecret(runs: readonly CliRun[], secrets: readonly string[]): string | undefined {
  for (const r of runs) {
    for (const s of secrets) if (r.stdout.includes(s) || r.stderr.includes(s)) return s;
  }
  return undefined;
}
