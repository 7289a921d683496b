// computeDrift: one Databricks group against the Entra group it mirrors → findings.
// Pure: no I/O, no clock, deterministic order. The rules that are decisions rather than facts
// are explained in README.md; connector.ts holds the connectorWillFix table.

import { connectorWillFix } from './connector';
import { reachesOf, shortest } from './entraReaches';
import { compareText, isRenamed, sameId } from './matchGroups';
import { notComparedOf } from './notCompared';
import { Resolver, databricksKeyOf, directoryIndexOf, groupIndexOf } from './principalIndex';
import {
  FINDING_KINDS,
  refKey,
  type DriftFinding,
  type DriftInput,
  type EntraMember,
  type FindingKind,
  type GroupDrift,
  type NotComparedMember,
  type UserKey,
} from './types';

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
  const accountGroup = dbx.source === 'account';
  const notYetUsed = accountGroup && input.options?.automaticIdentityManagement === true;
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
        connectorWillFix: connectorWillFix(kind, {
          principalType: m.type,
          nestedOnly,
          upperCaseKey,
          groupLinked,
          accountGroup,
        }),
      };
      if (via) f.via = via;
      if (notYetUsed && kind === 'notProvisioned' && m.type === 'group') f.notYetUsed = true;
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

function entraKeyOf(m: EntraMember, userKey: UserKey): string | undefined {
  const raw = m.type === 'user' ? m[userKey] : m.type === 'servicePrincipal' ? m.appId : (m.displayName ?? m.id);
  const value = raw?.trim();
  return value ? value : undefined;
}
