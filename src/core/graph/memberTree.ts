// Who is in an Entra group and THROUGH WHICH nested group each member arrives. `/transitiveMembers`
// answers "who" in ceil(M / 999) round trips but not "through which", and drift must name the
// nested group of every `nestedOnly` member (`via`). So the tree walks direct members
// breadth first: the root, then all groups of depth 1 in parallel, then depth 2, …
//
// Cost: every group reached costs ceil(m_g / 999) + 1 requests (its member pages plus
// the servicePrincipal cast, see GraphClient.listMembers), so G groups cost about 2·G requests in
// all; round trips in sequence are about Σ over levels of ceil(G_level / concurrency) ·
// (pages + 1). Example: a parent with 20 nested groups of 1,000 users = 2 + 20·3 = 62 requests,
// at concurrency 4 about 2 + 5·3 = 17 round trips in sequence.
//
// Safety: each group is expanded once (Entra can hold cycles through nesting; the root is never
// its own member), and at most `maxDepth` levels deep (Databricks' own nesting limit is 10);
// deeper groups are reported as members but not expanded, and `truncated` says so.

import { ConcurrencyLimiter } from '../http/concurrency';
import { GraphError } from './errors';
import type { GraphCallOptions, GraphMember, GraphPage, ListMembersOptions } from './types';

export interface MemberTreeOptions extends GraphCallOptions {
  /** Levels of nested groups expanded below the root. Default 10. */
  maxDepth?: number;
  /** Groups whose members are fetched at the same time. Default 4 (the transport caps per host too). */
  concurrency?: number;
}

export interface NestedGroup {
  group: GraphMember;
  /** 1 = a direct member group of the root. */
  depth: number;
  /** Display names from the root's direct member group down to this group (first path found). */
  path: string[];
  /** Its direct members. */
  members: GraphMember[];
}

/** A principal reached from the root, once. */
export interface ReachedMember extends GraphMember {
  /** A direct member of the root group. */
  direct: boolean;
  /**
   * Display names of the nested groups that hold this member directly (not the root), in the
   * order found. Empty for members only reached directly. A `nestedOnly` member is `!direct`.
   */
  via: string[];
}

export interface MemberTree {
  groupId: string;
  direct: GraphMember[];
  /** Every nested group reached (expanded), by object id. */
  nested: Map<string, NestedGroup>;
  /** Every principal reached (users, service principals, groups), each once. */
  members: ReachedMember[];
  /** Some group deeper than `maxDepth` was not expanded. */
  truncated: boolean;
}

/** What the walk needs from GraphClient (kept narrow so the walk is easy to read and test). */
export interface MemberSource {
  listMembers(groupId: string, opts?: ListMembersOptions): AsyncGenerator<GraphPage<GraphMember>>;
}

const cancelled = (): GraphError =>
  new GraphError({
    status: 0,
    code: 'ABORTED',
    detail: 'cancelled while waiting to read a nested group',
    userMessage: 'The request was cancelled.',
    transportKind: 'aborted',
  });

export const DEFAULT_TREE_DEPTH = 10;
export const DEFAULT_TREE_CONCURRENCY = 4;

export async function memberTree(
  source: MemberSource,
  groupId: string,
  opts: MemberTreeOptions = {},
): Promise<MemberTree> {
  const maxDepth = Math.max(0, Math.floor(opts.maxDepth ?? DEFAULT_TREE_DEPTH));
  const limiter = new ConcurrencyLimiter(Math.max(1, Math.floor(opts.concurrency ?? DEFAULT_TREE_CONCURRENCY)));
  const listOpts: ListMembersOptions = opts.signal ? { signal: opts.signal } : {};
  const fetchAll = async (id: string): Promise<GraphMember[]> => {
    const release = await limiter.acquire(opts.signal, cancelled);
    try {
      const out: GraphMember[] = [];
      for await (const page of source.listMembers(id, listOpts)) out.push(...page.items);
      return out;
    } finally {
      release();
    }
  };

  const direct = (await fetchAll(groupId)).filter((m) => m.id !== groupId);
  const reached = new Map<string, ReachedMember>();
  for (const m of direct) reached.set(m.id, { ...m, direct: true, via: [] });

  const expanded = new Set<string>([groupId]);
  const nested = new Map<string, NestedGroup>();
  let truncated = false;
  let level: { group: GraphMember; path: string[] }[] = [];
  const enqueue = (next: typeof level, group: GraphMember, path: string[]): void => {
    if (expanded.has(group.id)) return;
    if (path.length > maxDepth) {
      truncated = true;
      return;
    }
    expanded.add(group.id);
    next.push({ group, path });
  };
  for (const m of direct) if (m.type === 'group') enqueue(level, m, [m.displayName]);

  while (level.length > 0) {
    const results = await Promise.all(level.map((entry) => fetchAll(entry.group.id)));
    const next: typeof level = [];
    level.forEach((entry, i) => {
      const members = (results[i] ?? []).filter((m) => m.id !== entry.group.id);
      nested.set(entry.group.id, { group: entry.group, depth: entry.path.length, path: entry.path, members });
      for (const m of members) {
        if (m.id === groupId) continue;
        const seen = reached.get(m.id);
        if (!seen) reached.set(m.id, { ...m, direct: false, via: [entry.group.displayName] });
        else if (!seen.via.includes(entry.group.displayName)) seen.via.push(entry.group.displayName);
        if (m.type === 'group') enqueue(next, m, [...entry.path, m.displayName]);
      }
    });
    level = next;
  }
  return { groupId, direct, nested, members: [...reached.values()], truncated };
}
