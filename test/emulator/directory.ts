// The record store with its lookup indices. It knows nothing of HTTP or SCIM: two primitives
// (put, remove) change it, and every index — names, application ids, and the reverse
// member → parent-groups index that makes `groups` cheap to render — is kept in step inside them.
// Because only these two primitives exist, a second Directory can be brought to the same state by
// replaying the same calls, which is how the consistency-lag replica works (state.ts).

import type { GroupRecord, PrincipalRecord, ServicePrincipalRecord, UserRecord } from './records';

export type Change = { put: PrincipalRecord } | { remove: string };

export class Directory {
  /** Each map keeps insertion (= creation) order, which is the default list order. */
  readonly users = new Map<string, UserRecord>();
  readonly groups = new Map<string, GroupRecord>();
  readonly servicePrincipals = new Map<string, ServicePrincipalRecord>();
  /** Bumped by every change; list caches compare it to know when they are stale. */
  generation = 0;

  private readonly userIdByName = new Map<string, string>();
  private readonly spIdByAppId = new Map<string, string>();
  private readonly groupIdByName = new Map<string, string>();
  private readonly parentIds = new Map<string, Set<string>>();

  get(id: string): PrincipalRecord | undefined {
    return this.users.get(id) ?? this.groups.get(id) ?? this.servicePrincipals.get(id);
  }

  /** userName is stored lower-cased; callers decide whether to lower-case their key. */
  userByName(userName: string): UserRecord | undefined {
    const id = this.userIdByName.get(userName);
    return id === undefined ? undefined : this.users.get(id);
  }

  /** Application ids are GUIDs: compared without regard to case. */
  servicePrincipalByAppId(applicationId: string): ServicePrincipalRecord | undefined {
    const id = this.spIdByAppId.get(applicationId.toLowerCase());
    return id === undefined ? undefined : this.servicePrincipals.get(id);
  }

  groupByName(displayName: string): GroupRecord | undefined {
    const id = this.groupIdByName.get(displayName);
    return id === undefined ? undefined : this.groups.get(id);
  }

  /** Ids of the groups that list `id` as a direct member. */
  parentsOf(id: string): ReadonlySet<string> {
    return this.parentIds.get(id) ?? EMPTY;
  }

  apply(change: Change): void {
    if ('put' in change) this.put(change.put);
    else this.remove(change.remove);
  }

  put(rec: PrincipalRecord): void {
    const old = this.get(rec.id);
    if (old && old.kind !== rec.kind) throw new Error(`id ${rec.id} already holds a ${old.kind}`);
    this.unindexNames(old);
    switch (rec.kind) {
      case 'user':
        this.users.set(rec.id, rec);
        this.userIdByName.set(rec.userName, rec.id);
        break;
      case 'servicePrincipal':
        this.servicePrincipals.set(rec.id, rec);
        this.spIdByAppId.set(rec.applicationId.toLowerCase(), rec.id);
        break;
      case 'group':
        this.groups.set(rec.id, rec);
        this.groupIdByName.set(rec.displayName, rec.id);
        this.reindexMembers(rec.id, old?.kind === 'group' ? old.members : EMPTY, rec.members);
        break;
    }
    this.generation++;
  }

  /** Removes the record only; callers first take it out of its parents (state.ts does). */
  remove(id: string): void {
    const old = this.get(id);
    if (!old) return;
    this.unindexNames(old);
    if (old.kind === 'user') this.users.delete(id);
    else if (old.kind === 'servicePrincipal') this.servicePrincipals.delete(id);
    else {
      this.groups.delete(id);
      this.reindexMembers(id, old.members, EMPTY);
    }
    this.generation++;
  }

  /** An independent copy holding the same (immutable) records. */
  clone(): Directory {
    const copy = new Directory();
    for (const map of [this.users, this.servicePrincipals, this.groups] as const) {
      for (const rec of map.values()) copy.put(rec);
    }
    return copy;
  }

  private unindexNames(old: PrincipalRecord | undefined): void {
    if (!old) return;
    if (old.kind === 'user' && this.userIdByName.get(old.userName) === old.id) this.userIdByName.delete(old.userName);
    if (old.kind === 'servicePrincipal') {
      const key = old.applicationId.toLowerCase();
      if (this.spIdByAppId.get(key) === old.id) this.spIdByAppId.delete(key);
    }
    if (old.kind === 'group' && this.groupIdByName.get(old.displayName) === old.id) {
      this.groupIdByName.delete(old.displayName);
    }
  }

  private reindexMembers(groupId: string, before: ReadonlySet<string>, after: ReadonlySet<string>): void {
    if (before === after) return;
    for (const m of before) {
      if (!after.has(m)) {
        const parents = this.parentIds.get(m);
        parents?.delete(groupId);
        if (parents?.size === 0) this.parentIds.delete(m);
      }
    }
    for (const m of after) {
      if (before.has(m)) continue;
      let parents = this.parentIds.get(m);
      if (!parents) this.parentIds.set(m, (parents = new Set()));
      parents.add(groupId);
    }
  }
}

const EMPTY: ReadonlySet<string> = new Set();
