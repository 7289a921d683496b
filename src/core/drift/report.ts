// The CLI `--json` drift document of DESIGN.md §2, built from GroupDrift results. Kept here so the
// CLI and the extension's report emit the same contract; only the named fields leave (ids and the
// `ignored` list are working data, not part of the contract).

import type { DriftFinding, GroupDrift } from './types';

export interface DriftJson {
  groups: Array<{ databricksGroup: string | null; entraGroup: string; findings: DriftFinding[] }>;
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
      })),
    })),
  };
}

/** "3 missing · 2 extra": counts per kind in result order, for tree descriptions and summaries. */
export function describeFindings(findings: readonly DriftFinding[]): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${kind}`).join(' · ');
}
