// `npm run emulator [-- --dataset demo|scale|empty] [--profile default|realistic] [--port N] [--latency MS]
// [--workspaces N]`: a workspace (and its account) to point the extension or the CLI at by hand.
// Prints the hosts, the admin PAT and an Entra token of the admin; Ctrl-C stops it.

import { isProfileName } from './profiles';
import { startEmulator } from './server';
import type { DatasetName, ProfileName } from './types';

const USAGE =
  'usage: emulator [--dataset demo|scale|empty] [--profile default|realistic] [--port N] [--latency MS] ' +
  '[--workspaces N]\n';

interface Args {
  dataset: DatasetName;
  profile: ProfileName;
  port: number;
  workspaces: number;
  /** Undefined: the profile's latency (0 by default). */
  latencyMs?: number;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { dataset: 'demo', profile: 'default', port: 0, workspaces: 1 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const need = (): string => {
      if (value === undefined) throw new Error(`${flag} needs a value`);
      i++;
      return value;
    };
    if (flag === '--dataset') {
      const d = need();
      if (d !== 'demo' && d !== 'scale' && d !== 'empty') throw new Error(`unknown dataset ${d} (demo, scale, empty)`);
      args.dataset = d;
    } else if (flag === '--profile') {
      const p = need();
      if (!isProfileName(p)) throw new Error(`unknown profile ${p} (default, realistic)`);
      args.profile = p;
    } else if (flag === '--port') args.port = toInt(need(), flag);
    else if (flag === '--latency') args.latencyMs = toInt(need(), flag);
    else if (flag === '--workspaces') args.workspaces = Math.max(1, toInt(need(), flag));
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${flag ?? ''}`);
  }
  return args;
}

function toInt(s: string, flag: string | undefined): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag ?? ''} needs a non-negative integer`);
  return n;
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
  const emulator = await startEmulator({
    dataset: args.dataset,
    profile: args.profile,
    port: args.port,
    workspaces: args.workspaces,
    knobs: args.latencyMs === undefined ? {} : { latencyMs: args.latencyMs },
  });
  const { state } = emulator;
  process.stdout.write(
    [
      `Databricks SCIM emulator (${args.dataset}, ${args.profile} profile): ${state.users.size} users, ${state.groups.size} groups, ` +
        `${state.servicePrincipals.size} service principals`,
      `DATABRICKS_HOST=${emulator.url}`,
      `DATABRICKS_TOKEN=${emulator.adminToken}`,
      `SCIM base: ${emulator.url}/api/2.0/preview/scim/v2`,
      ...emulator.workspaces.slice(1).map((w, i) => `workspace #${i + 2} (${w.workspaceId}): ${w.url}`),
      `DATABRICKS_ACCOUNT_HOST=${emulator.account.url}`,
      `DATABRICKS_ACCOUNT_ID=${emulator.account.id}`,
      `Entra token of the admin (account and workspaces): ${emulator.entraToken()}   (Ctrl-C to stop)`,
      '',
    ].join('\n'),
  );
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
