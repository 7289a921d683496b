// What the tree asks about drift, as plain data: the drift store (src/ui/drift) answers,
// the provider copies the answers onto nodes before rendering, and the renderer stays the only
// place that builds TreeItems. No `vscode` import.
import { describeDrift } from '../../core/drift/report';
import type { GroupDrift } from '../../core/drift/types';
import type { PrincipalKind } from '../../core/scim/types';
import type { Disposable } from '../common/connection';
import { childKey, type ExplorerNode, type GroupNode, type MissingMemberNode } from './nodes';

export interface GroupDriftMark {
  /** "3 missing · 2 extra". */
  summary: string;
  /** Number of findings (the badge). */
  count: number;
  /** Set when the comparison was incomplete: each Entra member not compared, "name: reason". */
  notCompared?: string[];
}

/** A principal Entra has in the group and Databricks does not (a ghost `missingMember` node). */
export interface AbsentMember {
  principalKind: PrincipalKind;
  /** userName, applicationId or group displayName. */
  principalKey: string;
  display: string;
  finding: 'missing' | 'notProvisioned' | 'nestedOnly';
  /** Nested Entra groups it arrives through. */
  via?: string[];
  /** Whether the Entra connector adds it on its own. */
  connectorWillFix: boolean;
}

export interface DriftLens {
  groupMark(host: string, groupId: string): GroupDriftMark | undefined;
  absentMembers(host: string, groupId: string): AbsentMember[];
  isExtra(host: string, groupId: string, memberId: string): boolean;
  /** A compared group without findings: "in sync with Entra", or "no Entra group" and why. */
  groupStatus(host: string, groupId: string, groupName: string): { text: string; why?: string } | undefined;
  /** "6 of 9 differ from Entra", for the Groups folder and the workspace row. */
  rollup(host: string): string | undefined;
  /** groupId undefined: every group of the host may have changed. */
  onDidChange(listener: (e: { host: string; groupId?: string }) => void): Disposable;
}

/** The mark of a compared group: its findings, and "incomplete" with the members not compared. */
export function groupMarkOf(drift: GroupDrift | undefined): GroupDriftMark | undefined {
  const summary = drift ? describeDrift(drift) : undefined;
  if (!drift || !summary) return undefined;
  return {
    summary,
    count: drift.findings.length,
    ...(drift.complete ? {} : { notCompared: drift.notCompared.map((n) => `${n.displayName}: ${n.reason}`) }),
  };
}

/** Drift state reaches nodes as data before they render (the renderer reads node fields only). */
export function annotateDrift(node: ExplorerNode, lens: DriftLens): void {
  if (node.kind === 'group') {
    const mark = lens.groupMark(node.host, node.id);
    if (mark) node.drift = mark;
    else delete node.drift;
    const status = mark ? undefined : lens.groupStatus(node.host, node.id, node.displayName);
    if (status) node.driftStatus = status;
    else delete node.driftStatus;
  } else if (node.kind === 'workspace' || (node.kind === 'folder' && node.folder === 'groups')) {
    const rollup = lens.rollup(node.host);
    if (rollup) node.driftRollup = rollup;
    else delete node.driftRollup;
  } else if (node.kind === 'member') {
    if (lens.isExtra(node.host, node.groupId, node.id)) node.extra = true;
    else delete node.extra;
  }
}

/** The ghost rows of a group: members Entra has and the group lacks. */
export function ghostMembers(group: GroupNode, lens: DriftLens): MissingMemberNode[] {
  return lens.absentMembers(group.host, group.id).map((a) => ({
    kind: 'missingMember',
    key: childKey(group, `missing:${a.principalKind}:${a.principalKey}`),
    host: group.host,
    parent: group,
    groupId: group.id,
    principalKind: a.principalKind,
    principalKey: a.principalKey,
    display: a.display,
    finding: a.finding,
    connectorWillFix: a.connectorWillFix,
    ...(a.via ? { via: a.via } : {}),
  }));
}
