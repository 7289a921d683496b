// The explorer's TreeDataProvider, kept thin: loading goes through the ChildLoader into the
// TreeCache, each row's state is assembled here for the renderer, and onDidChangeTreeData fires
// for exactly the rows that changed.
import * as vscode from 'vscode';
import type { Redactor } from '../../core/http/redact';
import { KIND_NOUNS } from '../../core/scim/types';
import type { Connections } from '../common/connection';
import { timerSleep } from '../../core/http/abort';
import { discoverAccounts } from './accountLoaders';
import { ChildLoader } from './childLoader';
import { driftStateOf, ghostMembers, type DriftLens } from './driftLens';
import { fetchPrincipalNode, workspaceNode } from './loaders';
import type { ErrorNode, ExplorerNode, FolderKind, FolderNode, LoadMoreNode, NodeAction, PrincipalNode } from './nodes';
import { LOAD_MORE_COMMAND, renderNode } from './renderer';
import type { RowState } from './rowState';
import { ROOT, TreeCache } from './treeCache';

/** What a write changed in one workspace (ids of groups and principals, folders whose count moved). */
export interface Invalidation {
  groups?: readonly string[];
  principals?: readonly string[];
  folders?: readonly FolderKind[];
  /** The workspace's permission assignments changed: its Access folder reloads. */
  access?: boolean;
}

/** How long the root waits for the accounts behind the workspaces before it shows without them. */
const ROOT_ACCOUNT_WAIT_MS = 1_500;

export class ExplorerProvider implements vscode.TreeDataProvider<ExplorerNode> {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly cache = new TreeCache();
  private readonly loader: ChildLoader;
  private readonly driftEvents: { dispose(): void } | undefined;

  constructor(
    private readonly connections: Connections,
    redactor: Redactor,
    private readonly drift?: DriftLens,
  ) {
    this.loader = new ChildLoader(connections, redactor, this.cache);
    this.driftEvents = drift?.onDidChange((e) => this.driftChanged(e.host, e.groupId));
  }

  dispose(): void {
    this.driftEvents?.dispose();
    this.changed.dispose();
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return renderNode(node, this.stateOf(node));
  }

  /** Everything a row shows beyond its node, as of now. */
  stateOf(node: ExplorerNode): RowState {
    const busy = this.cache.busy.get(node.key);
    const tokenExpiry = node.kind === 'workspace' ? this.connections.tokenExpiry?.(node.host)?.description : undefined;
    return {
      ...this.cache.learned.get(node.key),
      ...(this.drift ? driftStateOf(node, this.drift) : {}),
      ...(busy === undefined ? {} : { busy }),
      ...(tokenExpiry ? { tokenExpiry } : {}),
    };
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    return this.childrenOf(node).then((children) => this.withAbsentMembers(node, children));
  }

  /** Ghost members first: what Entra has and this group lacks (from the last comparison). */
  private withAbsentMembers(node: ExplorerNode | undefined, children: ExplorerNode[]): ExplorerNode[] {
    if (!this.drift || node?.kind !== 'group') return children;
    const ghosts = ghostMembers(node, this.drift);
    if (ghosts.length === 0) return children;
    this.cache.remember(ghosts);
    return [...ghosts, ...children.filter((c) => c.kind !== 'empty')];
  }

  private childrenOf(node?: ExplorerNode): Promise<ExplorerNode[]> {
    const key = node?.key ?? ROOT;
    const cached = this.cache.loaded(key);
    if (cached) return Promise.resolve(this.cache.remember(cached));
    const running = this.cache.inflight.get(key)?.promise;
    if (running) return running;
    const ticket: { promise?: Promise<ExplorerNode[]> } = {};
    this.cache.inflight.set(key, ticket);
    const current = (): boolean => this.cache.inflight.get(key) === ticket;
    // The root waits a moment for the accounts, so their rows come with the workspaces: a root
    // redrawn later moves the rows a person may be clicking.
    const ready = node ? Promise.resolve() : Promise.race([this.discoverAccounts(), timerSleep(ROOT_ACCOUNT_WAIT_MS)]);
    ticket.promise = ready
      .then(() => this.load(node, current))
      .then((children) => {
        if (current()) this.cache.inflight.delete(key);
        // No redraw of `node` here, although loading may have taught it a count: VS Code drops the
        // handles of every row below a redrawn row, and rows the user already sees would then reach
        // commands as nothing. Counts learnt here show at the next redraw of the row.
        return this.cache.remember(children);
      });
    return ticket.promise;
  }

  private discovery = 0;

  /**
   * Finds the accounts behind the configured workspaces and shows one row per account after the
   * workspaces, which never wait for it. The root is redrawn only when what it shows changes.
   */
  discoverAccounts(): Promise<void> {
    if (!this.connections.account || this.connections.list().length === 0) return Promise.resolve();
    const run = ++this.discovery;
    // Never rejects: a workspace without a reachable account simply adds no row.
    return discoverAccounts(this.connections).then(
      (rows) => {
        if (run !== this.discovery) return;
        const shown = (list: readonly ExplorerNode[]): string => JSON.stringify(list.map(rootRowSignature));
        if (shown(rows) === shown(this.loader.rootExtras)) return;
        this.loader.rootExtras = rows;
        const root = this.cache.children.get(ROOT);
        if (!root || root.length === 0) return; // not shown (yet): the next root load takes the rows
        this.cache.children.set(ROOT, this.cache.remember([...root.filter((n) => n.kind === 'workspace'), ...rows]));
        this.changed.fire(undefined);
      },
      () => undefined,
    );
  }

  /** Re-renders the rows of the group(s) whose comparison changed, and the rolled-up rows. */
  private driftChanged(host: string, groupId: string | undefined): void {
    for (const node of this.cache.nodesOf(host)) {
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
    for (const node of this.cache.nodesOf(host)) {
      const hit =
        ((node.kind === 'group' ||
          node.kind === 'user' ||
          node.kind === 'servicePrincipal' ||
          node.kind === 'member') &&
          ids.has(node.id)) ||
        (node.kind === 'folder' && folders.has(node.folder)) ||
        (node.kind === 'accessFolder' && changed.access === true);
      if (hit) this.refresh(node);
    }
    // Account groups are the same in every workspace and at account level: their rows reload wherever they are.
    for (const node of [...this.cache.known.values()]) {
      const accountHit =
        (node.kind === 'accountPrincipal' && ids.has(node.id)) ||
        (node.kind === 'assignment' && node.principalKind === 'group' && ids.has(node.principalId));
      if (accountHit && this.cache.isLoaded(node.key)) this.refresh(node);
    }
  }

  /** Drops what is cached at and below `node` (everything without one) and reloads it. */
  refresh(node?: ExplorerNode): void {
    if (!node) {
      this.cache.forget(ROOT);
      this.changed.fire(undefined);
      return;
    }
    const target = this.canonical(node);
    const wasLoaded = this.cache.isLoaded(target.key);
    this.cache.forget(target.key);
    if (!wasLoaded) return this.changed.fire(target);
    // Shown with its children: load them first, so the one redraw carries the new count and
    // VS Code finds the children ready instead of rows that point at nothing while they load.
    void this.childrenOf(target).finally(() => this.changed.fire(target));
  }

  /** The settings or credential of `host` changed: its row is rebuilt when its name or sign-in did. */
  refreshWorkspace(host: string): void {
    const ws = this.cache.children.get(ROOT)?.find((n) => n.kind === 'workspace' && n.host === host);
    const config = this.connections.find(host);
    if (!ws || ws.kind !== 'workspace' || !config) return this.refresh();
    const fresh = workspaceNode(config);
    if (fresh.name !== ws.name || fresh.auth !== ws.auth) return this.refresh();
    this.refresh(ws);
    void this.discoverAccounts(); // a sign-in may have made its account reachable
  }

  /** The token expiry of `host` changed: only its workspace row (tooltip) is re-rendered. */
  tokenExpiryChanged(host: string): void {
    const ws = this.cache.children.get(ROOT)?.find((n) => n.kind === 'workspace' && n.host === host);
    if (ws) this.changed.fire(ws);
  }

  setBusy(node: { key: string }, label: string | undefined): void {
    if (label === undefined) this.cache.busy.delete(node.key);
    else this.cache.busy.set(node.key, label);
    const shown = this.cache.known.get(node.key);
    if (shown) this.changed.fire(shown);
  }

  /** "Load more…": appends the next page to its parent's list and re-renders the parent. */
  async loadMore(node: LoadMoreNode): Promise<void> {
    const parent = node.parent;
    if (!parent) return;
    const list = this.cache.paged.get(parent.key);
    if (!list) return this.refresh(parent);
    await list.loadNext((err, retry) =>
      this.errorNode(parent, err, { command: LOAD_MORE_COMMAND, title: 'Retry', args: [retry] }, 'more-error'),
    );
    this.changed.fire(this.canonical(parent));
  }

  /** The node VS Code knows for `node.key`; unknown nodes are returned as they are. */
  canonical<T extends ExplorerNode>(node: T): T {
    const known = this.cache.known.get(node.key);
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
    if (!folder) throw new Error(failureText(wsChildren) ?? `Could not open ${host}.`);
    let shown = await this.getChildren(folder);
    if (!this.cache.paged.has(folder.key) && !shown.some((n) => n.kind === 'error')) {
      // Empty when it was loaded: the principal is newer than the list.
      this.refresh(folder);
      shown = await this.getChildren(folder);
    }
    const list = this.cache.paged.get(folder.key);
    if (!list) throw new Error(failureText(shown) ?? `No ${KIND_NOUNS[kind]} with id ${id} in ${host}.`);
    const found = list.find((n) => n.kind === kind && n.id === id);
    if (found) return found as PrincipalNode;
    const node = list.insert(await fetchPrincipalNode(this.connections, folder, id)) as PrincipalNode;
    this.cache.remember([node]);
    this.changed.fire(this.canonical(folder));
    return node;
  }

  private load(node: ExplorerNode | undefined, current: () => boolean): Promise<ExplorerNode[]> {
    return this.loader.load(node, current);
  }

  private errorNode(
    parent: ExplorerNode | undefined,
    err: unknown,
    retry: NodeAction | undefined,
    part: string,
  ): ErrorNode {
    return this.loader.errorNode(parent, err, retry, part);
  }
}

/** What a root row after the workspaces shows, to tell whether the root must be redrawn. */
function rootRowSignature(node: ExplorerNode): unknown {
  if (node.kind === 'account') return [node.key, node.host, node.workspaces];
  return node.key;
}

function failureText(nodes: ExplorerNode[]): string | undefined {
  return nodes.find((n): n is ErrorNode => n.kind === 'error')?.message;
}
