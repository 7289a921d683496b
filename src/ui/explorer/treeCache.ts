// Everything the explorer remembers about loaded rows, keyed by node key, with one way to forget
// a subtree. Keys are paths (`host/groups/123/…`), so a prefix is a subtree.
import type { ExplorerNode } from './nodes';
import type { PagedChildren } from './paging';
import type { Learned } from './rowState';

export const ROOT = '';

export class TreeCache {
  /** Children of nodes that are not paged, by parent key ('' = root). */
  readonly children = new Map<string, ExplorerNode[]>();
  readonly paged = new Map<string, PagedChildren>();
  /**
   * Loads in flight, so VS Code and a command asking at once share one request. Forgetting drops
   * the ticket, and a load whose ticket is gone does not cache what it brings back.
   */
  readonly inflight = new Map<string, { promise?: Promise<ExplorerNode[]> }>();
  /** The node object VS Code was given for each key: events must carry that very object. */
  readonly known = new Map<string, ExplorerNode>();
  /** Facts learned about a node when its children loaded. */
  readonly learned = new Map<string, Learned>();
  /** Busy labels of rows with an action running; not forgotten, the action clears its own. */
  readonly busy = new Map<string, string>();

  /** Children already loaded for `key`, if any. */
  loaded(key: string): ExplorerNode[] | undefined {
    return this.children.get(key) ?? this.paged.get(key)?.view();
  }

  isLoaded(key: string): boolean {
    return this.children.has(key) || this.paged.has(key);
  }

  remember(nodes: ExplorerNode[]): ExplorerNode[] {
    for (const node of nodes) this.known.set(node.key, node);
    return nodes;
  }

  /**
   * Forgets the children, pages, loads and learned facts of `key` and everything below it, and
   * the nodes below it. `key` itself stays known: its row is still shown and gets redrawn.
   * ROOT forgets everything.
   */
  forget(key: string): void {
    const below = key === ROOT ? '' : `${key}/`;
    const hit = (k: string) => key === ROOT || k === key || k.startsWith(below);
    for (const map of [this.children, this.paged, this.inflight, this.learned] as Map<string, unknown>[])
      for (const k of [...map.keys()]) if (hit(k)) map.delete(k);
    for (const k of [...this.known.keys()])
      if (k.startsWith(below) && (key === ROOT || k !== key)) this.known.delete(k);
  }

  /** Known nodes of one workspace. */
  nodesOf(host: string): ExplorerNode[] {
    return [...this.known.values()].filter((n) => n.host === host);
  }
}
