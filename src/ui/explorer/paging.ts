// Paged children of one node: what has been loaded so far and where the next page starts.
// The tree shows the first page after one round trip; "Load more…" appends the next one and is
// replaced by it (plus a new "Load more…" while pages remain). No `vscode` import.
import type { ScimPage } from '../../core/scim/types';
import { childKey, type ExplorerNode, type LoadMoreNode } from './nodes';

/** One page as the tree needs it: nodes, and where the next page starts (undefined = no more). */
export interface TreePage {
  nodes: ExplorerNode[];
  next: number | undefined;
  total: number | undefined;
}

export type TreePageFetcher = (startIndex: number) => Promise<TreePage>;

/** A page of a SCIM list (a workspace's or an account's) as tree nodes, made by `map`. */
export function scimTreePage<T>(page: ScimPage<T>, map: (item: T) => ExplorerNode): TreePage {
  const end = page.startIndex + page.returned; // the server may clamp `count`: follow what it sent
  const more = page.returned > 0 && (page.totalResults === undefined || end <= page.totalResults);
  return { nodes: page.items.map(map), next: more ? end : undefined, total: page.totalResults };
}

export class PagedChildren {
  private readonly nodes: ExplorerNode[] = [];
  private readonly keys = new Set<string>();
  private next: number | undefined;
  private pending: Promise<void> | undefined;
  /** The load-more failure to show in place of "Load more…" until retried. */
  private failure: ExplorerNode | undefined;
  total: number | undefined;

  constructor(
    readonly parent: ExplorerNode,
    private readonly fetchPage: TreePageFetcher,
    first: TreePage,
  ) {
    this.add(first);
  }

  /** The children to show now. */
  view(): ExplorerNode[] {
    const tail: ExplorerNode[] = [];
    if (this.failure) tail.push(this.failure);
    else if (this.next !== undefined) tail.push(this.loadMoreNode(this.next));
    return [...this.nodes, ...tail];
  }

  get hasMore(): boolean {
    return this.next !== undefined;
  }

  find(predicate: (node: ExplorerNode) => boolean): ExplorerNode | undefined {
    return this.nodes.find(predicate);
  }

  /**
   * Appends the next page. Concurrent calls share one request, so a double click on
   * "Load more…" cannot load a page twice. A failure becomes `onError(err)` in the list.
   */
  loadNext(onError: (err: unknown, retry: LoadMoreNode) => ExplorerNode): Promise<void> {
    if (this.pending) return this.pending;
    const start = this.next;
    if (start === undefined) return Promise.resolve();
    this.failure = undefined;
    this.pending = this.fetchPage(start)
      .then(
        (page) => this.add(page),
        (err: unknown) => {
          this.failure = onError(err, this.loadMoreNode(start));
        },
      )
      .finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Adds a node found another way (reveal) unless a page already brought it. */
  insert(node: ExplorerNode): ExplorerNode {
    const existing = this.nodes.find((n) => n.key === node.key);
    if (existing) return existing;
    this.nodes.push(node);
    this.keys.add(node.key);
    return node;
  }

  private add(page: TreePage): void {
    // Offset paging is not a snapshot: a page may repeat an item a change pushed along; a
    // duplicate id in a TreeView is an error, so repeats are dropped.
    for (const node of page.nodes) {
      if (this.keys.has(node.key)) continue;
      this.keys.add(node.key);
      this.nodes.push(node);
    }
    this.next = page.next;
    if (page.total !== undefined) this.total = page.total;
  }

  private loadMoreNode(nextStartIndex: number): LoadMoreNode {
    return {
      kind: 'loadMore',
      key: childKey(this.parent, 'more'),
      host: this.parent.host,
      parent: this.parent,
      nextStartIndex,
    };
  }
}
