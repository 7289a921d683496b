// The emulator's whole state: the principals (principals.ts) plus who the admin is and the
// personal access tokens. Tests reach it as `emu.state`; handlers use the same methods.

import { PrincipalState } from './principals';
import type { UserRecord } from './records';
import { isExpired, publicInfo, TokenStore, type StoredToken, type TokenInfo } from './tokenStore';

export {
  checkEntitlements,
  withMembers,
  type CreateGroupInput,
  type CreateServicePrincipalInput,
  type CreateUserInput,
} from './principals';

export interface IssueTokenInput {
  /** Owner; the seeded admin user when absent. */
  userName?: string;
  /** Absent: `defaultTokenLifetimeDays` (0 = never expires). */
  lifetimeSeconds?: number;
  comment?: string;
  scopes?: readonly string[];
  /** Exact expiry (epoch ms), e.g. in the past for an already expired token. */
  expiresAt?: number;
}

export class EmulatorState extends PrincipalState {
  private readonly tokenStore = new TokenStore(() => this.knobs().revokeUnusedTokenDays);
  private adminId = '';

  /** Deletes the principal (see PrincipalState) and, for a user, revokes its tokens. */
  override deletePrincipal(id: string): boolean {
    const wasUser = this.primary.users.has(id);
    if (!super.deletePrincipal(id)) return false;
    if (wasUser) for (const t of this.tokenStore.ofOwner(id)) this.tokenStore.revoke(t.token_id);
    return true;
  }

  /** The seeded admin user, owner of the admin token. */
  get adminUser(): UserRecord {
    const admin = this.primary.users.get(this.adminId);
    if (!admin) throw new Error('the admin user has been deleted');
    return admin;
  }

  /** Marks `userId` as the admin whose PAT `adminToken` is; called once by the seeder. */
  setAdmin(userId: string): void {
    this.adminId = userId;
  }

  issueToken(input: IssueTokenInput & { value?: string } = {}): { tokenValue: string; tokenId: string } {
    const owner = input.userName === undefined ? this.adminUser : this.findUser(input.userName);
    if (!owner) throw new Error(`no user ${input.userName ?? ''}`);
    const t = this.issueTokenFor(owner.id, input);
    return { tokenValue: t.value, tokenId: t.token_id };
  }

  issueTokenFor(ownerId: string, opts: Omit<IssueTokenInput, 'userName'> & { value?: string }): StoredToken {
    const { defaultTokenLifetimeDays: days, maxTokenLifetimeDays: maxDays } = this.knobs();
    if (opts.lifetimeSeconds === undefined && opts.expiresAt === undefined && days > 0) {
      return this.tokenStore.issue(ownerId, { ...opts, lifetimeSeconds: Math.min(days, maxDays) * 86_400 });
    }
    return this.tokenStore.issue(ownerId, opts);
  }

  /** Makes the token look unused for `days` more days (so a test can watch it being revoked). */
  ageToken(tokenId: string, days: number): boolean {
    return this.tokenStore.age(tokenId, days);
  }

  /** Epoch ms of the token's last authenticated request (its creation when never used). */
  tokenLastUsed(tokenId: string): number | undefined {
    return this.tokenStore.lastUsedAt(tokenId);
  }

  revokeToken(tokenId: string): boolean {
    return this.tokenStore.revoke(tokenId);
  }

  /** The owner of a PAT that is known, not expired, and whose owner still exists and is active. */
  tokenOwner(value: string): UserRecord | undefined {
    const t = this.tokenStore.lookup(value);
    if (!t || isExpired(t)) return undefined;
    const owner = this.primary.users.get(t.ownerId);
    return owner?.active ? owner : undefined;
  }

  /** tokenOwner for an incoming request: a valid token's use is recorded. */
  useToken(value: string): UserRecord | undefined {
    const owner = this.tokenOwner(value);
    const t = owner ? this.tokenStore.lookup(value) : undefined;
    if (t) this.tokenStore.touch(t.token_id);
    return owner;
  }

  tokenIsValid(value: string): boolean {
    return this.tokenOwner(value) !== undefined;
  }

  tokenById(tokenId: string): StoredToken | undefined {
    return this.tokenStore.byTokenId(tokenId);
  }

  tokensOf(ownerId: string): StoredToken[] {
    return this.tokenStore.ofOwner(ownerId);
  }

  /** Every token, with its owner: what an admin would see through token management. */
  get tokens(): (TokenInfo & { ownerId: string; ownerUserName: string })[] {
    return this.tokenStore.all().map((t) => ({
      ...publicInfo(t),
      ownerId: t.ownerId,
      ownerUserName: this.primary.users.get(t.ownerId)?.userName ?? '',
    }));
  }

  /** Whether the user is in `admins`, directly or through nesting. */
  isAdmin(userId: string): boolean {
    const admins = this.primary.groupByName('admins');
    if (!admins) return false;
    const stack = [userId];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const cur = stack.pop() as string;
      for (const p of this.primary.parentsOf(cur)) {
        if (p === admins.id) return true;
        if (!seen.has(p)) {
          seen.add(p);
          stack.push(p);
        }
      }
    }
    return false;
  }
}
