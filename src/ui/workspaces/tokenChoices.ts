// How a person tells their tokens apart: the comment they gave it, when it was made and when it
// expires. The 64-character id is for machines; no `vscode` import, so the words are unit-tested.
import { describeExpiry } from '../../core/tokens/expiry';
import { madeByExtension } from '../../core/tokens/identify';
import type { TokenInfo } from '../../core/tokens/types';

export interface TokenChoice {
  label: string;
  description: string;
  detail?: string;
  tokenId: string;
}

const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

export function tokenChoice(t: TokenInfo, now: Date = new Date()): TokenChoice {
  const choice: TokenChoice = {
    label: t.comment.trim() || 'Token without a comment',
    description: `created ${DATE.format(t.creationTime)} UTC · ${describeExpiry(t, now)}`,
    tokenId: t.tokenId,
  };
  if (madeByExtension(t)) choice.detail = 'Made by Databricks SCIM Explorer (here or on another machine)';
  return choice;
}
