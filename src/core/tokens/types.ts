// A personal access token as the extension sees it (the Token API's PublicTokenInfo, reference
// §4.1), with epoch-millisecond numbers turned into Dates and "-1 = never" into null.

import { isRecord, readNumber, readString } from '../http/json';

export interface TokenInfo {
  tokenId: string;
  comment: string;
  creationTime: Date;
  /** null: the token never expires. */
  expiryTime: Date | null;
}

export function parseTokenInfo(raw: unknown): TokenInfo | undefined {
  if (!isRecord(raw)) return undefined;
  const tokenId = readString(raw, 'token_id');
  if (tokenId === undefined || tokenId === '') return undefined;
  const created = readNumber(raw, 'creation_time');
  const expiry = readNumber(raw, 'expiry_time');
  return {
    tokenId,
    comment: readString(raw, 'comment') ?? '',
    creationTime: new Date(created ?? 0),
    // -1 is "never"; any other non-positive value is as meaningless, so it reads the same.
    expiryTime: expiry === undefined || expiry <= 0 ? null : new Date(expiry),
  };
}
