// dbx-scim: the extension's engine without VS Code, for scripts and pipelines. Messages never
// carry a stack trace (unless --verbose) or a token.
import { ArmError } from '../core/azure/errors';
import { GraphError } from '../core/graph/errors';
import { ApiError } from '../core/http/apiError';
import { Redactor } from '../core/http/redact';
import { safeTerminalText } from '../core/text/terminal';
import { parseCliArgs, UsageError, USAGE, type CliArgs } from './args';
import { runAccountCommand } from './accountCommands';
import { runCommand } from './commands';
import { isWorkspacesCommand, runWorkspacesCommand } from './discoverCommand';
import { isDriftCommand, runDriftCommand } from './driftCommands';
import { formatJson, formatTable } from './output';
import { openSession } from './session';

const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WritableStream,
): Promise<number> {
  // Every byte the CLI prints passes here: names and messages come from servers.
  const out = terminalSafe(stdout);
  const err = terminalSafe(stderr);
  let args: CliArgs | undefined;
  try {
    args = parseCliArgs(argv);
    if (args.help || args.command.length === 0) {
      (args.help ? out : err).write(USAGE);
      return args.help ? 0 : EXIT_USAGE;
    }
    // Discovery needs no workspace (and so no DATABRICKS_HOST): it only talks to Azure Resource Manager.
    if (isWorkspacesCommand(args)) {
      const result = await runWorkspacesCommand(env, args);
      out.write(result.text);
      for (const note of result.notes) err.write(`dbx-scim: ${redactTokens(note, env)}\n`);
      return result.exitCode;
    }
    const session = await openSession(env, {
      allowHosts: args.allowHosts,
      warn: (m) => err.write(`dbx-scim: warning: ${m}\n`),
      onLimit: (line) => err.write(`dbx-scim: ${line}\n`),
    });
    try {
      if (isDriftCommand(args)) {
        const result = await runDriftCommand(session, args);
        out.write(result.text);
        for (const note of result.notes) err.write(`dbx-scim: ${redactTokens(note, env)}\n`);
        return result.exitCode;
      }
      const result = args.account
        ? await runAccountCommand(await session.account(), args)
        : await runCommand(session.scim, args);
      out.write(args.json ? formatJson(result.rows) : formatTable(result.rows, result.columns));
      for (const note of result.notes ?? []) err.write(`dbx-scim: ${note}\n`);
      return result.exitCode ?? 0;
    } finally {
      await session.close();
    }
  } catch (e) {
    if (e instanceof UsageError) {
      // A usage error can quote what was typed, and a token pasted into the wrong variable is typed.
      err.write(`dbx-scim: ${redactTokens(e.message, env)}\nRun dbx-scim --help for usage.\n`);
      return EXIT_USAGE;
    }
    let message = e instanceof ApiError ? e.userMessage : e instanceof Error ? e.message : String(e);
    if (e instanceof GraphError && e.status === 401 && env.DBX_SCIM_GRAPH_TOKEN?.trim()) {
      message +=
        ' The token came from DBX_SCIM_GRAPH_TOKEN: set a current Microsoft Graph token there, or unset it to sign in with Azure credentials.';
    }
    if (e instanceof ArmError && e.status === 401 && env.DBX_SCIM_ARM_TOKEN?.trim()) {
      message +=
        ' The token came from DBX_SCIM_ARM_TOKEN: set a current Azure Resource Manager token there, or unset it to sign in with Azure credentials.';
    }
    err.write(`dbx-scim: ${redactTokens(message, env)}\n`);
    if (args?.verbose && e instanceof Error && e.stack) err.write(redactTokens(e.stack, env) + '\n');
    return EXIT_FAILURE;
  }
}

/** A stream whose text has its control characters made visible (lines and tabs kept). */
function terminalSafe(stream: NodeJS.WritableStream): { write(text: string): void } {
  return { write: (text) => void stream.write(safeTerminalText(text, { multiline: true })) };
}

/** Last line of defence for messages that did not come through the transport's redactor. */
function redactTokens(text: string, env: NodeJS.ProcessEnv): string {
  const redactor = new Redactor();
  for (const token of [env.DATABRICKS_TOKEN?.trim(), env.DBX_SCIM_GRAPH_TOKEN?.trim(), env.DBX_SCIM_ARM_TOKEN?.trim()])
    if (token) redactor.add(token);
  return redactor.redact(text);
}

if (require.main === module) {
  void main(process.argv.slice(2), process.env, process.stdout, process.stderr).then((code) => {
    process.exitCode = code;
  });
}
