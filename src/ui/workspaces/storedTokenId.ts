// Finding the Token API id of a stored PAT that was saved without one (pasted, or set while the
// list was ambiguous): the list decides when it can (see core/tokens/identify.ts); a person is
// asked only when it cannot, and only when the command runs interactively.
import * as vscode from 'vscode';
import type { TokenApi } from '../../core/tokens/api';
import { identifyOwnToken } from '../../core/tokens/identify';
import { UserCancelled } from '../common/errors';
import { tokenChoice } from './tokenChoices';

type Lister = Pick<TokenApi, 'list'>;

/** The id when the caller's token list holds exactly one token; undefined otherwise or on failure. */
export async function soleTokenId(tokens: Lister): Promise<string | undefined> {
  try {
    return identifyOwnToken(await tokens.list()).tokenId;
  } catch {
    // A nicety for the next rotation: without it, rotation looks again.
    return undefined;
  }
}

/**
 * The id of the token in use, from the list or, when several remain and `interactive`, from the
 * person. undefined: not known (the old token is then kept, and the rotation says so).
 */
export async function findStoredTokenId(tokens: Lister, interactive: boolean): Promise<string | undefined> {
  let found;
  try {
    found = identifyOwnToken(await tokens.list());
  } catch {
    return undefined;
  }
  if (found.tokenId !== undefined) return found.tokenId;
  if (!interactive || found.candidates.length === 0) return undefined;
  const now = new Date();
  const keep = { label: '$(circle-slash) Not sure: keep the old token', description: '', tokenId: undefined };
  const picked = await vscode.window.showQuickPick<vscode.QuickPickItem & { tokenId: string | undefined }>(
    [...found.candidates.map((t) => tokenChoice(t, now)), keep],
    {
      title: 'Which of your tokens is the one stored for this workspace?',
      placeHolder: 'It is revoked once the new token works.',
      matchOnDescription: true,
    },
  );
  if (!picked) throw new UserCancelled();
  return picked.tokenId;
}
