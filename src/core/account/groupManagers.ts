// Group managers of an account group: the `roles/group.manager` grant rule in the group's rule set
// (`accounts/{account}/groups/{group}/ruleSets/default`), changed by read-modify-write with the
// rule set's etag. A write that loses a race (stale etag) is redone once on a fresh read.

import { DatabricksError } from '../databricks/errors';
import { isRecord, parseJson, readRecords, readString } from '../http/json';
import type { AccountConnection } from './connection';

export const GROUP_MANAGER_ROLE = 'roles/group.manager';

export interface GrantRule {
  role: string;
  principals: string[];
}

export interface RuleSet {
  name: string;
  etag: string;
  grantRules: GrantRule[];
}

/** How a rule set names a principal: `users/<userName>`, `servicePrincipals/<appId>`, `groups/<displayName>`. */
export type ManagerPrincipal =
  | { kind: 'user'; userName: string }
  | { kind: 'servicePrincipal'; applicationId: string }
  | { kind: 'group'; displayName: string };

export function managerPrincipalName(p: ManagerPrincipal): string {
  switch (p.kind) {
    case 'user':
      return `users/${p.userName.trim().toLowerCase()}`;
    case 'servicePrincipal':
      return `servicePrincipals/${p.applicationId.trim()}`;
    case 'group':
      return `groups/${p.displayName}`;
  }
}

function parseRuleSet(raw: unknown): RuleSet | undefined {
  if (!isRecord(raw)) return undefined;
  const name = readString(raw, 'name');
  const etag = readString(raw, 'etag');
  if (name === undefined || etag === undefined) return undefined;
  const grantRules = (readRecords(raw, 'grant_rules') ?? []).flatMap((r): GrantRule[] => {
    const role = readString(r, 'role');
    if (role === undefined) return [];
    const principals = Array.isArray(r['principals'])
      ? r['principals'].filter((p): p is string => typeof p === 'string')
      : [];
    return [{ role, principals }];
  });
  return { name, etag, grantRules };
}

/** A lost race: the etag sent is not the rule set's current one (409, or 400/412 naming the etag). */
function isStaleEtag(err: unknown): boolean {
  return (
    err instanceof DatabricksError &&
    (err.status === 409 || err.status === 412 || (err.status === 400 && /etag/i.test(err.detail)))
  );
}

export class GroupManagers {
  constructor(private readonly conn: AccountConnection) {}

  ruleSetName(groupId: string): string {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(groupId)) throw new Error('A group id must be a plain id');
    return `accounts/${this.conn.accountId}/groups/${groupId}/ruleSets/default`;
  }

  private get base(): string {
    return `${this.conn.host}/api/2.0/preview/accounts/${encodeURIComponent(this.conn.accountId)}/access-control`;
  }

  /** The group's rule set; an empty etag asks for the latest version. */
  get(groupId: string, opts: { signal?: AbortSignal; etag?: string } = {}): Promise<RuleSet> {
    const name = this.ruleSetName(groupId);
    // Counted with listings by the service.
    return this.ruleSetCall(groupId, 'GET', { query: { name, etag: opts.etag ?? '' }, listing: true }, opts);
  }

  /** Writes the whole rule set at `etag`; a stale etag fails (see update for the retrying form). */
  put(
    groupId: string,
    grantRules: readonly GrantRule[],
    etag: string,
    opts: { signal?: AbortSignal } = {},
  ): Promise<RuleSet> {
    const name = this.ruleSetName(groupId);
    const rules = grantRules.filter((r) => r.principals.length > 0);
    return this.ruleSetCall(groupId, 'PUT', { json: { name, rule_set: { name, etag, grant_rules: rules } } }, opts);
  }

  private async ruleSetCall(
    groupId: string,
    method: 'GET' | 'PUT',
    request: { query?: Record<string, string>; json?: unknown; listing?: boolean },
    opts: { signal?: AbortSignal },
  ): Promise<RuleSet> {
    const res = await this.conn.send(this.base, method, '/rule-sets', {
      ...request,
      signal: opts.signal,
      what: `the managers of group ${groupId}`,
    });
    const set = parseRuleSet(parseJson(res.bodyText));
    if (!set) throw this.conn.shapeError(method, '/rule-sets', 'the answer is not a rule set');
    return set;
  }

  /** Read, change, write; on a stale etag read and apply the change once more. */
  async update(
    groupId: string,
    change: (rules: GrantRule[]) => GrantRule[],
    opts: { signal?: AbortSignal } = {},
  ): Promise<RuleSet> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(groupId, opts);
      const next = change(current.grantRules.map((r) => ({ ...r, principals: [...r.principals] })));
      // Nothing to change (already a manager, or already not): no write, no etag race.
      if (JSON.stringify(next) === JSON.stringify(current.grantRules)) return current;
      try {
        return await this.put(groupId, next, current.etag, opts);
      } catch (err) {
        if (attempt >= 2 || !isStaleEtag(err)) throw err;
      }
    }
  }

  /** Principal names holding the group manager role. */
  async managers(groupId: string, opts: { signal?: AbortSignal } = {}): Promise<string[]> {
    const set = await this.get(groupId, opts);
    return set.grantRules.filter((r) => r.role === GROUP_MANAGER_ROLE).flatMap((r) => r.principals);
  }

  addManager(groupId: string, who: ManagerPrincipal, opts: { signal?: AbortSignal } = {}): Promise<RuleSet> {
    const name = managerPrincipalName(who);
    return this.update(groupId, (rules) => withManagers(rules, (ps) => (ps.includes(name) ? ps : [...ps, name])), opts);
  }

  removeManager(groupId: string, who: ManagerPrincipal, opts: { signal?: AbortSignal } = {}): Promise<RuleSet> {
    const name = managerPrincipalName(who);
    return this.update(groupId, (rules) => withManagers(rules, (ps) => ps.filter((p) => p !== name)), opts);
  }
}

/** The rules with the manager rule's principals changed (the rule is added when missing). */
function withManagers(rules: GrantRule[], change: (principals: string[]) => string[]): GrantRule[] {
  const others = rules.filter((r) => r.role !== GROUP_MANAGER_ROLE);
  const principals = change(rules.filter((r) => r.role === GROUP_MANAGER_ROLE).flatMap((r) => r.principals));
  return principals.length > 0 ? [...others, { role: GROUP_MANAGER_ROLE, principals }] : others;
}
