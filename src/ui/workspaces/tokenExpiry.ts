// A PAT's expiry from the Token API, matched by the id recorded when the token was stored (the API
// never lists token values, so without that id "which token is mine" is unknowable), and the pure
// rule for when to warn. No `vscode` import.
import { daysUntilExpiry, describeExpiry, isExpiringSoon } from '../../core/tokens/expiry';
import type { TokenApi } from '../../core/tokens/api';
import type { TokenExpiry } from '../common/connection';

export const EXPIRY_UNKNOWN: TokenExpiry = { description: 'expiry unknown' };

export async function lookupTokenExpiry(
  tokens: Pick<TokenApi, 'list'>,
  tokenId: string | undefined,
  now: Date = new Date(),
): Promise<TokenExpiry> {
  if (!tokenId) return EXPIRY_UNKNOWN;
  try {
    const info = (await tokens.list()).find((t) => t.tokenId === tokenId);
    if (!info) return EXPIRY_UNKNOWN;
    return {
      description: describeExpiry(info, now),
      daysLeft: daysUntilExpiry(info, now),
      expiryTime: info.expiryTime,
    };
  } catch {
    // The list is a nicety for the tooltip; the tree shows any real connection problem itself.
    return EXPIRY_UNKNOWN;
  }
}

/** The warning to show, or undefined: only a known expiry within `warningDays` (or past) warns. */
export function expiryWarning(
  workspaceName: string,
  expiry: TokenExpiry | undefined,
  warningDays: number,
  now: Date = new Date(),
): string | undefined {
  if (!expiry?.expiryTime) return undefined;
  if (!isExpiringSoon({ expiryTime: expiry.expiryTime }, warningDays, now)) return undefined;
  return `The Databricks token for ${workspaceName} ${describeExpiry({ expiryTime: expiry.expiryTime }, now)}. Rotate it to keep the connection working.`;
}
