// The one wrapper every command runs through: it lets handlers show a temporary state
// on the node acted on (`busyWhile`), turns any error into one clear message (with "Update token…" / "Sign in…" when the
// credential is the problem), logs it with secrets masked, and treats a user's cancel as no error.
import { AsyncLocalStorage } from 'node:async_hooks';
import * as vscode from 'vscode';
import type { Redactor } from '../../core/http/redact';
import { DatabricksError } from '../../core/databricks/errors';
import { GraphSignInRequired } from '../auth/graphSessions';
import type { ExplorerNode } from '../tree/nodes';
import { CredentialMissingError } from '../workspaces/types';

/** Shows "Adding…" (or similar) on a node while an action on it runs. */
export interface BusyIndicator {
  setBusy(node: ExplorerNode, label: string | undefined): void;
}

export interface ActionDeps {
  log: vscode.LogOutputChannel;
  redactor: Redactor;
  busy?: BusyIndicator;
}

export interface ActionOptions {
  /** Description shown on the node while the action's requests run (see `busyWhile`), e.g. "Adding…". */
  busyLabel?: string;
}

interface RunningAction {
  node: ExplorerNode | undefined;
  label: string | undefined;
  busy: BusyIndicator | undefined;
}

// Which action (and node) the current async call chain belongs to, so `busyWhile` can mark the
// right node even when several commands run at once.
const running = new AsyncLocalStorage<RunningAction>();

/**
 * Shows the action's busy label on its node while `work` runs. Handlers wrap their requests in it
 * rather than the wrapper marking the whole command, so the node does not say "Adding…" while the
 * user is still choosing in a QuickPick.
 */
export async function busyWhile<T>(work: () => Promise<T>): Promise<T> {
  const action = running.getStore();
  if (!action?.node || !action.label || !action.busy) return work();
  action.busy.setBusy(action.node, action.label);
  try {
    return await work();
  } finally {
    action.busy.setBusy(action.node, undefined);
  }
}

/** Thrown by handlers when the user dismissed a prompt: not an error, nothing to show. */
export class UserCancelled extends Error {
  constructor() {
    super('Cancelled.');
  }
}

export function isExplorerNode(value: unknown): value is ExplorerNode {
  return typeof value === 'object' && value !== null && 'kind' in value && 'key' in value && 'host' in value;
}

interface Presented {
  message: string;
  action?: { title: string; command: string; args: unknown[] };
}

/** One sentence for people, plus the action that fixes it when there is one. */
export function presentError(err: unknown, redactor: Redactor): Presented {
  if (err instanceof CredentialMissingError) {
    const fix =
      err.auth === 'pat'
        ? { title: 'Set Token…', command: 'dbxScim.setToken', args: [{ host: err.host }] }
        : { title: 'Sign In…', command: 'dbxScim.signIn', args: [{ host: err.host }] };
    return { message: redactor.redact(err.message), action: fix };
  }
  if (err instanceof GraphSignInRequired) {
    // Run interactively, the comparison asks VS Code for the Microsoft sign-in itself.
    return {
      message: redactor.redact(err.message),
      action: { title: 'Sign In…', command: 'dbxScim.compareWithEntra', args: [] },
    };
  }
  if (err instanceof DatabricksError) {
    const host = err.host;
    const message = redactor.redact(err.userMessage);
    if (err.isAuthProblem && host)
      return { message, action: { title: 'Update Token…', command: 'dbxScim.setToken', args: [{ host }] } };
    return { message };
  }
  const text = err instanceof Error ? err.message : String(err);
  return { message: redactor.redact(text) };
}

export function registerAction<A extends unknown[], R>(
  id: string,
  handler: (...args: A) => Promise<R>,
  deps: ActionDeps,
  options: ActionOptions = {},
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: A): Promise<R | undefined> => {
    const node = isExplorerNode(args[0]) ? args[0] : undefined;
    // Called with a plain object (tests, other extensions): failures are also thrown back so the
    // caller learns of them; from the UI they are only shown.
    const programmatic = args.length > 0 && !node && typeof args[0] === 'object' && args[0] !== null;
    try {
      return await running.run({ node, label: options.busyLabel, busy: deps.busy }, () => handler(...args));
    } catch (err) {
      if (err instanceof UserCancelled || (err instanceof DatabricksError && err.isCancelled)) return undefined;
      const shown = presentError(err, deps.redactor);
      // Argument errors already start with the command id: say it once.
      deps.log.error(shown.message.startsWith(`${id}:`) ? shown.message : `${id}: ${shown.message}`);
      void showError(shown);
      if (programmatic) throw new Error(shown.message);
      return undefined;
    }
  });
}

async function showError(shown: Presented): Promise<void> {
  if (!shown.action) {
    await vscode.window.showErrorMessage(shown.message);
    return;
  }
  const picked = await vscode.window.showErrorMessage(shown.message, shown.action.title);
  if (picked === shown.action.title) await vscode.commands.executeCommand(shown.action.command, ...shown.action.args);
}
