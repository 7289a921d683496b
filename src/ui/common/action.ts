// The one wrapper every command runs through: it lets handlers show a temporary state on the row
// acted on (`busyWhile`), turns any error into one clear message with the action that fixes it,
// logs it with secrets masked, and treats a user's cancel as no error.
import { AsyncLocalStorage } from 'node:async_hooks';
import * as vscode from 'vscode';
import type { Redactor } from '../../core/http/redact';
import { isCancellation, presentError, type PresentedError } from './errors';

/** What the wrapper needs of a tree row: its stable key. The explorer's nodes have this shape. */
export interface Row {
  readonly kind: string;
  readonly key: string;
  readonly host: string;
}

/** Shows "Adding…" (or similar) on a row while an action on it runs. */
export interface BusyIndicator {
  setBusy(row: Row, label: string | undefined): void;
}

export interface ActionDeps {
  log: vscode.LogOutputChannel;
  redactor: Redactor;
  busy?: BusyIndicator;
}

export interface ActionOptions {
  /** Description shown on the row while the action's requests run (see `busyWhile`), e.g. "Adding…". */
  busyLabel?: string;
  /**
   * Commands other extensions and tests call with an argument object declare `rethrow: 'api'`:
   * called that way, a failure is also thrown back to the caller. From a row or the palette it is
   * only shown, because VS Code would show a second, rawer message for a rejected command.
   */
  rethrow?: 'api' | 'never';
}

interface RunningAction {
  row: Row | undefined;
  label: string | undefined;
  busy: BusyIndicator | undefined;
}

// Which action (and row) the current async call chain belongs to, so `busyWhile` can mark the
// right row even when several commands run at once.
const running = new AsyncLocalStorage<RunningAction>();

/**
 * Shows the action's busy label on its row while `work` runs. Handlers wrap their requests in it
 * rather than the wrapper marking the whole command, so the row does not say "Adding…" while the
 * user is still choosing in a QuickPick.
 */
export async function busyWhile<T>(work: () => Promise<T>): Promise<T> {
  const action = running.getStore();
  if (!action?.row || !action.label || !action.busy) return work();
  action.busy.setBusy(action.row, action.label);
  try {
    return await work();
  } finally {
    action.busy.setBusy(action.row, undefined);
  }
}

export function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && 'kind' in value && 'key' in value && 'host' in value;
}

/** An argument object from another extension or a test (not a row): `{ host, group, … }`. */
export function isApiArgument(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isRow(value);
}

export function registerAction<A extends unknown[], R>(
  id: string,
  handler: (...args: A) => Promise<R>,
  deps: ActionDeps,
  options: ActionOptions = {},
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: A): Promise<R | undefined> => {
    const row = isRow(args[0]) ? args[0] : undefined;
    try {
      return await running.run({ row, label: options.busyLabel, busy: deps.busy }, () => handler(...args));
    } catch (err) {
      if (isCancellation(err)) return undefined;
      const shown = presentError(err, deps.redactor);
      deps.log.error(`${id}: ${shown.message}`);
      void showError(shown);
      if (options.rethrow === 'api' && isApiArgument(args[0])) throw new Error(shown.message);
      return undefined;
    }
  });
}

async function showError(shown: PresentedError): Promise<void> {
  if (!shown.action) {
    await vscode.window.showErrorMessage(shown.message);
    return;
  }
  const picked = await vscode.window.showErrorMessage(shown.message, shown.action.title);
  if (picked === shown.action.title) await vscode.commands.executeCommand(shown.action.command, ...shown.action.args);
}

/** One row of a feature's command table: the id, what it does with the argument, the wrapper's options. */
export type ActionEntry<D> = readonly [id: string, handler: (deps: D, arg: unknown) => Promise<unknown>, ActionOptions];

/** Registers a feature's command table, each command through `registerAction`. */
export function registerActions<D extends ActionDeps>(
  deps: D,
  table: ReadonlyArray<ActionEntry<D>>,
): vscode.Disposable[] {
  return table.map(([id, handler, options]) =>
    registerAction(id, (arg?: unknown) => handler(deps, arg), deps, options),
  );
}

/**
 * Registers a feature's command table over `base` and the one service its commands share (made by
 * the feature, handed in as `deps.service`); returns that service for the composition root.
 */
export function registerServiceActions<B extends ActionDeps, S>(
  context: vscode.ExtensionContext,
  base: B,
  service: S,
  table: ReadonlyArray<ActionEntry<B & { service: S }>>,
): S {
  context.subscriptions.push(...registerActions({ ...base, service }, table));
  return service;
}
