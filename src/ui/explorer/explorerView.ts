// What the rest of the UI may ask of the explorer view (implemented in explorer.ts).
import type * as vscode from 'vscode';
import type { BusyIndicator } from '../common/action';
import type { ExplorerNode, PrincipalNode } from './nodes';
import type { Invalidation } from './provider';

export interface ExplorerView extends BusyIndicator {
  /** Reloads `node`'s children (or everything); cached pages below it are dropped. */
  refresh(node?: ExplorerNode): void;
  /** Reloads every node of one workspace. */
  refreshWorkspace(host: string): void;
  /** Reloads every row that shows something a write changed, and folders whose count moved. */
  invalidate(host: string, changed: Invalidation): void;
  /** The TreeItem the view shows for `node` now (drift decorations and tests read it). */
  treeItem(node: ExplorerNode): vscode.TreeItem;
  /** Selects and shows a node, expanding its ancestors. */
  reveal(node: ExplorerNode, options?: { select?: boolean; focus?: boolean; expand?: boolean | number }): Promise<void>;
  /** The nodes currently shown as children of `node` (loaded on demand); tests and commands use it. */
  children(node?: ExplorerNode): Promise<ExplorerNode[]>;
  /**
   * Finds principal `id` (kind user / group / servicePrincipal) of workspace `host` under its
   * folder — among the pages already loaded, else fetched by id and added to the folder's list —
   * and reveals it (selected and focused unless `options` say otherwise). Returns the node, so a
   * command can go on to act on it (e.g. "go to group" from a member, search results).
   */
  revealPrincipal(
    host: string,
    kind: PrincipalNode['kind'],
    id: string,
    options?: { select?: boolean; focus?: boolean; expand?: boolean | number },
  ): Promise<PrincipalNode>;
}
