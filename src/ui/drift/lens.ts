// The tree's view of the DriftStore (src/ui/explorer/driftLens.ts): marks, ghost members, extras.
import { groupMarkOf, type AbsentMember, type DriftLens } from '../explorer/driftLens';
import { ABSENT_KINDS, type DriftStore } from './driftStore';

export function driftLensOf(store: DriftStore): DriftLens {
  return {
    groupMark: (host, groupId) => groupMarkOf(store.get(host, groupId)?.drift),
    absentMembers(host, groupId) {
      const out: AbsentMember[] = [];
      for (const f of store.findings(host, groupId)) {
        if (!ABSENT_KINDS.has(f.kind)) continue;
        const finding = f.kind as AbsentMember['finding'];
        out.push({
          principalKind: f.principalType,
          principalKey: f.key,
          display: f.displayName,
          finding,
          connectorWillFix: f.connectorWillFix,
          ...(f.via ? { via: f.via } : {}),
        });
      }
      return out;
    },
    isExtra: (host, groupId, memberId) => store.isExtra(host, groupId, memberId),
    groupStatus: (host, groupId, groupName) => store.status(host, groupId, groupName),
    rollup: (host) => store.rollup(host),
    onDidChange: (listener) => store.onDidChange(listener),
  };
}
