// Which account a workspace belongs to, when the workspace does not publish it: asked once from a
// person and kept per workspace in this machine's globalState. Not a setting: an account id is not
// a preference, and a cloned repository's settings must not be able to point a workspace elsewhere.
import * as vscode from 'vscode';
import { UserCancelled } from '../common/errors';

const KEY = 'dbxScim.accountIds';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why `value` is not an account id, or undefined when it is one (the input box shows it as you type). */
export function accountIdProblem(value: string): string | undefined {
  const v = value.trim();
  if (v === '') return 'Enter the account id.';
  return GUID.test(v) ? undefined : 'An account id looks like 1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d.';
}

export class AccountIds {
  constructor(private readonly state: vscode.Memento) {}

  get(host: string): string | undefined {
    const id = this.all()[host];
    return typeof id === 'string' && accountIdProblem(id) === undefined ? id : undefined;
  }

  async remember(host: string, accountId: string): Promise<void> {
    await this.state.update(KEY, { ...this.all(), [host]: accountId.trim().toLowerCase() });
  }

  /** Asks a person once; remembered for the workspace. */
  async ask(host: string, reason: string): Promise<string> {
    const value = await vscode.window.showInputBox({
      title: `Databricks account of ${host}`,
      prompt:
        `The workspace does not say which account it belongs to (${reason}). Enter the account id ` +
        '(account console → your user menu at the top right); it is remembered for this workspace.',
      placeHolder: '1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d',
      ignoreFocusOut: true,
      validateInput: accountIdProblem,
    });
    if (value === undefined) throw new UserCancelled();
    await this.remember(host, value);
    return value.trim().toLowerCase();
  }

  private all(): Record<string, unknown> {
    const value = this.state.get<unknown>(KEY);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  }
}
