// The explorer's TreeDataProvider, kept thin: it dispatches on `kind` to the
// loaders, caches children per node key (never an error), holds the paged lists behind "Load
// more…", and fires onDidChangeTreeData for exactly the node that changed.
import * as vscode from 'vscode';
import type { Redactor } from '../../core/http/redact';
import { presentError } from '../common/action';
import type { Connections } from '../common/connection';
import {
  emptyFolderMessage,
  emptyNode,
  fetchPrincipalNode,
  folderPageFetcher,
  loadGroupMembers,
  loadPrincipalChildren,
  loadWorkspace,
  workspaceNode,
} from './loaders';
import { annotateDrift, ghostMembers, type DriftLens } from './driftLens';
import {
  childKey,
  type ErrorNode,
  type FolderKind,
  type ExplorerNode,
  type FolderNode,
  type LoadMoreNode,
  type NodeAction,
  type PrincipalNode,
  type WorkspaceNode,
} from './nodes';
import { PagedChildren } from './paging';
import { renderNode, LOAD_MORE_COMMAND } from './renderer';

const ROOT = '';

/** What a write changed in one workspace (ids of groups and principals, folders whose count moved). */
export interface Invalidation {
  groups?: readonly string[];
  principals?: readonly string[];
  folders?: readonly FolderKind[];
}

export class ExplorerProvider implements vscode.TreeDataProvider<ExplorerNode> {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  /** Children of nodes that are not paged, by parent key ('' = root). */
  private readonly cache = new Map<string, ExplorerNode[]>();
  private readonly paged = new Map<string, PagedChildren>();
  /**
   * Loads in flight, so VS Code and a command asking at once share one request. A refresh drops
   * the ticket, and a load whose ticket is gone does not cache what it brings back.
   */
  private readonly inflight = new Map<string, { promise?: Promise<ExplorerNode[]> }>();
  /** The node object VS Code was given for each key: events must carry that very object. */
  private readonly known = new Map<string, ExplorerNode>();
  private readonly busy = new Map<string, string>();

  private readonly driftEvents: { dispose(): void } | undefined;

  constructor(
    private readonly connections: Connections,
    private readonly redactor: Redactor,
    private readonly drift?: DriftLens,
  ) {
    this.driftEvents = drift?.onDidChange((e) => this.driftChanged(e.host, e.groupId));
  }

  dispose(): void {
    this.driftEvents?.dispose();
    this.changed.dispose();
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    if (this.drift) annotateDrift(node, this.drift);
    return renderNode(node, this.busy.get(node.key));
  }

  /** Ghost members first: what Entra has and this group lacks (from the last comparison). */
  private withAbsentMembers(node: ExplorerNode | undefined, children: ExplorerNode[]): ExplorerNode[] {
    if (!this.drift || node?.kind !== 'group') return children;
    const ghosts = ghostMembers(node, this.drift);
    if (ghosts.length === 0) return children;
    this.remember(ghosts);
    return [...ghosts, ...children.filter((c) => c.kind !== 'empty')];
  }

  /** Re-renders the rows of the group(s) whose comparison changed, and their ghost members. */
  private driftChanged(host: string, groupId: string | undefined): void {
    for (const node of this.known.values()) {
      if (node.host !== host) continue;
      const rolledUp = node.kind === 'workspace' || (node.kind === 'folder' && node.folder === 'groups');
      if (rolledUp || (node.kind === 'group' && (groupId === undefined || node.id === groupId)))
        this.changed.fire(node);
    }
  }

  /**
   * A write changed these things of one workspace: every row that shows one of them is reloaded,
   * wherever it is (a group under Groups and the same group nested in another, a user under Users
   * and among a group's members), and the folders whose counts changed.
   */
  invalidate(host: string, changed: Invalidation): void {
    const ids = new Set([...(changed.groups ?? []), ...(changed.principals ?? [])]);
    const folders = new Set(changed.folders ?? []);
    for (const node of [...this.known.values()]) {
      if (node.host !== host) continue;
      const hit =
        ((node.kind === 'group' ||
          node.kind === 'user' ||
          node.kind === 'servicePrincipal' ||
          node.kind === 'member') &&
          ids.has(node.id)) ||
        (node.kind === 'folder' && folders.has(node.folder));
      if (hit) this.refresh(node);
    }
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    return this.childrenOf(node).then((children) => this.withAbsentMembers(node, children));
  }

  private childrenOf(node?: ExplorerNode): Promise<ExplorerNode[]> {
    const key = node?.key ?? ROOT;
    const cached = this.cache.get(key) ?? this.paged.get(key)?.view();
    if (cached) return Promise.resolve(this.remember(cached));
    const running = this.inflight.get(key)?.promise;
    if (running) return running;
    const ticket: { promise?: Promise<ExplorerNode[]> } = {};
    this.inflight.set(key, ticket);
    const current = (): boolean => this.inflight.get(key) === ticket;
    ticket.promise = this.load(node, current).then((children) => {
      if (current()) this.inflight.delete(key);
      // No redraw of `node` here, although loading may have taught it a count: VS Code drops the
      // handles of every row below a redrawn row, and rows the user already sees would then reach
      // commands as nothing. Counts learnt here show in the tooltip and at the next refresh.
      return this.remember(children);
    });
    return ticket.promise;
  }

  private remember(children: ExplorerNode[]): ExplorerNode[] {
    for (const child of children) this.known.set(child.key, child);
    return children;
  }

  /** Drops what is cached at and below `node` (everything without one) and reloads it. */
  refresh(node?: ExplorerNode): void {
    if (!node) {
      this.cache.clear();
      this.paged.clear();
      this.inflight.clear();
      this.changed.fire(undefined);
      return;
    }
    const target = this.canonical(node);
    const wasLoaded = this.cache.has(target.key) || this.paged.has(target.key);
    this.forget(target.key);
    if (!wasLoaded) return this.changed.fire(target);
    // Shown with its children: load them first, so the one redraw carries the new count and
    // VS Code finds the children ready instead of rows that point at nothing while they load.
    void this.childrenOf(target).finally(() => this.changed.fire(target));
  }

  refreshWorkspace(host: string): void {
    const roots = this.cache.get(ROOT);
    const ws = roots?.find((n) => n.kind === 'workspace' && n.host === host);
    const config = this.connections.find(host);
    if (!ws || ws.kind !== 'workspace' || !config) return this.refresh();
    // Name or sign-in kind may be what changed; the node object itself must stay the same.
    ws.name = config.name || config.host;
    ws.auth = config.auth;
    this.refresh(ws);
  }

  /** The token expiry of `host` changed: only its workspace row (tooltip) is re-rendered. */
  tokenExpiryChanged(host: string): void {
    const ws = this.cache.get(ROOT)?.find((n) => n.kind === 'workspace' && n.host === host);
    if (ws?.kind !== 'workspace') return;
    this.applyExpiry(ws);
    this.changed.fire(ws);
  }

  private applyExpiry(ws: WorkspaceNode): void {
    const text = this.connections.tokenExpiry?.(ws.host)?.description;
    if (text) ws.tokenExpiry = text;
    else delete ws.tokenExpiry;
  }

  setBusy(node: ExplorerNode, label: string | undefined): void {
    if (label === undefined) this.busy.delete(node.key);
    else this.busy.set(node.key, label);
    this.changed.fire(this.canonical(node));
  }

  /** "Load more…": appends the next page to its parent's list and re-renders the parent. */
  async loadMore(node: LoadMoreNode): Promise<void> {
    const parent = node.parent;
    if (!parent) return;
    const list = this.paged.get(parent.key);
    if (!list) return this.refresh(parent);
    await list.loadNext((err, retry) =>
      this.errorNode(parent, err, { command: LOAD_MORE_COMMAND, title: 'Retry', args: [retry] }, 'more-error'),
    );
    this.changed.fire(this.canonical(parent));
  }

  /** The node VS Code knows for `node.key`; unknown nodes are returned as they are. */
  canonical<T extends ExplorerNode>(node: T): T {
    const known = this.known.get(node.key);
    return known && known.kind === node.kind ? (known as T) : node;
  }

  /**
   * The node of principal `id` in its folder: already paged in, or fetched and added to the
   * folder's list (so it can be revealed without paging through 100k users).
   */
  async locatePrincipal(host: string, kind: PrincipalNode['kind'], id: string): Promise<PrincipalNode> {
    const workspaces = await this.getChildren();
    const ws = workspaces.find((n) => n.kind === 'workspace' && n.host === host);
    if (!ws) throw new Error(`No workspace ${host} in the explorer.`);
    const folderName = kind === 'user' ? 'users' : kind === 'group' ? 'groups' : 'servicePrincipals';
    const wsChildren = await this.getChildren(ws);
    const folder = wsChildren.find((n): n is FolderNode => n.kind === 'folder' && n.folder === folderName);
    if (!folder) throw new Error(this.failureText(wsChildren) ?? `Could not open ${host}.`);
    let shown = await this.getChildren(folder);
    if (!this.paged.has(folder.key) && !shown.some((n) => n.kind === 'error')) {
      // Empty when it was loaded: the principal is newer than the list.
      this.refresh(folder);
      shown = await this.getChildren(folder);
    }
    const list = this.paged.get(folder.key);
    if (!list)
      throw new Error(
        this.failureText(shown) ??
          `No ${kind === 'servicePrincipal' ? 'service principal' : kind} with id ${id} in ${host}.`,
      );
    const found = list.find((n) => n.kind === kind && n.id === id);
    if (found) return found as PrincipalNode;
    const node = list.insert(await fetchPrincipalNode(this.connections, folder, id)) as PrincipalNode;
    this.known.set(node.key, node);
    this.changed.fire(this.canonical(folder));
    return node;
  }

  private async load(node: ExplorerNode | undefined, current: () => boolean): Promise<ExplorerNode[]> {
    const key = node?.key ?? ROOT;
    try {
      if (!node) {
        const roots = this.connections.list().map(workspaceNode);
        for (const ws of roots) this.applyExpiry(ws);
        if (current()) this.cache.set(ROOT, roots);
        return roots; // none: the viewsWelcome shows
      }
      switch (node.kind) {
        case 'workspace': {
          const { folders, firstPages } = await loadWorkspace(this.connections, node);
          if (current()) {
            for (const folder of folders) {
              const first = firstPages.get(folder.folder);
              if (first && first.nodes.length > 0)
                this.paged.set(
                  folder.key,
                  new PagedChildren(folder, folderPageFetcher(this.connections, folder), first),
                );
              else if (first) this.cache.set(folder.key, [emptyNode(folder, emptyFolderMessage(folder.folder))]);
            }
            this.cache.set(key, folders);
          }
          return folders;
        }
        case 'folder': {
          const fetch = folderPageFetcher(this.connections, node);
          const first = await fetch(1);
          node.count = first.total;
          if (first.nodes.length === 0)
            return this.keep(key, [emptyNode(node, emptyFolderMessage(node.folder))], current());
          return this.keepPaged(new PagedChildren(node, fetch, first), current());
        }
        case 'group':
        case 'member': {
          if (node.kind === 'member' && node.memberKind !== 'group') return [];
          const { first, fetch } = await loadGroupMembers(this.connections, node);
          if (first.nodes.length === 0) return this.keep(key, [emptyNode(node, 'No members')], current());
          return this.keepPaged(new PagedChildren(node, fetch, first), current());
        }
        case 'user':
        case 'servicePrincipal':
          return this.keep(key, await loadPrincipalChildren(this.connections, node), current());
        default:
          return [];
      }
    } catch (err) {
      return [
        this.errorNode(
          node,
          err,
          node ? { command: 'dbxScim.refresh', title: 'Retry', args: [node] } : undefined,
          'error',
        ),
      ];
    }
  }

  private keep(key: string, children: ExplorerNode[], store: boolean): ExplorerNode[] {
    if (store) this.cache.set(key, children);
    return children;
  }

  private keepPaged(list: PagedChildren, store: boolean): ExplorerNode[] {
    if (store) this.paged.set(list.parent.key, list);
    return list.view();
  }

  /** An error as a node: the fix for a credential problem, otherwise `retry`. */
  private errorNode(
    parent: ExplorerNode | undefined,
    err: unknown,
    retry: NodeAction | undefined,
    part: string,
  ): ErrorNode {
    const shown = presentError(err, this.redactor);
    const action = shown.action ?? retry;
    const host = parent?.host ?? '';
    return {
      kind: 'error',
      key: childKey(parent, part),
      host,
      parent,
      message: shown.message,
      ...(action ? { action } : {}),
    };
  }

  private failureText(nodes: ExplorerNode[]): string | undefined {
    const error = nodes.find((n): n is ErrorNode => n.kind === 'error');
    return error?.message;
  }

  private forget(key: string): void {
    const below = `${key}/`;
    for (const map of [this.cache, this.paged, this.inflight] as Map<string, unknown>[]) {
      for (const k of [...map.keys()]) if (k === key || k.startsWith(below)) map.delete(k);
    }
  }
}
