// What a row shows beyond its node: facts learned when its children loaded, the busy label of a
// running action, drift from the last comparison, the token expiry. The provider assembles it for
// every render, so nodes stay as their loader made them and nothing is lost when one is redrawn.
import type { GroupSource } from '../../core/scim/types';

/** Learned about a node while loading its children (the full record, the member list). */
export interface Learned {
  /** Folder: totalResults. Group, or group member: number of direct members. */
  count?: number;
  entitlements?: readonly string[];
  active?: boolean;
  displayName?: string;
  source?: GroupSource;
  /** Account group: its managers as the rule set names them (`users/…`, `groups/…`). */
  managers?: readonly string[];
}

export interface GroupDriftMark {
  /** "3 missing · 2 extra". */
  summary: string;
  /** Number of findings (the badge). */
  count: number;
  /** Set when the comparison was incomplete: each Entra member not compared, "name: reason". */
  notCompared?: string[];
}

export interface RowState extends Learned {
  /** "Adding…" while an action on the row runs. */
  busy?: string;
  /** Group: the last comparison found differences or was incomplete. */
  drift?: GroupDriftMark;
  /** Group compared without findings: "in sync with Entra", or "no Entra group" and why. */
  driftStatus?: { text: string; why?: string };
  /** Workspace and Groups folder: "6 of 9 differ from Entra". */
  driftRollup?: string;
  /** Member: in Databricks only (an `extra` finding). */
  extra?: boolean;
  /** Workspace: "expires in 12 days". */
  tokenExpiry?: string;
}
