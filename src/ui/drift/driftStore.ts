// The latest comparison of each group, per workspace host and Databricks group id, and one event
// when any of it changes. Everything drift shows — tree badges and descriptions, ghost members,
// Problems entries, reports — reads from here, so they never disagree.
import * as vscode from 'vscode';
import { describeFindings } from '../../core/drift/report';
import type { DriftFinding, FindingKind, GroupDrift } from '../../core/drift/types';
import { refKey } from '../../core/drift/types';

export interface StoredDrift {
  host: string;
  /** Databricks group id; `entra:<object id>` for a groupMissing result (no Databricks group). */
  key: string;
  drift: GroupDrift;
  comparedAt: Date;
}

export interface DriftChange {
  host: string;
  /** The group whose result changed; undefined = everything of the host. */
  groupId?: string;
}

/** Kinds of a principal Entra has in the group and Databricks does not: shown as ghost members. */
export const ABSENT_KINDS: ReadonlySet<FindingKind> = new Set(['missing', 'notProvisioned', 'nestedOnly']);

/** After a comparison: how one group stands, in words for its row. */
export type GroupStatus = { kind: 'inSync'; text: string } | { kind: 'noMatch'; text: string; why: string };

export class DriftStore implements vscode.Disposable {
  private readonly byHost = new Map<string, Map<string, StoredDrift>>();
  /** Groups a whole-workspace comparison found no Entra group for: lower-cased name → why. */
  private readonly unmatched = new Map<string, Map<string, string>>();
  private readonly changed = new vscode.EventEmitter<DriftChange>();
  readonly onDidChange = this.changed.event;

  set(host: string, drift: GroupDrift): StoredDrift {
    const key = drift.databricksGroup?.id ?? `entra:${drift.entraGroup.id}`;
    const entry: StoredDrift = { host, key, drift, comparedAt: new Date() };
    this.hostMap(host).set(key, entry);
    this.changed.fire({ host, groupId: key });
    return entry;
  }

  /** Forget one group (it has no Entra counterpart any more) without firing for the whole host. */
  delete(host: string, groupId: string): void {
    if (this.byHost.get(host)?.delete(groupId)) this.changed.fire({ host, groupId });
  }

  /** A whole-workspace comparison replaces everything known about the host. */
  replaceHost(
    host: string,
    drifts: readonly GroupDrift[],
    unmatched: readonly { name: string; message: string }[] = [],
  ): void {
    this.unmatched.set(host, new Map(unmatched.map((u) => [u.name.toLowerCase(), u.message])));
    const map = new Map<string, StoredDrift>();
    const now = new Date();
    for (const drift of drifts) {
      const key = drift.databricksGroup?.id ?? `entra:${drift.entraGroup.id}`;
      map.set(key, { host, key, drift, comparedAt: now });
    }
    this.byHost.set(host, map);
    this.changed.fire({ host });
  }

  clearHost(host: string): void {
    this.unmatched.delete(host);
    if (this.byHost.delete(host)) this.changed.fire({ host });
  }

  /** "in sync" or "no Entra group" for a group without findings; undefined when not compared. */
  status(host: string, groupId: string, groupName: string): GroupStatus | undefined {
    const drift = this.get(host, groupId)?.drift;
    if (drift)
      return drift.findings.length === 0 && drift.complete ? { kind: 'inSync', text: 'in sync with Entra' } : undefined;
    // After a whole-workspace comparison, a group without a result had no Entra group to compare with.
    const unmatched = this.unmatched.get(host);
    if (unmatched === undefined) return undefined;
    const why =
      unmatched.get(groupName.toLowerCase()) ?? 'no group mapping, no externalId and no Entra group of the same name';
    return { kind: 'noMatch', text: 'no Entra group', why };
  }

  /** "6 of 9 differ from Entra" for the Groups folder and the workspace; undefined before a comparison. */
  rollup(host: string): string | undefined {
    const entries = [...(this.byHost.get(host)?.values() ?? [])].filter((e) => e.drift.databricksGroup);
    if (entries.length === 0 && !this.unmatched.has(host)) return undefined;
    const differ = entries.filter((e) => e.drift.findings.length > 0 || !e.drift.complete).length;
    if (differ > 0) return `${differ} of ${entries.length} ${differ === 1 ? 'differs' : 'differ'} from Entra`;
    return entries.length === 1
      ? 'the compared group is in sync with Entra'
      : `all ${entries.length} compared in sync with Entra`;
  }

  get(host: string, groupId: string): StoredDrift | undefined {
    return this.byHost.get(host)?.get(groupId);
  }

  forHost(host: string): StoredDrift[] {
    return [...(this.byHost.get(host)?.values() ?? [])].sort((a, b) => groupName(a).localeCompare(groupName(b)));
  }

  hosts(): string[] {
    return [...this.byHost.keys()];
  }

  /** Findings of a group, or [] when it was not compared or is in sync. */
  findings(host: string, groupId: string): DriftFinding[] {
    return this.get(host, groupId)?.drift.findings ?? [];
  }

  /** Whether Databricks member `memberId` of the group is an `extra` finding. */
  isExtra(host: string, groupId: string, memberId: string): boolean {
    const drift = this.get(host, groupId)?.drift;
    if (!drift) return false;
    return drift.findings.some((f) => f.kind === 'extra' && drift.ids[refKey(f.principalType, f.key)] === memberId);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private hostMap(host: string): Map<string, StoredDrift> {
    let map = this.byHost.get(host);
    if (!map) {
      map = new Map();
      this.byHost.set(host, map);
    }
    return map;
  }
}

export function groupName(entry: StoredDrift): string {
  return entry.drift.databricksGroup?.displayName ?? entry.drift.entraGroup.displayName;
}

/** "3 missing · 2 extra", or undefined when the group is in sync. */
export function summaryOf(findings: readonly DriftFinding[]): string | undefined {
  return findings.length > 0 ? describeFindings(findings) : undefined;
}
