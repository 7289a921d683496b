// What the tree asks about drift, as plain data: the drift store (src/ui/drift) answers,
// the provider copies the answers onto nodes before rendering, and the renderer stays the only
// place that builds TreeItems. No `vscode` import.
import { describeDrift } from '../../core/drift/report';
import type { GroupDrift } from '../../core/drift/types';
import type { PrincipalKind } from '../../core/scim/types';
import type { Disposable } from '../workspaces/types';

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
  return { summary, count: drift.findings.length, ...(drift.complete ? {} : { notCompared: drift.notCompared.map((n) => `${n.displayName}: ${n.reason}`) }) };
}
