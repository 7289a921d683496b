// Getting a PAT from the user and proving it before it is stored: a password box (trimmed), then
// /Me. A rejected token re-opens the box with the precise reason, so one typo does not restart
// the whole flow; the token never leaves this function except to the secret store's caller.
import * as vscode from 'vscode';
import type { ScimUser } from '../../core/scim/types';
import { UserCancelled } from '../common/errors';
import type { ConnectionManager } from './connectionManager';
import { PatVerificationError, verifyPat } from './patVerification';
import { soleTokenId } from './storedTokenId';

export interface VerifiedPat {
  token: string;
  owner: ScimUser;
  /** The token's Token API id when the owner's token list proves it (it holds only this one). */
  tokenId?: string;
}

/** Verifies a token given as an argument (no prompts); PatVerificationError says what is wrong. */
export async function verifyGivenPat(
  connections: ConnectionManager,
  host: string,
  token: string,
): Promise<VerifiedPat> {
  const trimmed = token.trim();
  if (!trimmed) throw new PatVerificationError('invalid', 'The token is empty. Nothing was saved.');
  return checking(host, () =>
    connections.withToken(host, trimmed, async (scim, tokens) => {
      const owner = await verifyPat(scim);
      const tokenId = await soleTokenId(tokens);
      return tokenId ? { token: trimmed, owner, tokenId } : { token: trimmed, owner };
    }),
  );
}

/** Asks until a token verifies or the user cancels (UserCancelled). */
export async function promptForPat(
  connections: ConnectionManager,
  host: string,
  workspaceName: string,
): Promise<VerifiedPat> {
  let problem: string | undefined;
  for (;;) {
    const entered = await vscode.window.showInputBox({
      title: `Personal access token for ${workspaceName}`,
      prompt:
        problem ??
        `Paste a personal access token of a workspace admin for ${host}. It is kept in VS Code's secret store, never in settings.`,
      placeHolder: 'dapi…',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() ? undefined : 'Enter the token.'),
    });
    if (entered === undefined) throw new UserCancelled();
    try {
      return await verifyGivenPat(connections, host, entered);
    } catch (err) {
      // Only a problem with the token itself is worth another try; the others need a different fix.
      if (err instanceof PatVerificationError && err.problem === 'invalid') {
        problem = err.message;
        continue;
      }
      throw err;
    }
  }
}

function checking<T>(host: string, task: () => Promise<T>): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Checking the token with ${host}…` },
      task,
    ),
  );
}
