// What a row looks like, as plain strings: one presenter per node kind (rows.ts) returns the label,
// description, codicon id, contextValue flags, Markdown tooltip and whether it expands. No `vscode`
// import, so it can be checked without an extension host; renderer.ts turns the strings into a
// TreeItem.
//
// contextValue scheme (menus in package.json match it with regexes — see README.md):
//   "<kind>;<flag>;<flag>…"  — the kind first, then flags in alphabetical order, e.g.
//   `workspace;pat`, `folder;groups`, `user;principal`, `group;principal;workspaceGroup`,
//   `member;inWorkspaceGroup;user`, `entitlement;user`, `error;auth`, `loadMore`.
import type { ExplorerNode } from './nodes';
import type { RowState } from './rowState';
import { PRESENTERS, type Presenter, type RowParts } from './rows';

export type { RowParts } from './rows';
export { FOLDER_LABELS, folderNoun } from './rows';

export function present(node: ExplorerNode, state: RowState = {}): RowParts {
  return (PRESENTERS[node.kind] as Presenter<ExplorerNode>)(node, state);
}

export function labelOf(node: ExplorerNode, state?: RowState): string {
  return present(node, state).label;
}

export function descriptionOf(node: ExplorerNode, state?: RowState): string | undefined {
  const parts = present(node, state);
  return state?.busy ?? parts.description;
}

/** Codicon ids (https://code.visualstudio.com/api/references/icons-in-labels). */
export function iconIdOf(node: ExplorerNode, state?: RowState): string | undefined {
  return present(node, state).icon;
}

export function contextValueOf(node: ExplorerNode, busy = false, state?: RowState): string {
  const flags = [...present(node, state).flags];
  if (busy || state?.busy !== undefined) flags.push('busy');
  return [node.kind, ...flags.sort()].join(';');
}

/** Markdown source of the tooltip; values are escaped because names come from the server. */
export function tooltipMarkdown(node: ExplorerNode, state?: RowState): string | undefined {
  return present(node, state).tooltip;
}
