// Personal access tokens as the Token API describes them (reference §4.1): "dapi" + 32 hex digits,
// a 64-hex token_id, epoch-millisecond times, expiry_time -1 for "never". Values come from
// node:crypto, not the seeded PRNG: a predictable PAT would be a bad habit even in a test server.

import { randomBytes } from 'node:crypto';

/** PublicTokenInfo of the Token API. */
export interface TokenInfo {
  readonly token_id: string;
  readonly creation_time: number;
  /** Epoch ms, or -1 when the token never expires. */
  readonly expiry_time: number;
  readonly comment: string;
}

export interface StoredToken extends TokenInfo {
  readonly value: string;
  readonly ownerId: string;
}

export interface IssueOptions {
  lifetimeSeconds?: number;
  comment?: string;
  /** Exact expiry (epoch ms) for test setup, e.g. a token that has already expired. */
  expiresAt?: number;
  /** Use this PAT value instead of a random one (the admin token given to startEmulator). */
  value?: string;
}

export function newPatValue(): string {
  return `dapi${randomBytes(16).toString('hex')}`;
}

export class TokenStore {
  private readonly byValue = new Map<string, StoredToken>();
  private readonly byId = new Map<string, StoredToken>();

  issue(ownerId: string, opts: IssueOptions = {}): StoredToken {
    const now = Date.now();
    let expiry = -1;
    if (opts.expiresAt !== undefined) expiry = opts.expiresAt;
    else if (opts.lifetimeSeconds !== undefined && opts.lifetimeSeconds > 0) expiry = now + opts.lifetimeSeconds * 1000;
    const token: StoredToken = {
      token_id: randomBytes(32).toString('hex'),
      creation_time: now,
      expiry_time: expiry,
      comment: opts.comment ?? '',
      value: opts.value ?? newPatValue(),
      ownerId,
    };
    this.byValue.set(token.value, token);
    this.byId.set(token.token_id, token);
    return token;
  }

  revoke(tokenId: string): boolean {
    const token = this.byId.get(tokenId);
    if (!token) return false;
    this.byId.delete(tokenId);
    this.byValue.delete(token.value);
    return true;
  }

  byTokenId(tokenId: string): StoredToken | undefined {
    return this.byId.get(tokenId);
  }

  /** The token behind a PAT value, valid or not. */
  lookup(value: string): StoredToken | undefined {
    return this.byValue.get(value);
  }

  ofOwner(ownerId: string): StoredToken[] {
    return [...this.byId.values()].filter((t) => t.ownerId === ownerId);
  }

  all(): StoredToken[] {
    return [...this.byId.values()];
  }
}

export function publicInfo(t: TokenInfo): TokenInfo {
  return { token_id: t.token_id, creation_time: t.creation_time, expiry_time: t.expiry_time, comment: t.comment };
}

export function isExpired(t: TokenInfo, now = Date.now()): boolean {
  return t.expiry_time !== -1 && t.expiry_time <= now;
}
