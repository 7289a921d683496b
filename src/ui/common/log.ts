// The "Databricks SCIM" log channel. Every line passes the shared redactor, so a token that reached
// a message by any route is masked before it is written.
import * as vscode from 'vscode';
import type { Redactor } from '../../core/http/redact';

export function createLog(context: vscode.ExtensionContext, redactor: Redactor): vscode.LogOutputChannel {
  const channel = vscode.window.createOutputChannel('Databricks SCIM', { log: true });
  context.subscriptions.push(channel);
  const masked =
    (fn: (message: string, ...args: unknown[]) => void) =>
    (message: string | Error, ...args: unknown[]) =>
      fn(
        redactor.redact(message instanceof Error ? message.message : message),
        ...args.map((a) => redactor.redact(String(a))),
      );
  return new Proxy(channel, {
    get(target, prop, receiver) {
      if (prop === 'trace' || prop === 'debug' || prop === 'info' || prop === 'warn' || prop === 'error') {
        return masked(target[prop].bind(target));
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
