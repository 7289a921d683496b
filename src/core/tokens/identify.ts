// Which listed token is the one we hold? The Token API lists ids, comments and times, never
// values, so without a recorded id only the list itself can tell: when it holds one token
// (besides any we just made), that is it. Among several, nothing the API says proves which one is
// in use — a token this extension made on another machine looks the same as ours — so the choice
// goes to a person, with the candidates in the order they would look for them.
import type { TokenInfo } from './types';

/** Every token this extension creates has a comment that starts with this. */
export const EXTENSION_TOKEN_COMMENT = 'Databricks SCIM Explorer';

export type OwnToken = { tokenId: string } | { tokenId?: undefined; candidates: TokenInfo[] };

/** `exclude`: ids that are certainly not the one (e.g. a token a rotation made a moment ago). */
export function identifyOwnToken(tokens: readonly TokenInfo[], exclude: readonly string[] = []): OwnToken {
  const candidates = tokens.filter((t) => !exclude.includes(t.tokenId));
  const only = candidates.length === 1 ? candidates[0] : undefined;
  if (only) return { tokenId: only.tokenId };
  // Ours first, then newest first: the token pasted most recently is the likeliest one.
  const ours = (t: TokenInfo): number => (madeByExtension(t) ? 0 : 1);
  return {
    candidates: [...candidates].sort(
      (a, b) => ours(a) - ours(b) || b.creationTime.getTime() - a.creationTime.getTime(),
    ),
  };
}

export function madeByExtension(t: Pick<TokenInfo, 'comment'>): boolean {
  return t.comment.startsWith(EXTENSION_TOKEN_COMMENT);
}

/** The comment a token made by this extension gets: our name and the day. */
export function extensionTokenComment(now: Date = new Date()): string {
  return `${EXTENSION_TOKEN_COMMENT} (${now.toISOString().slice(0, 10)})`;
}
