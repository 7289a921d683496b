// The drift and reconcile settings (DESIGN.md §2), read fresh on every use so a change applies to
// the next comparison without a reload. None of them is a secret: Graph tokens never live here.
import * as vscode from 'vscode';
import { DEFAULT_GRAPH_ENDPOINT } from '../../core/graph/scope';
import { DEFAULT_MASS_CHANGE_THRESHOLD } from '../../core/drift/plan';
import type { UserKey } from '../../core/drift/types';

export interface DriftSettings {
  graphEndpoint: string;
  /** Client id for VS Code's Microsoft sign-in (an app registration with Graph consent); optional. */
  graphClientId: string | undefined;
  tenantId: string | undefined;
  userKey: UserKey;
  transitive: boolean;
  groupMappings: Record<string, string>;
  /** 0 = no scheduled comparison. */
  scheduleMinutes: number;
  allowRemovals: boolean;
  massChangeThreshold: number;
}

export function readDriftSettings(): DriftSettings {
  const c = vscode.workspace.getConfiguration('dbxScim');
  const text = (key: string): string | undefined => c.get<string>(key)?.trim() || undefined;
  const userKey = c.get<string>('drift.userKey');
  const threshold = c.get<number>('reconcile.massChangeThreshold');
  const minutes = c.get<number>('drift.scheduleMinutes');
  return {
    graphEndpoint: text('entra.graphEndpoint') ?? DEFAULT_GRAPH_ENDPOINT,
    graphClientId: text('entra.graphClientId'),
    tenantId: text('entra.tenantId'),
    userKey: userKey === 'mail' ? 'mail' : 'userPrincipalName',
    transitive: c.get<boolean>('drift.transitive') ?? true,
    groupMappings: stringRecord(c.get<unknown>('drift.groupMappings')),
    scheduleMinutes: typeof minutes === 'number' && Number.isFinite(minutes) && minutes > 0 ? minutes : 0,
    allowRemovals: c.get<boolean>('reconcile.allowRemovals') === true,
    massChangeThreshold: typeof threshold === 'number' && Number.isFinite(threshold) && threshold >= 0 ? threshold : DEFAULT_MASS_CHANGE_THRESHOLD,
  };
}

/** Only string → string entries survive: a hand-edited setting must not break a comparison. */
function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string' && k.trim() && v.trim()) out[k.trim()] = v.trim();
  return out;
}
