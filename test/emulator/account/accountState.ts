// The one account every workspace of an emulator process belongs to. Principals live in the shared
// EmulatorState (one directory, one source of truth: an account group's id and members are the same
// wherever it is seen); this class holds what the account adds on top of it — which principals each
// workspace sees (permission assignments), which workspace-local group belongs to which workspace,
// group-manager rule sets, Entra tokens, and the Entra identities Automatic Identity Management has
// not brought in yet.
//
// Who a workspace sees: a principal is "at home" in the workspace it was created in (everything the
// data set seeds, and everything created through workspace #1's SCIM or `emu.state`, is at home in
// workspace #1), or assigned to it directly, or — users, service principals and groups — a member,
// through nesting, of an account group that is. Principals created through the account API are at
// home nowhere until assigned.

import { randomBytes } from 'node:crypto';
import type { PrincipalRecord } from '../records';
import type { EmulatorState } from '../state';

export type Permission = 'USER' | 'ADMIN';

export interface GrantRule {
  role: string;
  principals: string[];
}

export interface RuleSet {
  etag: string;
  grantRules: GrantRule[];
}

/** Home value of principals that belong to no workspace (created at account level, or unassigned). */
const NOWHERE = '';

export class AccountState {
  /** Bumped whenever who-sees-what changes (assignments, homes, AIM); list caches key on it. */
  generation = 0;
  private readonly direct = new Map<string, Map<string, Permission>>();
  private readonly home = new Map<string, string>();
  private readonly entra = new Map<string, string>();
  private readonly ruleSets = new Map<string, RuleSet>();
  private readonly entraOnly = new Set<string>();
  private etagCounter = 0;

  constructor(
    readonly state: EmulatorState,
    readonly id: string,
    readonly workspaceIds: readonly string[],
  ) {
    for (const ws of workspaceIds) this.direct.set(ws, new Map());
  }

  get primaryWorkspaceId(): string {
    return this.workspaceIds[0] as string;
  }

  hasWorkspace(ws: string): boolean {
    return this.direct.has(ws);
  }

  // ---- homes and assignments ----------------------------------------------------------------

  homeOf(principalId: string): string {
    return this.home.get(principalId) ?? this.primaryWorkspaceId;
  }

  /** `ws` = the workspace the principal was created in; undefined = none (account level). */
  setHome(principalId: string, ws: string | undefined): void {
    if (ws === this.primaryWorkspaceId) this.home.delete(principalId);
    else this.home.set(principalId, ws ?? NOWHERE);
    this.generation++;
  }

  /** The direct assignment of a principal to a workspace; undefined permission removes it. */
  assign(ws: string, principalId: string, permission: Permission | undefined): void {
    const map = this.requireWorkspace(ws);
    if (permission) map.set(principalId, permission);
    else {
      map.delete(principalId);
      // An unassigned principal no longer belongs to the workspace it was created in either.
      if (this.homeOf(principalId) === ws) this.home.set(principalId, NOWHERE);
    }
    this.generation++;
  }

  /** What the workspace's permission-assignment list shows: direct assignments plus principals at home there. */
  assignmentsOf(ws: string): { principalId: string; permission: Permission }[] {
    const map = this.requireWorkspace(ws);
    const out = new Map<string, Permission>();
    const dir = this.state.directory;
    for (const m of [dir.users, dir.servicePrincipals, dir.groups] as const) {
      for (const rec of m.values()) {
        if (rec.kind === 'group' && !rec.accountGroup) continue;
        if (this.entraOnly.has(rec.id) || this.homeOf(rec.id) !== ws) continue;
        out.set(rec.id, ws === this.primaryWorkspaceId && this.state.isAdmin(rec.id) ? 'ADMIN' : 'USER');
      }
    }
    for (const [id, p] of map) if (dir.get(id)) out.set(id, out.get(id) === 'ADMIN' ? 'ADMIN' : p);
    return [...out].map(([principalId, permission]) => ({ principalId, permission }));
  }

  /** The strongest permission the principal has in the workspace: at home, direct, or through groups. */
  permissionIn(ws: string, principalId: string): Permission | undefined {
    const map = this.requireWorkspace(ws);
    const rec = this.state.getPrincipal(principalId);
    if (!rec || this.entraOnly.has(principalId)) return undefined;
    let best: Permission | undefined;
    const consider = (id: string, viaHome: boolean): void => {
      const p = map.get(id) ?? (viaHome && this.homeOf(id) === ws ? 'USER' : undefined);
      if (p === 'ADMIN' || (p === 'USER' && best === undefined)) best = p;
    };
    if (rec.kind === 'group' && !rec.accountGroup) return this.homeOf(principalId) === ws ? 'USER' : undefined;
    consider(principalId, true);
    for (const gid of this.ancestors(principalId)) {
      const g = this.state.directory.groups.get(gid);
      if (g?.accountGroup) consider(gid, true);
    }
    if (best && ws === this.primaryWorkspaceId && this.state.isAdmin(principalId)) best = 'ADMIN';
    return best;
  }

  /** Whether the workspace's SCIM shows the record. */
  visibleIn(ws: string, rec: PrincipalRecord): boolean {
    if (this.entraOnly.has(rec.id)) return false;
    const atHomeOrAssigned = (id: string): boolean => this.homeOf(id) === ws || this.requireWorkspace(ws).has(id);
    if (rec.kind === 'group' && !rec.accountGroup) return this.homeOf(rec.id) === ws;
    // Checked first without walking the nesting: listing 100,000 users must stay cheap.
    if (atHomeOrAssigned(rec.id)) return true;
    for (const gid of this.ancestors(rec.id)) {
      if (this.state.directory.groups.get(gid)?.accountGroup && atHomeOrAssigned(gid)) return true;
    }
    return false;
  }

  /** Whether account SCIM shows the record: account principals that are not Entra-only. */
  visibleInAccount(rec: PrincipalRecord): boolean {
    if (this.entraOnly.has(rec.id)) return false;
    return rec.kind !== 'group' || rec.accountGroup;
  }

  // ---- Automatic Identity Management -------------------------------------------------------

  /** Makes a principal an Entra identity the account has not used yet: absent until resolved. */
  markEntraOnly(principalId: string): void {
    this.entraOnly.add(principalId);
    this.setHome(principalId, undefined);
  }

  isEntraOnly(principalId: string): boolean {
    return this.entraOnly.has(principalId);
  }

  /** Brings an Entra-only identity into the account (what resolve-by-external-id does). */
  resolve(principalId: string): void {
    if (this.entraOnly.delete(principalId)) this.generation++;
  }

  // ---- Entra tokens ------------------------------------------------------------------------

  /** An opaque bearer standing for an Entra access token of the user. */
  issueEntraToken(userId: string): string {
    const token = `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.${randomBytes(24).toString('base64url')}`;
    this.entra.set(token, userId);
    return token;
  }

  entraTokenOwner(token: string): string | undefined {
    return this.entra.get(token);
  }

  // ---- rule sets ---------------------------------------------------------------------------

  ruleSet(name: string): RuleSet {
    let rs = this.ruleSets.get(name);
    if (!rs) this.ruleSets.set(name, (rs = { etag: this.nextEtag(), grantRules: [] }));
    return rs;
  }

  putRuleSet(name: string, grantRules: GrantRule[]): RuleSet {
    const rs = { etag: this.nextEtag(), grantRules };
    this.ruleSets.set(name, rs);
    return rs;
  }

  ruleSetName(groupId: string): string {
    return `accounts/${this.id}/groups/${groupId}/ruleSets/default`;
  }

  /** Groups and their ancestors the principal is in, through nesting. */
  ancestors(principalId: string): Set<string> {
    const seen = new Set<string>();
    const stack = [principalId];
    while (stack.length > 0) {
      for (const p of this.state.directory.parentsOf(stack.pop() as string)) {
        if (!seen.has(p)) {
          seen.add(p);
          stack.push(p);
        }
      }
    }
    return seen;
  }

  private nextEtag(): string {
    this.etagCounter++;
    return Buffer.from(`ruleset-v${this.etagCounter}-${randomBytes(6).toString('hex')}`).toString('base64');
  }

  private requireWorkspace(ws: string): Map<string, Permission> {
    const map = this.direct.get(ws);
    if (!map) throw new Error(`no workspace ${ws} in account ${this.id}`);
    return map;
  }
}
