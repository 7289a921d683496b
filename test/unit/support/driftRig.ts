// Both emulators on the demo org for CLI drift / reconcile tests, fresh per `describe` so one
// suite's writes never leak into another, plus the check that no run printed a token.
import assert from 'node:assert/strict';
import { startEmulator, startGraphEmulator, type Emulator, type GraphEmulator } from '../../emulator';
import type { GraphKnobs } from '../../emulator/graph';
import { leakedSecret, runCli, type CliRun } from './cliRunner';

/** The `drift --json` document. */
export interface DriftDoc {
  groups: Array<{
    databricksGroup: string | null;
    entraGroup: string;
    findings: Array<{
      kind: string;
      principalType: string;
      key: string;
      displayName: string;
      via?: string[];
      connectorWillFix: boolean;
    }>;
    complete: boolean;
    notCompared: Array<{ entraId: string; displayName: string; reason: string }>;
  }>;
}

export interface DriftRig {
  run(...argv: string[]): Promise<CliRun>;
  runWith(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<CliRun>;
  env(): NodeJS.ProcessEnv;
  dbx(): Emulator;
  graph(): GraphEmulator;
}

/** Registers before/after hooks in the calling `describe`. */
export function withDriftEmulators(graphKnobs: Partial<GraphKnobs> = {}): DriftRig {
  let dbx: Emulator;
  let graph: GraphEmulator;
  let env: NodeJS.ProcessEnv;
  const runs: CliRun[] = [];
  const secrets: string[] = [];
  const runWith = async (e: NodeJS.ProcessEnv, ...argv: string[]): Promise<CliRun> => {
    const r = await runCli(e, argv);
    runs.push(r);
    if (e.DBX_SCIM_GRAPH_TOKEN) secrets.push(e.DBX_SCIM_GRAPH_TOKEN);
    return r;
  };
  before(async () => {
    [dbx, graph] = await Promise.all([
      startEmulator({ dataset: 'demo' }),
      startGraphEmulator({ org: 'demo', knobs: graphKnobs }),
    ]);
    env = {
      DATABRICKS_HOST: dbx.url,
      DATABRICKS_TOKEN: dbx.adminToken,
      DBX_SCIM_GRAPH_TOKEN: graph.token,
      DBX_SCIM_GRAPH_ENDPOINT: graph.url,
    };
  });
  after(async () => {
    assert.equal(
      leakedSecret(runs, [dbx.adminToken, graph.token, ...secrets]),
      undefined,
      'a token leaked into CLI output',
    );
    await Promise.all([dbx.close(), graph.close()]);
  });
  return { run: (...argv) => runWith(env, ...argv), runWith, env: () => env, dbx: () => dbx, graph: () => graph };
}

/** Requests that could have changed the workspace. */
export const writes = (emu: Emulator) => emu.log.filter((e) => e.method !== 'GET');

/** PATCH requests whose body removes a member. */
export const removals = (emu: Emulator) =>
  emu.log.filter((e) => e.method === 'PATCH' && JSON.stringify(e.body ?? '').includes('"remove"'));
