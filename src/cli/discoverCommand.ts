// `dbx-scim workspaces discover [--json]`: the Azure Databricks workspaces the signed-in user can see
// through Azure Resource Manager. Exit codes: 0 every subscription was read; 3 some subscription
// (or a workspace in it) could not be read, so the list may be incomplete — what was found is
// still printed; 1 the walk failed as a whole (the subscription list could not be read).
import type { DiscoveryResult } from '../core/azure/types';
import { plural } from '../core/text/plural';
import { UsageError, type CliArgs } from './args';
import { openArmClient, type ArmSessionOptions } from './armSession';
import type { TextResult } from './driftCommands';
import { formatTable } from './output';

export const EXIT_INCOMPLETE = 3;

export function isWorkspacesCommand(args: CliArgs): boolean {
  return args.command[0] === 'workspaces';
}

export async function runWorkspacesCommand(
  env: NodeJS.ProcessEnv,
  args: CliArgs,
  options: ArmSessionOptions = {},
): Promise<TextResult> {
  const [, verb, ...rest] = args.command;
  if (verb !== 'discover' || rest.length > 0)
    throw new UsageError(`Unknown command "${args.command.join(' ')}". Did you mean: dbx-scim workspaces discover?`);
  const client = await openArmClient(env, options);
  let result: DiscoveryResult;
  try {
    result = await client.discoverWorkspaces();
  } finally {
    await client.close();
  }
  const text = args.json ? JSON.stringify(discoveryJson(result), null, 2) + '\n' : discoveryTable(result);
  return { text, notes: discoveryNotes(result), exitCode: result.problems.length > 0 ? EXIT_INCOMPLETE : 0 };
}

/** The --json document, keys in a fixed order so a diff of two runs shows only real changes. */
export function discoveryJson(result: DiscoveryResult): unknown {
  return {
    workspaces: result.workspaces.map((w) => ({
      name: w.name,
      location: w.location,
      sku: w.sku,
      subscriptionId: w.subscriptionId,
      subscriptionName: w.subscriptionName,
      workspaceUrl: w.workspaceUrl,
      workspaceId: w.workspaceId,
      resourceId: w.resourceId,
      isUcEnabled: w.isUcEnabled,
    })),
    problems: result.problems.map((p) => ({
      subscriptionId: p.subscriptionId,
      subscriptionName: p.subscriptionName,
      message: p.message,
    })),
  };
}

function discoveryTable(result: DiscoveryResult): string {
  const rows = result.workspaces.map((w) => ({
    name: w.name,
    region: w.location,
    subscription: w.subscriptionName,
    sku: w.sku,
    url: w.workspaceUrl,
  }));
  return formatTable(rows, ['name', 'region', 'subscription', 'sku', 'url']);
}

function discoveryNotes(result: DiscoveryResult): string[] {
  const notes = result.problems.map((p) => `subscription "${p.subscriptionName}" (${p.subscriptionId}): ${p.message}`);
  if (result.problems.length > 0) {
    const subs = new Set(result.problems.map((p) => p.subscriptionId)).size;
    notes.push(
      `the list may be incomplete: ${plural(subs, 'subscription')} could not be read completely (${plural(result.workspaces.length, 'workspace')} found).`,
    );
  }
  return notes;
}
