// computeDrift: one Databricks group against the Entra group it mirrors → findings.
// Pure: no I/O, no clock, deterministic order. The rules that are decisions rather than facts
// are explained in README.md; connector.ts holds the connectorWillFix table.

import { connectorWillFix } from './connector';
import { compareText, findByName, isRenamed, sameId } from './matchGroups';
import { notComparedOf } from './notCompared';
import {
  FINDING_KINDS,
  refKey,
  type DatabricksDirectory,
  type DatabricksGroup,
  type DatabricksMember,
  type DriftFinding,
  type DriftInput,
  type EntraGroupRef,
  type EntraMember,
  type FindingKind,
  type GroupDrift,
  type NotComparedMember,
  type UserKey,
} from './types';
import type { PrincipalKind } from '../scim/types';

/** An Entra principal with every path by which it reaches the compared group. */
interface Reach {
  member: EntraMember;
  direct: boolean;
  /** Nested paths (each non-empty), outermost group first. */
  chains: EntraGroupRef[][];
}

/** A Databricks principal, as a group member or as a workspace directory entry. */
interface DbxPrincipal {
  id: string;
  key: string;
  displayName?: string;
}

export function computeDrift(input: DriftInput): GroupDrift {
  const userKey: UserKey = input.options?.userKey ?? 'userPrincipalName';
  const transitive = input.options?.transitive ?? true;
  const entraGroup = { id: input.entraGroup.id, displayName: input.entraGroup.displayName };
  const dbx = input.databricksGroup;
  if (!dbx) {
    const finding: DriftFinding = {
      kind: 'groupMissing',
      principalType: 'group',
      key: entraGroup.displayName,
      displayName: entraGroup.displayName,
      connectorWillFix: false,
    };
    return {
      databricksGroup: null,
      entraGroup,
      findings: [finding],
      complete: true,
      notCompared: [],
      entraEmpty: false,
      ids: {},
    };
  }
  if (input.entraGroupDeleted) {
    // Stale access: the Entra group this one mirrored is gone. Its members are not compared (there
    // is nothing to compare with), so the plan can never remove them on this finding.
    const finding: DriftFinding = {
      kind: 'groupMissing',
      principalType: 'group',
      key: dbx.displayName,
      displayName: dbx.displayName,
      connectorWillFix: false,
    };
    return {
      databricksGroup: { id: dbx.id, displayName: dbx.displayName },
      entraGroup,
      findings: [finding],
      complete: true,
      notCompared: [],
      entraEmpty: false,
      ids: { [refKey('group', dbx.displayName)]: dbx.id },
    };
  }

  // The connector sets the Entra object id as externalId on groups it provisions: without that
  // link there is no sign the Entra group is assigned to it at all.
  const groupLinked = sameId(dbx.externalId, entraGroup.id);
  const out = new FindingSink();
  if (isRenamed(dbx, entraGroup)) {
    out.add(
      {
        kind: 'renamed',
        principalType: 'group',
        key: dbx.displayName,
        displayName: entraGroup.displayName,
        connectorWillFix: false,
      },
      dbx.id,
    );
  }

  const inGroup = new Resolver(groupIndexOf(dbx));
  const inWorkspace = new Resolver(directoryIndexOf(input.directory));
  const matchedMembers = new Set<string>();
  const notCompared: NotComparedMember[] = [...(input.notRead ?? [])];

  for (const reach of reachesOf(input.entraMembers, transitive)) {
    const m = reach.member;
    const entraKey = entraKeyOf(m, userKey);
    if (entraKey === undefined) {
      notCompared.push(notComparedOf(m, userKey));
      continue;
    }
    const present = inGroup.find(m.type, entraKey, m);
    const existing = present ?? inWorkspace.find(m.type, entraKey, m);
    // A nameless group is matched by externalId alone; unmatched, it could be any Databricks group.
    if (m.type === 'group' && !m.displayName && !existing) {
      notCompared.push(notComparedOf(m, userKey));
      continue;
    }
    const name = m.displayName ?? existing?.displayName ?? entraKey;
    const upperCaseKey = m.type === 'user' && entraKey !== entraKey.toLowerCase();
    // Users and SPs are keyed in lower case as Databricks stores them; groups by the Databricks
    // name when the group exists there, else by the Entra name.
    const key = existing?.key ?? (m.type === 'group' ? entraKey : entraKey.toLowerCase());
    const finding = (kind: FindingKind, nestedOnly: boolean, via?: string[]): void => {
      const f: DriftFinding = {
        kind,
        principalType: m.type,
        key,
        displayName: name,
        connectorWillFix: connectorWillFix(kind, { principalType: m.type, nestedOnly, upperCaseKey, groupLinked }),
      };
      if (via) f.via = via;
      if (kind === 'caseMismatch') f.entraKey = entraKey;
      out.add(f, existing?.id);
    };

    // A case difference is reported where the member is compared: not for a member covered
    // through a nested Databricks group (that group's own comparison reports it).
    const caseCheck = (nestedOnly: boolean): void => {
      if (upperCaseKey && existing) finding('caseMismatch', nestedOnly);
    };
    if (present) {
      matchedMembers.add(present.id);
      caseCheck(!reach.direct);
      continue;
    }
    if (reach.direct) {
      caseCheck(false);
      finding(existing ? 'missing' : 'notProvisioned', false);
      continue;
    }
    // Reached only through nested groups. Covered when the Databricks group holds the outermost
    // nested group of some path: Databricks nesting then gives the same effective membership,
    // and that nested group's own drift is reported when it is compared.
    const uncovered = reach.chains.filter(
      (chain) => chain[0] !== undefined && !inGroup.find('group', chain[0].displayName, { id: chain[0].id }),
    );
    if (uncovered.length < reach.chains.length) continue;
    caseCheck(true);
    const via = shortest(uncovered).map((g) => g.displayName);
    finding(existing ? 'nestedOnly' : 'notProvisioned', true, via);
  }

  for (const member of dbx.members) {
    if (matchedMembers.has(member.id)) continue;
    const key = databricksKeyOf(member);
    out.add(
      {
        kind: 'extra',
        principalType: member.type,
        key,
        displayName: member.displayName ?? key,
        connectorWillFix: false,
      },
      member.id,
    );
  }

  return {
    databricksGroup: { id: dbx.id, displayName: dbx.displayName },
    entraGroup,
    findings: out.sorted(),
    complete: notCompared.length === 0,
    notCompared,
    entraEmpty: input.entraMembers.length === 0 && notCompared.length === 0,
    ids: out.ids,
  };
}

/** Findings without duplicates (two Entra objects with one mail, say), plus the ids they name. */
class FindingSink {
  readonly ids: Record<string, string> = {};
  private readonly byKey = new Map<string, DriftFinding>();

  add(f: DriftFinding, databricksId: string | undefined): void {
    const k = `${f.kind}|${refKey(f.principalType, f.key)}`;
    if (this.byKey.has(k)) return;
    this.byKey.set(k, f);
    if (databricksId !== undefined) this.ids[refKey(f.principalType, f.key)] = databricksId;
  }

  sorted(): DriftFinding[] {
    const rank = (k: FindingKind) => FINDING_KINDS.indexOf(k);
    return [...this.byKey.values()].sort(
      (a, b) =>
        rank(a.kind) - rank(b.kind) || compareText(a.key, b.key) || compareText(a.principalType, b.principalType),
    );
  }
}

/** Merges the per-path entries of one Entra object; without `transitive` only direct entries count. */
function reachesOf(members: readonly EntraMember[], transitive: boolean): Reach[] {
  const byId = new Map<string, Reach>();
  for (const m of members) {
    const chain = m.via ?? [];
    if (chain.length > 0 && !transitive) continue;
    const reach = byId.get(m.id) ?? { member: { id: m.id, type: m.type }, direct: false, chains: [] };
    // An entry from a call that lacked rights may carry only id and type: fill from any entry.
    reach.member = { ...m, ...definedOnly(reach.member), via: [] };
    if (chain.length === 0) reach.direct = true;
    else reach.chains.push([...chain]);
    byId.set(m.id, reach);
  }
  return [...byId.values()];
}

function definedOnly(m: EntraMember): Partial<EntraMember> {
  return Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) as Partial<EntraMember>;
}

function entraKeyOf(m: EntraMember, userKey: UserKey): string | undefined {
  const raw = m.type === 'user' ? m[userKey] : m.type === 'servicePrincipal' ? m.appId : (m.displayName ?? m.id);
  const value = raw?.trim();
  return value ? value : undefined;
}

function databricksKeyOf(m: DatabricksMember): string {
  if (m.type === 'user') return (m.userName ?? m.id).toLowerCase();
  if (m.type === 'servicePrincipal') return (m.applicationId ?? m.id).toLowerCase();
  return m.displayName ?? m.id;
}

/** Fewest hops first, then by names, so `via` is the same on every run. */
function shortest(chains: EntraGroupRef[][]): EntraGroupRef[] {
  const label = (c: EntraGroupRef[]) => c.map((g) => g.displayName).join('\u0000');
  return [...chains].sort((a, b) => a.length - b.length || compareText(label(a), label(b)))[0] ?? [];
}

interface PrincipalIndex {
  users: Map<string, DbxPrincipal>;
  servicePrincipals: Map<string, DbxPrincipal>;
  groups: Array<DbxPrincipal & { externalId?: string }>;
}

function groupIndexOf(group: DatabricksGroup): PrincipalIndex {
  const index: PrincipalIndex = { users: new Map(), servicePrincipals: new Map(), groups: [] };
  for (const m of group.members) {
    const p = { id: m.id, key: databricksKeyOf(m), ...(m.displayName ? { displayName: m.displayName } : {}) };
    if (m.type === 'user' && m.userName) index.users.set(p.key, p);
    else if (m.type === 'servicePrincipal' && m.applicationId) index.servicePrincipals.set(p.key, p);
    else if (m.type === 'group') index.groups.push({ ...p, ...(m.externalId ? { externalId: m.externalId } : {}) });
  }
  return index;
}

function directoryIndexOf(dir: DatabricksDirectory): PrincipalIndex {
  const index: PrincipalIndex = { users: new Map(), servicePrincipals: new Map(), groups: [] };
  for (const u of dir.users) {
    const key = u.userName.toLowerCase();
    index.users.set(key, { id: u.id, key, ...(u.displayName ? { displayName: u.displayName } : {}) });
  }
  for (const s of dir.servicePrincipals) {
    const key = s.applicationId.toLowerCase();
    index.servicePrincipals.set(key, { id: s.id, key, ...(s.displayName ? { displayName: s.displayName } : {}) });
  }
  for (const g of dir.groups)
    index.groups.push({
      id: g.id,
      key: g.displayName,
      displayName: g.displayName,
      ...(g.externalId ? { externalId: g.externalId } : {}),
    });
  return index;
}

/**
 * Users by userName ↔ the Entra key, case-insensitively; service principals by applicationId ↔
 * appId; groups by externalId = Entra object id, then by name among groups not linked to another
 * Entra object (the same rule as matchGroups).
 */
class Resolver {
  constructor(private readonly index: PrincipalIndex) {}

  find(type: PrincipalKind, entraKey: string, entra: { id: string }): DbxPrincipal | undefined {
    if (type === 'user') return this.index.users.get(entraKey.toLowerCase());
    if (type === 'servicePrincipal') return this.index.servicePrincipals.get(entraKey.toLowerCase());
    const linked = this.index.groups.find((g) => sameId(g.externalId, entra.id));
    if (linked) return linked;
    const hit = findByName(
      this.index.groups.filter((g) => g.externalId === undefined),
      entraKey,
      (g) => g.key,
    );
    return hit && 'item' in hit ? hit.item : undefined;
  }
}
