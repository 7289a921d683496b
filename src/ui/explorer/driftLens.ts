// What the tree asks about drift, as plain data: the drift feature answers, the provider turns the
// answers into row state for each render, and the renderer stays the only place that builds
// TreeItems. No `vscode` import.
import { describeDrift } from '../../core/drift/report';
import type { GroupDrift } from '../../core/drift/types';
import type { PrincipalKind } from '../../core/scim/types';
import type { Disposable } from '../common/connection';
import { childKey, type ExplorerNode, type GhostFinding, type GroupNode, type MissingMemberNode } from './nodes';
import type { GroupDriftMark, RowState } from './rowState';

/** A principal Entra has in the group and Databricks does not (a ghost `missingMember` node). */
export interface AbsentMember {
  principalKind: PrincipalKind;
  /** userName, applicationId or group displayName. */
  principalKey: string;
  display: string;
  finding: GhostFinding;
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

/** The drift part of a row's state. */
export function driftStateOf(node: ExplorerNode, lens: DriftLens): RowState {
  if (node.kind === 'group') {
    const drift = lens.groupMark(node.host, node.id);
    if (drift) return { drift };
    const driftStatus = lens.groupStatus(node.host, node.id, node.displayName);
    return driftStatus ? { driftStatus } : {};
  }
  if (node.kind === 'workspace' || (node.kind === 'folder' && node.folder === 'groups')) {
    const driftRollup = lens.rollup(node.host);
    return driftRollup ? { driftRollup } : {};
  }
  if (node.kind === 'member' && lens.isExtra(node.host, node.groupId, node.id)) return { extra: true };
  return {};
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
