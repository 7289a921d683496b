// The VS Code side of Entra sign-in: the real session getter for tokenSource.ts, and the event
// that says a Microsoft session changed (sign-in, sign-out, token refresh in another window).
import * as vscode from 'vscode';
import { UserCancelled } from '../errors';
import { MICROSOFT_PROVIDER_ID, type SessionGetter } from './tokenSource';

export const vscodeSessionGetter: SessionGetter = async (providerId, scopes, options) => {
  try {
    return await vscode.authentication.getSession(providerId, [...scopes], options);
  } catch (err) {
    // getSession rejects (rather than resolving undefined) when the user declines the sign-in.
    if (options.createIfNone && err instanceof Error && /cancel|consent/i.test(err.message)) throw new UserCancelled();
    throw err;
  }
};

export function onDidChangeMicrosoftSessions(listener: () => void): vscode.Disposable {
  return vscode.authentication.onDidChangeSessions((e) => {
    if (e.provider.id === MICROSOFT_PROVIDER_ID) listener();
  });
}
