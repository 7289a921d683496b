// The Entra side of an org: users, groups, service principals and group membership, as plain
// mutable records keyed by object id. Membership is an ordered list of member ids per group, so
// listings page in a stable order; nesting may form cycles (tests build them on purpose) and every
// walk here is cycle-safe.

import { IdGenerator } from '../prng';

export interface EntraUser {
  readonly kind: 'user';
  readonly id: string;
  displayName: string;
  userPrincipalName: string;
  mail?: string;
  givenName?: string;
  surname?: string;
  accountEnabled: boolean;
}

export interface EntraGroup {
  readonly kind: 'group';
  readonly id: string;
  displayName: string;
  description?: string;
  securityEnabled: boolean;
  mailEnabled: boolean;
  onPremisesSyncEnabled?: boolean;
  /** Direct member ids in the order added. */
  readonly members: string[];
}

export interface EntraServicePrincipal {
  readonly kind: 'servicePrincipal';
  readonly id: string;
  displayName: string;
  appId: string;
  accountEnabled: boolean;
}

export type EntraObject = EntraUser | EntraGroup | EntraServicePrincipal;
export type EntraKind = EntraObject['kind'];

export interface NewEntraUser {
  userPrincipalName: string;
  displayName?: string;
  mail?: string;
  givenName?: string;
  surname?: string;
  accountEnabled?: boolean;
  id?: string;
}

export interface NewEntraGroup {
  displayName: string;
  id?: string;
  description?: string;
  onPremisesSyncEnabled?: boolean;
  /** Member object ids. */
  members?: readonly string[];
}

export interface NewEntraServicePrincipal {
  displayName: string;
  appId?: string;
  id?: string;
}

export class EntraDirectory {
  readonly users = new Map<string, EntraUser>();
  readonly groups = new Map<string, EntraGroup>();
  readonly servicePrincipals = new Map<string, EntraServicePrincipal>();
  private readonly ids: IdGenerator;
  /** Groups by lower-case displayName, so a name filter over thousands of groups is not a scan. */
  private readonly byName = new Map<string, EntraGroup[]>();

  constructor(random: () => number) {
    this.ids = new IdGenerator(random);
  }

  get(id: string): EntraObject | undefined {
    return this.users.get(id) ?? this.groups.get(id) ?? this.servicePrincipals.get(id);
  }

  addUser(input: NewEntraUser): EntraUser {
    const id = this.claim(input.id);
    const user: EntraUser = {
      kind: 'user',
      id,
      displayName: input.displayName ?? input.userPrincipalName,
      userPrincipalName: input.userPrincipalName,
      accountEnabled: input.accountEnabled ?? true,
    };
    if (input.mail !== undefined) user.mail = input.mail;
    if (input.givenName !== undefined) user.givenName = input.givenName;
    if (input.surname !== undefined) user.surname = input.surname;
    this.users.set(id, user);
    return user;
  }

  addGroup(input: NewEntraGroup): EntraGroup {
    const id = this.claim(input.id);
    const group: EntraGroup = {
      kind: 'group',
      id,
      displayName: input.displayName,
      securityEnabled: true,
      mailEnabled: false,
      members: [],
    };
    if (input.description !== undefined) group.description = input.description;
    if (input.onPremisesSyncEnabled !== undefined) group.onPremisesSyncEnabled = input.onPremisesSyncEnabled;
    this.groups.set(id, group);
    this.indexName(group);
    for (const m of input.members ?? []) this.addMember(id, m);
    return group;
  }

  /** Renames through here keep the name index right (do not assign displayName directly). */
  renameGroup(groupId: string, displayName: string): void {
    const group = this.groups.get(groupId);
    if (!group) throw new Error(`no Entra group ${groupId}`);
    const old = this.byName.get(group.displayName.toLowerCase()) ?? [];
    old.splice(old.indexOf(group), 1);
    group.displayName = displayName;
    this.indexName(group);
  }

  /** Groups whose displayName equals `name` ignoring case, in creation order. */
  groupsNamed(name: string): EntraGroup[] {
    return [...(this.byName.get(name.toLowerCase()) ?? [])];
  }

  private indexName(group: EntraGroup): void {
    const key = group.displayName.toLowerCase();
    const list = this.byName.get(key);
    if (list) list.push(group);
    else this.byName.set(key, [group]);
  }

  addServicePrincipal(input: NewEntraServicePrincipal): EntraServicePrincipal {
    const id = this.claim(input.id);
    const sp: EntraServicePrincipal = {
      kind: 'servicePrincipal',
      id,
      displayName: input.displayName,
      appId: input.appId ?? this.ids.nextGuid(),
      accountEnabled: true,
    };
    this.servicePrincipals.set(id, sp);
    return sp;
  }

  /** Idempotent; cycles are allowed (the emulator must not hide them from a client's cycle guard). */
  addMember(groupId: string, memberId: string): void {
    const group = this.groups.get(groupId);
    if (!group) throw new Error(`no Entra group ${groupId}`);
    if (!this.get(memberId)) throw new Error(`no Entra object ${memberId}`);
    if (!group.members.includes(memberId)) group.members.push(memberId);
  }

  removeMember(groupId: string, memberId: string): void {
    const group = this.groups.get(groupId);
    const i = group ? group.members.indexOf(memberId) : -1;
    if (group && i >= 0) group.members.splice(i, 1);
  }

  findGroup(displayName: string): EntraGroup | undefined {
    return this.byName.get(displayName.toLowerCase())?.[0];
  }

  findUser(userPrincipalName: string): EntraUser | undefined {
    const wanted = userPrincipalName.toLowerCase();
    for (const u of this.users.values()) if (u.userPrincipalName.toLowerCase() === wanted) return u;
    return undefined;
  }

  findServicePrincipal(displayName: string): EntraServicePrincipal | undefined {
    for (const sp of this.servicePrincipals.values()) if (sp.displayName === displayName) return sp;
    return undefined;
  }

  directMembers(groupId: string): EntraObject[] {
    return (this.groups.get(groupId)?.members ?? [])
      .map((id) => this.get(id))
      .filter((o): o is EntraObject => o !== undefined);
  }

  /** Everyone reached through nesting, each once, breadth first; the group itself is never its own member. */
  transitiveMembers(groupId: string): EntraObject[] {
    const out: EntraObject[] = [];
    const seen = new Set<string>([groupId]);
    const queue = [groupId];
    for (let i = 0; i < queue.length; i++) {
      for (const member of this.directMembers(queue[i] as string)) {
        if (seen.has(member.id)) continue;
        seen.add(member.id);
        out.push(member);
        if (member.kind === 'group') queue.push(member.id);
      }
    }
    return out;
  }

  private claim(id: string | undefined): string {
    const value = id ?? this.ids.nextGuid();
    if (this.get(value)) throw new Error(`Entra object id ${value} is already used`);
    this.ids.reserve(value);
    return value;
  }
}
