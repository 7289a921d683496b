// Users, groups and service principals, and the rules every change to them obeys (unique names,
// existing members, no nesting cycles, known entitlements). Tests call these methods to set up and
// to assert; the HTTP handlers call the same ones, so both paths enforce the same rules.

import { PrincipalCollection } from './collection';
import type { Change, Directory } from './directory';
import { scimError } from './errors';
import { levelsBelow, nestingProblem } from './membership';
import { IdGenerator } from './prng';
import {
  ENTITLEMENTS,
  displayOf,
  type GroupRecord,
  type PrincipalRecord,
  type ServicePrincipalRecord,
  type UserRecord,
} from './records';
import { ReplicatedDirectory } from './replica';
import type { Knobs } from './types';

export interface CreateUserInput {
  userName: string;
  displayName?: string;
  givenName?: string;
  familyName?: string;
  active?: boolean;
  emails?: string[];
  entitlements?: string[];
  roles?: string[];
  externalId?: string;
}

export interface CreateGroupInput {
  displayName: string;
  externalId?: string;
  /** Principal ids. */
  members?: string[];
  entitlements?: string[];
  roles?: string[];
  accountGroup?: boolean;
}

export interface CreateServicePrincipalInput {
  /** Generated (a GUID) when absent, as for a Databricks-managed service principal. */
  applicationId?: string;
  displayName: string;
  active?: boolean;
  entitlements?: string[];
  roles?: string[];
  externalId?: string;
}

export class PrincipalState {
  readonly ids: IdGenerator;
  private readonly store: ReplicatedDirectory;

  constructor(
    protected readonly knobs: () => Readonly<Knobs>,
    random: () => number,
  ) {
    this.ids = new IdGenerator(random);
    this.store = new ReplicatedDirectory(() => this.knobs().consistencyLagMs);
  }

  protected get primary(): Directory {
    return this.store.primary;
  }

  get users(): PrincipalCollection<UserRecord> {
    return new PrincipalCollection(this.primary.users);
  }
  get groups(): PrincipalCollection<GroupRecord> {
    return new PrincipalCollection(this.primary.groups);
  }
  get servicePrincipals(): PrincipalCollection<ServicePrincipalRecord> {
    return new PrincipalCollection(this.primary.servicePrincipals);
  }
  /** The up-to-date directory (what GET by id reads). */
  get directory(): Directory {
    return this.primary;
  }
  getPrincipal(id: string): PrincipalRecord | undefined {
    return this.primary.get(id);
  }
  findUser(userName: string): UserRecord | undefined {
    return this.primary.userByName(userName.toLowerCase());
  }
  findGroup(displayName: string): GroupRecord | undefined {
    return this.primary.groupByName(displayName);
  }
  findServicePrincipal(applicationId: string): ServicePrincipalRecord | undefined {
    return this.primary.servicePrincipalByAppId(applicationId);
  }

  /** What lists read: the replica, caught up to `now - consistencyLagMs`. */
  listView(now = Date.now()): Directory {
    return this.store.listView(now);
  }

  /** Called when knobs change: start or stop keeping a lagging replica. */
  syncConsistencyMode(): void {
    this.store.syncMode();
  }

  // ---- writes -----------------------------------------------------------------------------

  /** Applies changes now for GETs and, with a lag, later for lists. */
  commit(changes: readonly Change[]): void {
    this.store.commit(changes);
  }

  createUser(input: CreateUserInput): UserRecord {
    const userName = input.userName.trim().toLowerCase();
    if (!userName) throw scimError(400, 'Required attribute userName is missing.', 'invalidValue');
    if (this.primary.userByName(userName)) throw scimError(409, `User with username ${input.userName} already exists.`);
    const rec: UserRecord = {
      kind: 'user',
      id: this.ids.nextId(),
      userName,
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
      ...(input.givenName !== undefined ? { givenName: input.givenName } : {}),
      ...(input.familyName !== undefined ? { familyName: input.familyName } : {}),
      emails: input.emails ?? [userName],
      ...accessOf(input),
    };
    return this.put(rec);
  }

  createServicePrincipal(input: CreateServicePrincipalInput): ServicePrincipalRecord {
    const applicationId = input.applicationId ?? this.ids.nextGuid();
    if (this.primary.servicePrincipalByAppId(applicationId)) {
      throw scimError(409, `Service principal with application ID ${applicationId} already exists.`);
    }
    const rec: ServicePrincipalRecord = {
      kind: 'servicePrincipal',
      id: this.ids.nextId(),
      applicationId,
      displayName: input.displayName,
      ...accessOf(input),
    };
    return this.put(rec);
  }

  createGroup(input: CreateGroupInput): GroupRecord {
    if (!input.displayName) throw scimError(400, 'Required attribute displayName is missing.', 'invalidValue');
    if (this.primary.groupByName(input.displayName)) {
      throw scimError(409, `Group with name ${input.displayName} already exists.`);
    }
    const members = input.members ?? [];
    this.checkMembersExist(members);
    const entitlements = checkEntitlements(input.entitlements ?? []);
    // A brand-new group has no parents, so its group members cannot form a cycle; only depth matters.
    const maxDepth = this.knobs().maxNestingDepth;
    for (const m of members) {
      if (this.primary.groups.has(m) && 1 + levelsBelow(this.primary, m) > maxDepth) {
        throw scimError(
          400,
          `Cannot create group ${input.displayName}: groups can be nested at most ${maxDepth} levels deep.`,
          'invalidValue',
        );
      }
    }
    const rec: GroupRecord = {
      kind: 'group',
      id: this.ids.nextId(),
      displayName: input.displayName,
      ...(input.externalId !== undefined ? { externalId: input.externalId } : {}),
      members: new Set(members),
      entitlements,
      roles: distinct(input.roles),
      accountGroup: input.accountGroup ?? false,
      created: Date.now(),
    };
    return this.put(rec);
  }

  /** Removes the principal from every group it is in, then deletes it. */
  deletePrincipal(id: string): boolean {
    const rec = this.primary.get(id);
    if (!rec) return false;
    const changes: Change[] = [];
    for (const gid of this.primary.parentsOf(id)) {
      const group = this.primary.groups.get(gid);
      if (group)
        changes.push({
          put: withMembers(
            group,
            [...group.members].filter((m) => m !== id),
          ),
        });
    }
    changes.push({ remove: id });
    this.commit(changes);
    return true;
  }

  addMember(groupId: string, principalId: string): void {
    const group = this.requireGroup(groupId);
    if (group.members.has(principalId)) return;
    this.checkMembersExist([principalId]);
    this.checkNesting(groupId, [principalId]);
    this.commit([{ put: withMembers(group, [...group.members, principalId]) }]);
  }

  removeMember(groupId: string, principalId: string): void {
    const group = this.requireGroup(groupId);
    if (!group.members.has(principalId)) return;
    this.commit([
      {
        put: withMembers(
          group,
          [...group.members].filter((m) => m !== principalId),
        ),
      },
    ]);
  }

  setEntitlements(id: string, entitlements: string[]): void {
    const rec = this.primary.get(id);
    if (!rec) throw new Error(`no principal ${id}`);
    this.commit([{ put: { ...rec, entitlements: checkEntitlements(entitlements) } }]);
  }

  /**
   * Throws what a client gets when a member id does not exist: a 400 invalidValue, which a client
   * can tell from "group not found", or — `unknownMemberStatus` 404 — the answer it must also survive.
   */
  checkMembersExist(ids: Iterable<string>): void {
    const status = this.knobs().unknownMemberStatus;
    for (const m of ids) {
      if (this.primary.get(m)) continue;
      throw status === 404
        ? scimError(404, `Member with id ${m} does not exist.`)
        : scimError(400, `Member with id ${m} does not exist.`, 'invalidValue');
    }
  }

  /** Throws a SCIM 400 when adding group members to `groupId` would loop or nest too deep. */
  checkNesting(groupId: string, newMemberIds: Iterable<string>): void {
    for (const m of newMemberIds) {
      if (!this.primary.groups.has(m)) continue;
      const problem = nestingProblem(this.primary, groupId, m, this.knobs().maxNestingDepth);
      if (problem) throw scimError(400, problem, 'invalidValue');
    }
  }

  describe(id: string): string {
    const rec = this.primary.get(id);
    return rec ? `${rec.kind} ${displayOf(rec)}` : `unknown principal ${id}`;
  }

  private put<T extends PrincipalRecord>(rec: T): T {
    this.commit([{ put: rec }]);
    return rec;
  }

  private requireGroup(groupId: string): GroupRecord {
    const group = this.primary.groups.get(groupId);
    if (!group) throw scimError(404, 'Group not found.');
    return group;
  }
}

export function withMembers(group: GroupRecord, members: Iterable<string>): GroupRecord {
  return { ...group, members: new Set(members) };
}

/** Entitlement values Databricks knows; anything else is refused. */
export function checkEntitlements(values: readonly string[]): readonly string[] {
  if (values.length === 0) return NONE;
  for (const v of values) {
    if (!ENTITLEMENTS.has(v)) throw scimError(400, `Invalid entitlement value: ${v}.`, 'invalidValue');
  }
  return [...new Set(values)];
}

/**
 * What a new user and a new service principal get alike. Spread after the id is drawn: a create
 * refused for its entitlements uses up an id, and the ids of a seeded run depend on that.
 */
function accessOf(input: Pick<CreateServicePrincipalInput, 'active' | 'entitlements' | 'roles' | 'externalId'>) {
  return {
    active: input.active ?? true,
    entitlements: checkEntitlements(input.entitlements ?? []),
    roles: distinct(input.roles),
    ...(input.externalId !== undefined ? { externalId: input.externalId } : {}),
    created: Date.now(),
  };
}

/** Distinct values, sharing one frozen empty list (100,000 seeded users have no roles). */
function distinct(values: readonly string[] | undefined): readonly string[] {
  return values === undefined || values.length === 0 ? NONE : [...new Set(values)];
}

const NONE: readonly string[] = Object.freeze([]);
