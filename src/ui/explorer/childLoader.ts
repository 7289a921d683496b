// Loads the children of one node into the TreeCache: dispatches on `kind` to the loaders, keeps
// pages and learned facts only while the load is still current, and turns a failure into an error
// row (never cached, so the next expand tries again).
import type { Redactor } from '../../core/http/redact';
import type { Connections } from '../common/connection';
import { presentError } from '../common/errors';
import {
  emptyFolderMessage,
  emptyNode,
  folderPageFetcher,
  loadGroupMembers,
  loadPrincipalChildren,
  loadWorkspace,
  workspaceNode,
} from './loaders';
import { childKey, type ErrorNode, type ExplorerNode, type NodeAction } from './nodes';
import { PagedChildren } from './paging';
import type { Learned } from './rowState';
import { ROOT, type TreeCache } from './treeCache';

export class ChildLoader {
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
      return [this.errorNode(node, err, retry, 'error')];
    }
  }

  private async loadChildren(node: ExplorerNode | undefined, current: () => boolean): Promise<ExplorerNode[]> {
    const key = node?.key ?? ROOT;
    if (!node) return this.keep(ROOT, this.connections.list().map(workspaceNode), current()); // none: the welcome view
    switch (node.kind) {
      case 'workspace': {
        const { folders, firstPages } = await loadWorkspace(this.connections, node);
        if (current()) {
          for (const folder of folders) {
            const first = firstPages.get(folder.folder);
            if (!first) continue;
            this.learn(folder.key, { ...(first.total === undefined ? {} : { count: first.total }) });
            if (first.nodes.length > 0)
              this.cache.paged.set(
                folder.key,
                new PagedChildren(folder, folderPageFetcher(this.connections, folder), first),
              );
            else this.cache.children.set(folder.key, [emptyNode(folder, emptyFolderMessage(folder.folder))]);
          }
        }
        return this.keep(key, folders, current());
      }
      case 'folder': {
        const fetch = folderPageFetcher(this.connections, node);
        const first = await fetch(1);
        if (current()) this.learn(key, { ...(first.total === undefined ? {} : { count: first.total }) });
        if (first.nodes.length === 0)
          return this.keep(key, [emptyNode(node, emptyFolderMessage(node.folder))], current());
        return this.keepPaged(new PagedChildren(node, fetch, first), current());
      }
      case 'group':
      case 'member': {
        if (node.kind === 'member' && node.memberKind !== 'group') return [];
        const { first, fetch, learned } = await loadGroupMembers(this.connections, node);
        if (current()) this.learn(key, learned);
        if (first.nodes.length === 0) return this.keep(key, [emptyNode(node, 'No members')], current());
        return this.keepPaged(new PagedChildren(node, fetch, first), current());
      }
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
