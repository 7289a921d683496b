// Personal access tokens as the Token API describes them: "dapi" + 32 hex digits, a 64-hex
// token_id, epoch-millisecond times, expiry_time -1 for "never", optional scopes. Values come from
// node:crypto, not the seeded PRNG: a predictable PAT would be a bad habit even in a test server.
// The store also remembers when each token was last used, because workspaces revoke tokens left
// unused for long (`revokeUnusedTokenDays`).

import { randomBytes } from 'node:crypto';

/** PublicTokenInfo of the Token API. */
export interface TokenInfo {
  readonly token_id: string;
  readonly creation_time: number;
  /** Epoch ms, or -1 when the token never expires. */
  readonly expiry_time: number;
  readonly comment: string;
  /** API scopes the token is limited to; absent for a token that may call every API. */
  readonly scopes?: readonly string[];
}

export interface StoredToken extends TokenInfo {
  readonly value: string;
  readonly ownerId: string;
}

export interface IssueOptions {
  lifetimeSeconds?: number;
  comment?: string;
  scopes?: readonly string[];
  /** Exact expiry (epoch ms) for test setup, e.g. a token that has already expired. */
  expiresAt?: number;
  /** Use this PAT value instead of a random one (the admin token given to startEmulator). */
  value?: string;
}

export function newPatValue(): string {
  return `dapi${randomBytes(16).toString('hex')}`;
}

const DAY_MS = 86_400_000;

export class TokenStore {
  private readonly byValue = new Map<string, StoredToken>();
  private readonly byId = new Map<string, StoredToken>();
  private readonly lastUsed = new Map<string, number>();

  /** `maxIdleDays` 0 = tokens are never revoked for lack of use. */
  constructor(private readonly maxIdleDays: () => number = () => 0) {}

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
      ...(opts.scopes !== undefined && opts.scopes.length > 0 ? { scopes: Object.freeze([...opts.scopes]) } : {}),
      value: opts.value ?? newPatValue(),
      ownerId,
    };
    this.byValue.set(token.value, token);
    this.byId.set(token.token_id, token);
    this.lastUsed.set(token.token_id, now);
    return token;
  }

  revoke(tokenId: string): boolean {
    const token = this.byId.get(tokenId);
    if (!token) return false;
    this.byId.delete(tokenId);
    this.byValue.delete(token.value);
    this.lastUsed.delete(tokenId);
    return true;
  }

  byTokenId(tokenId: string): StoredToken | undefined {
    this.sweep();
    return this.byId.get(tokenId);
  }

  /** The token behind a PAT value, valid or not. */
  lookup(value: string): StoredToken | undefined {
    this.sweep();
    return this.byValue.get(value);
  }

  ofOwner(ownerId: string): StoredToken[] {
    this.sweep();
    return [...this.byId.values()].filter((t) => t.ownerId === ownerId);
  }

  all(): StoredToken[] {
    this.sweep();
    return [...this.byId.values()];
  }

  /** Records a use of the token (an authenticated request). */
  touch(tokenId: string, now = Date.now()): void {
    if (this.byId.has(tokenId)) this.lastUsed.set(tokenId, now);
  }

  lastUsedAt(tokenId: string): number | undefined {
    return this.lastUsed.get(tokenId);
  }

  /** Moves the token's last use `days` into the past, as if it had lain unused that long. */
  age(tokenId: string, days: number): boolean {
    const last = this.lastUsed.get(tokenId);
    if (last === undefined) return false;
    this.lastUsed.set(tokenId, last - days * DAY_MS);
    return true;
  }

  /** Revokes every token unused for longer than the idle limit. */
  private sweep(now = Date.now()): void {
    const days = this.maxIdleDays();
    if (days <= 0) return;
    const cutoff = now - days * DAY_MS;
    for (const [tokenId, last] of this.lastUsed) if (last < cutoff) this.revoke(tokenId);
  }
}

export function publicInfo(t: TokenInfo): TokenInfo {
  return {
    token_id: t.token_id,
    creation_time: t.creation_time,
    expiry_time: t.expiry_time,
    comment: t.comment,
    ...(t.scopes ? { scopes: [...t.scopes] } : {}),
  };
}

export function isExpired(t: TokenInfo, now = Date.now()): boolean {
  return t.expiry_time !== -1 && t.expiry_time <= now;
}
