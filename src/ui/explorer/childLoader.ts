// Loads the children of one node into the TreeCache: dispatches on `kind` to the loaders, keeps
// pages and learned facts only while the load is still current, and turns a failure into an error
// row (never cached, so the next expand tries again).
import type { Redactor } from '../../core/http/redact';
import type { Connections } from '../common/connection';
import { DatabricksError } from '../../core/databricks/errors';
import { presentError, type ActionableError } from '../common/errors';
import {
  emptyFolderMessage,
  emptyNode,
  folderPageFetcher,
  loadGroupMembers,
  loadPrincipalChildren,
  loadWorkspace,
  workspaceNode,
} from './loaders';
import {
  accessFolderNode,
  accountFolderPageFetcher,
  loadAccess,
  loadAccount,
  loadAccountGroupMembers,
  loadAssignedGroupMembers,
} from './accountLoaders';
import { childKey, type ErrorNode, type ExplorerNode, type FolderKind, type NodeAction } from './nodes';
import { PagedChildren, type TreePage, type TreePageFetcher } from './paging';
import type { Learned } from './rowState';
import { ROOT, type TreeCache } from './treeCache';

/** Signs in for the account behind a row's workspace (asking what it needs), then reloads the row. */
export const ACCOUNT_SIGN_IN_COMMAND = 'dbxScim.signInToAccount';

const ACCOUNT_SIDE = new Set<ExplorerNode['kind']>([
  'account',
  'accountFolder',
  'accountPrincipal',
  'accessFolder',
  'assignment',
]);

function isAccountSide(node: ExplorerNode): boolean {
  return ACCOUNT_SIDE.has(node.kind);
}

/**
 * What a sign-in may fix: the account refused the token (401), or the account could not be reached
 * without asking (no sign-in yet, an account id or host to confirm) — not a workspace credential.
 */
function needsAccountSignIn(err: unknown): boolean {
  if (err instanceof DatabricksError) return err.status === 401;
  return !(err as ActionableError | undefined)?.fix;
}

type Folder = ExplorerNode & { folder: FolderKind };

/** What a loader of a paged list returns: the first page, how to fetch the next, what it taught. */
interface LoadedPages {
  first: TreePage;
  fetch: TreePageFetcher;
  learned: Learned;
}

export class ChildLoader {
  /** Rows shown after the workspaces at the root: the accounts found so far (the provider finds them). */
  rootExtras: readonly ExplorerNode[] = [];

  constructor(
    private readonly connections: Connections,
    private readonly redactor: Redactor,
    private readonly cache: TreeCache,
  ) {}

  async load(node: ExplorerNode | undefined, current: () => boolean): Promise<ExplorerNode[]> {
    try {
      return await this.loadChildren(node, current);
    } catch (err) {
      const retry = node ? { command: 'dbxScim.refresh', title: 'Retry', args: [node] } : undefined;
      if (node && isAccountSide(node) && needsAccountSignIn(err)) {
        // The account takes only a Microsoft sign-in, never the workspace's token: offer that, not "Update Token…".
        const signIn = { command: ACCOUNT_SIGN_IN_COMMAND, title: 'Sign In…', args: [node] };
        return [{ ...this.errorNode(node, err, undefined, 'error'), action: signIn }];
      }
      return [this.errorNode(node, err, retry, 'error')];
    }
  }

  private async loadChildren(node: ExplorerNode | undefined, current: () => boolean): Promise<ExplorerNode[]> {
    const key = node?.key ?? ROOT;
    if (!node) {
      const workspaces = this.connections.list().map(workspaceNode); // none: the welcome view
      return this.keep(ROOT, workspaces.length > 0 ? [...workspaces, ...this.rootExtras] : [], current());
    }
    switch (node.kind) {
      case 'workspace': {
        const { folders, firstPages } = await loadWorkspace(this.connections, node);
        if (current()) this.keepFirstPages(folders, firstPages, (f) => folderPageFetcher(this.connections, f));
        // Who may use the workspace lives on its account: loaded when opened, never on the way here.
        const access = this.connections.account ? [accessFolderNode(node)] : [];
        return this.keep(key, [...folders, ...access], current());
      }
      case 'folder':
        return this.loadFolder(node, folderPageFetcher(this.connections, node), current);
      case 'account': {
        const { folders, firstPages } = await loadAccount(this.connections, node);
        if (current()) this.keepFirstPages(folders, firstPages, (f) => accountFolderPageFetcher(this.connections, f));
        return this.keep(key, folders, current());
      }
      case 'accountFolder':
        return this.loadFolder(node, accountFolderPageFetcher(this.connections, node), current);
      case 'accountPrincipal':
        if (node.principalKind !== 'group') return [];
        return this.keepPages(node, await loadAccountGroupMembers(this.connections, node), 'No members', current());
      case 'accessFolder': {
        const assignments = await loadAccess(this.connections, node);
        if (current()) this.learn(key, { count: assignments.length });
        if (assignments.length === 0)
          return this.keep(key, [emptyNode(node, 'No one is assigned to this workspace')], current());
        return this.keep(key, assignments, current());
      }
      case 'assignment':
        if (node.principalKind !== 'group') return [];
        return this.keepPages(node, await loadAssignedGroupMembers(this.connections, node), 'No members', current());
      case 'group':
      case 'member':
        if (node.kind === 'member' && node.memberKind !== 'group') return [];
        return this.keepPages(node, await loadGroupMembers(this.connections, node), 'No members', current());
      case 'user':
      case 'servicePrincipal': {
        const { children, learned } = await loadPrincipalChildren(this.connections, node);
        if (current()) this.learn(key, learned);
        return this.keep(key, children, current());
      }
      default:
        return [];
    }
  }

  /** A Users / Groups / Service Principals folder (of a workspace or an account), first page first. */
  private async loadFolder(node: Folder, fetch: TreePageFetcher, current: () => boolean): Promise<ExplorerNode[]> {
    const first = await fetch(1);
    return this.keepFolderPage(node, first, fetch, current());
  }

  /** First pages fetched with their parent: each folder's count and rows, so opening it costs nothing. */
  private keepFirstPages<F extends Folder>(
    folders: readonly F[],
    firstPages: ReadonlyMap<FolderKind, TreePage>,
    fetcher: (folder: F) => TreePageFetcher,
  ): void {
    for (const folder of folders) {
      const first = firstPages.get(folder.folder);
      if (first) this.keepFolderPage(folder, first, fetcher(folder), true); // else it retries when opened
    }
  }

  private keepFolderPage(folder: Folder, first: TreePage, fetch: TreePageFetcher, store: boolean): ExplorerNode[] {
    const learned = first.total === undefined ? {} : { count: first.total };
    return this.keepPages(folder, { first, fetch, learned }, emptyFolderMessage(folder.folder), store);
  }

  /** A paged list under `node`: what loading it taught, then its first page, or `empty` when it has none. */
  private keepPages(
    node: ExplorerNode,
    { first, fetch, learned }: LoadedPages,
    empty: string,
    store: boolean,
  ): ExplorerNode[] {
    if (store) this.learn(node.key, learned);
    if (first.nodes.length === 0) return this.keep(node.key, [emptyNode(node, empty)], store);
    return this.keepPaged(new PagedChildren(node, fetch, first), store);
  }

  private learn(key: string, learned: Learned): void {
    this.cache.learned.set(key, learned);
  }

  private keep(key: string, children: ExplorerNode[], store: boolean): ExplorerNode[] {
    if (store) this.cache.children.set(key, children);
    return children;
  }

  private keepPaged(list: PagedChildren, store: boolean): ExplorerNode[] {
    if (store) this.cache.paged.set(list.parent.key, list);
    return list.view();
  }

  /** An error as a node: the fix for a credential problem, otherwise `retry`. */
  errorNode(parent: ExplorerNode | undefined, err: unknown, retry: NodeAction | undefined, part: string): ErrorNode {
    const shown = presentError(err, this.redactor);
    const action = shown.action ?? retry;
    return {
      kind: 'error',
      key: childKey(parent, part),
      host: parent?.host ?? '',
      parent,
      message: shown.message,
      ...(action ? { action } : {}),
    };
  }
}
