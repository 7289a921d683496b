// Builds HttpClients for tests: waits are recorded instead of slept, log lines and error
// messages are collected, and every collected line can be checked for leaked secrets. Suites
// against the emulator get their clients, signed in as its admin, from emulatorClientKits().

import { strict as assert } from 'node:assert';
import { HttpClient } from '../../../src/core/http/client';
import type { HttpClientOptions } from '../../../src/core/http/types';
import { startEmulator } from '../../emulator/index';
import type { Emulator } from '../../emulator/types';

/** Everything any kit produced in this process: log lines and error messages. */
export const transcript: string[] = [];

export interface ClientKit {
  client: HttpClient;
  /** Every wait the client asked for, in order (backoff, Retry-After, rate limit). */
  sleeps: number[];
  lines: string[];
  /** Awaits a promise expected to reject and returns the error, recording its message. */
  failure(promise: Promise<unknown>): Promise<Error>;
}

/** A sleep that records the wait and returns at once, but still honours an abort. */
export function recordingSleep(sleeps: number[]): (ms: number, signal?: AbortSignal) => Promise<void> {
  return (ms, signal) => {
    sleeps.push(ms);
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) reject(new Error('aborted'));
      else setImmediate(resolve);
    });
  };
}

export function makeClient(opts: HttpClientOptions = {}): ClientKit {
  const sleeps: number[] = [];
  const lines: string[] = [];
  const client = new HttpClient({
    noProxyFromEnv: true,
    sleep: recordingSleep(sleeps),
    ...opts,
    log: (line) => {
      lines.push(line);
      transcript.push(line);
      opts.log?.(line);
    },
  });
  return {
    client,
    sleeps,
    lines,
    async failure(promise) {
      try {
        await promise;
      } catch (error) {
        assert.ok(error instanceof Error, 'rejected with a non-Error');
        transcript.push(error.message);
        return error;
      }
      assert.fail('expected the request to fail');
    },
  };
}

/** Fails when any collected line or message contains one of the secrets. */
export function assertNoLeaks(secrets: readonly string[], texts: readonly string[] = transcript): void {
  for (const text of texts) {
    for (const secret of secrets) {
      assert.ok(!text.includes(secret), `secret leaked into: ${text}`);
    }
  }
}

/**
 * Registers, in the calling describe(), one demo emulator for the whole suite (handed to `use` once
 * started; its log cleared before each test) and returns a kit factory whose clients sign in to it
 * as the admin. After the suite, no log line of those clients may hold the admin token.
 */
export function emulatorClientKits(use: (emu: Emulator) => void): (opts?: HttpClientOptions) => ClientKit {
  let emu: Emulator;
  const lines: string[] = [];
  before(async () => {
    emu = await startEmulator({ dataset: 'demo' });
    use(emu);
  });
  beforeEach(() => emu.clearLog());
  after(async () => {
    assertNoLeaks([emu.adminToken], lines);
    await emu.close();
  });
  return (opts = {}) =>
    makeClient({ auth: { origin: emu.url, getToken: async () => emu.adminToken }, log: (l) => lines.push(l), ...opts });
}
