// What a row presenter returns, and the small wording helpers the presenters share.
import { escapeMarkdown, markdownCode } from '../../core/text/markdown';
import type { ExplorerNode, FolderKind } from './nodes';
import type { RowState } from './rowState';

export interface RowParts {
  label: string;
  description?: string;
  /** Codicon id. */
  icon?: string;
  /** 'warning' for errors, 'disabled' for inactive principals. */
  iconColor?: 'warning' | 'disabled';
  /** contextValue flags after the kind (sorted when joined). */
  flags: string[];
  /** Markdown source. */
  tooltip?: string;
  expands: 'no' | 'collapsed' | 'expanded';
}

export type Presenter<N extends ExplorerNode> = (node: N, state: RowState) => RowParts;

export const FOLDER_LABELS: Record<FolderKind, string> = {
  users: 'Users',
  groups: 'Groups',
  servicePrincipals: 'Service Principals',
};

export const FOLDER_ICONS: Record<FolderKind, string> = {
  users: 'person',
  groups: 'organization',
  servicePrincipals: 'robot',
};

/** "**Title**" and one `Key: value` line per row that has a value. */
export function tooltip(title: string, rows: Array<[string, string | undefined]>): string {
  const lines = rows
    .filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '')
    .map(([k, v]) => `${k}: ${markdownCode(v)}`);
  return [`**${escapeMarkdown(title)}**`, ...lines].join('  \n');
}

export function join(...parts: Array<string | undefined>): string | undefined {
  const kept = parts.filter((p): p is string => !!p);
  return kept.length > 0 ? kept.join(' · ') : undefined;
}

export function memberCount(n: number | undefined): string | undefined {
  return n === undefined ? undefined : `${n} member${n === 1 ? '' : 's'}`;
}

export function membership(direct: boolean | undefined): string | undefined {
  return direct === false ? 'inherited' : undefined;
}

export function membershipText(direct: boolean | undefined): string | undefined {
  return direct === undefined ? undefined : direct ? 'direct' : 'inherited through a nested group';
}

/** `groupOf` marks a group listed among a principal's groups; `direct` / `inherited` say how. */
export function membershipFlags(direct: boolean | undefined): string[] {
  if (direct === undefined) return [];
  return ['groupOf', direct ? 'direct' : 'inherited'];
}

export function inactive(active: boolean | undefined): string | undefined {
  return active === false ? 'inactive' : undefined;
}

export function activeText(active: boolean | undefined): string | undefined {
  return active === undefined ? undefined : active ? 'yes' : 'no';
}

export function listText(values: readonly string[] | undefined): string | undefined {
  return values === undefined ? undefined : values.length > 0 ? values.join(', ') : 'none';
}

export function memberIcon(kind: string): string {
  return kind === 'user'
    ? 'account'
    : kind === 'group'
      ? 'organization'
      : kind === 'servicePrincipal'
        ? 'robot'
        : 'question';
}
