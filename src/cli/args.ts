// Argument parsing on node:util's parseArgs: strict, so a mistyped flag is a usage error (exit 2)
// rather than silently ignored.
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export interface CliArgs {
  command: string[];
  json: boolean;
  verbose: boolean;
  help: boolean;
  filter?: string;
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        filter: { type: 'string' },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  const args: CliArgs = { command: positionals, json: values.json === true, verbose: values.verbose === true, help: values.help === true };
  if (typeof values.filter === 'string') args.filter = values.filter;
  return args;
}

export const USAGE = `Usage: dbx-scim <command> [options]

Commands:
  users list [--filter EXPR]          list the workspace's users
  groups list                         list the workspace's groups (without members)
  groups members GROUP                list a group's members
  groups add-members GROUP NAME...    add users (userName), service principals
                                      (applicationId) or groups (name) in one request

Options:
  --json       machine-readable output
  --verbose    show stack traces of unexpected errors
  -h, --help   this text

Environment:
  DATABRICKS_HOST    workspace URL, e.g. https://adb-1234567890123456.7.azuredatabricks.net
  DATABRICKS_TOKEN   personal access token; without it, Microsoft Entra credentials are used
                     (Azure CLI, environment, managed identity)

Exit codes: 0 ok, 1 failure, 2 usage error, 3 drift found.
`;
