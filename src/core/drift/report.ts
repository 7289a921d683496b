// The CLI `--json` drift document, built from GroupDrift results. Kept here so the CLI and the
// extension's report emit the same contract; only the named fields leave (ids are working data).

import { countLabel } from './labels';
import type { DriftFinding, FindingKind, GroupDrift, NotComparedMember } from './types';

export interface DriftJson {
  groups: Array<{
    databricksGroup: string | null;
    entraGroup: string;
    findings: DriftFinding[];
    complete: boolean;
    notCompared: NotComparedMember[];
  }>;
}

export function driftJson(drifts: readonly GroupDrift[]): DriftJson {
  return {
    groups: drifts.map((d) => ({
      databricksGroup: d.databricksGroup?.displayName ?? null,
      entraGroup: d.entraGroup.displayName,
      findings: d.findings.map((f) => ({
        kind: f.kind,
        principalType: f.principalType,
        key: f.key,
        displayName: f.displayName,
        ...(f.via ? { via: [...f.via] } : {}),
        connectorWillFix: f.connectorWillFix,
        ...(f.notYetUsed ? { notYetUsed: true } : {}),
      })),
      complete: d.complete,
      notCompared: d.notCompared.map((n) => ({ entraId: n.entraId, displayName: n.displayName, reason: n.reason })),
    })),
  };
}

/** "incomplete: 3 not compared" for a group whose Entra side could not be fully read; else undefined. */
export function describeIncomplete(drift: Pick<GroupDrift, 'complete' | 'notCompared'>): string | undefined {
  return drift.complete ? undefined : `incomplete: ${drift.notCompared.length} not compared`;
}

/** "2 not in Entra · incomplete: 3 not compared", or undefined when the group is in sync and complete. */
export function describeDrift(drift: Pick<GroupDrift, 'findings' | 'complete' | 'notCompared'>): string | undefined {
  const parts = [describeFindings(drift.findings), describeIncomplete(drift) ?? ''].filter((p) => p !== '');
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** "2 not in the workspace · 1 not in Entra": counts per kind in result order, in plain words. */
export function describeFindings(findings: readonly DriftFinding[]): string {
  const counts = new Map<FindingKind, number>();
  for (const f of findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => countLabel(kind, n)).join(' · ');
}
