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

export class DriftStore implements vscode.Disposable {
  private readonly byHost = new Map<string, Map<string, StoredDrift>>();
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
  replaceHost(host: string, drifts: readonly GroupDrift[]): void {
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
    if (this.byHost.delete(host)) this.changed.fire({ host });
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
