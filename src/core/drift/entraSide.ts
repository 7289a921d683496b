// The Entra half of a comparison, read over Graph: the members of one Entra group as computeDrift
// wants them — one entry per way a principal reaches the group, each with the chain of nested
// groups (ids and names) it arrives through.
//
// memberTree (src/core/graph) already walks the nesting and knows every nested group's direct
// members; what it keeps of the path is names only and only the first path found. computeDrift
// needs, for every member, each OUTERMOST nested group it can arrive through (a Databricks group
// that holds any of them covers the member), so the chains are rebuilt here from the tree: one
// breadth-first walk per direct member group of the root. That is pure work on data already
// fetched; it costs no request.

import type { GraphClient } from '../graph/client';
import { loadMemberLists, treeFromLists } from '../graph/memberLists';
import { DEFAULT_TREE_DEPTH, type MemberTree } from '../graph/memberTree';
import type { GraphMember } from '../graph/types';
import { cutNesting } from './notCompared';
import type { EntraGroupRef, EntraMember, NotComparedMember } from './types';

export interface EntraSide {
  group: EntraGroupRef;
  members: EntraMember[];
  /** Nesting deeper than the walk's limit was not expanded: members below it are not compared. */
  truncated: boolean;
  /** The nested groups that were not expanded (the cut), for GroupDrift.notCompared. */
  notRead: NotComparedMember[];
  /** Devices, contacts and other objects Databricks has no counterpart for; left out. */
  skippedOthers: number;
}

export interface LoadEntraOptions {
  /** Default true: walk nested groups. False asks for direct members only (one listing). */
  transitive?: boolean;
  signal?: AbortSignal;
}

export async function loadEntraSide(
  graph: GraphClient,
  group: EntraGroupRef,
  opts: LoadEntraOptions = {},
): Promise<EntraSide> {
  const sides = await loadEntraSides(graph, [group], opts);
  return sides.get(group.id) as EntraSide;
}

/**
 * The Entra sides of many groups from one shared read (loadMemberLists: batched first pages,
 * nextLinks for big groups, each nested group read once however many compared groups hold it).
 */
export async function loadEntraSides(
  graph: GraphClient,
  groups: readonly EntraGroupRef[],
  opts: LoadEntraOptions = {},
): Promise<Map<string, EntraSide>> {
  const transitive = opts.transitive !== false;
  const lists = await loadMemberLists(
    graph,
    groups.map((g) => g.id),
    { transitive, ...(opts.signal ? { signal: opts.signal } : {}) },
  );
  const out = new Map<string, EntraSide>();
  for (const group of groups) {
    if (out.has(group.id)) continue;
    if (!transitive) {
      const direct = (lists.get(group.id) ?? []).filter((m) => m.id !== group.id);
      const { members, skippedOthers } = toEntraMembers(direct.map((m) => ({ member: m, via: [] })));
      out.set(group.id, { group, members, truncated: false, notRead: [], skippedOthers });
      continue;
    }
    const tree = await treeFromLists(lists, group.id);
    out.set(group.id, { group, ...entraMembersOfTree(tree) });
  }
  return out;
}

/** Pure: a member tree → one EntraMember per (principal, outermost nested group) plus direct entries. */
export function entraMembersOfTree(
  tree: MemberTree,
  maxDepth = DEFAULT_TREE_DEPTH,
): { members: EntraMember[]; truncated: boolean; notRead: NotComparedMember[]; skippedOthers: number } {
  const entries: Array<{ member: GraphMember; via: EntraGroupRef[] }> = tree.direct.map((m) => ({
    member: m,
    via: [],
  }));
  for (const outer of tree.direct) {
    if (outer.type !== 'group' || !tree.nested.has(outer.id)) continue;
    for (const [holderId, chain] of chainsFrom(tree, outer)) {
      for (const m of tree.nested.get(holderId)?.members ?? []) {
        if (m.id !== tree.groupId) entries.push({ member: m, via: chain });
      }
    }
  }
  return {
    ...toEntraMembers(entries),
    truncated: tree.truncated,
    notRead: tree.truncated ? cutGroups(tree).map((g) => cutNesting(ref(g), maxDepth)) : [],
  };
}

/** Groups the walk saw as members but did not expand: every other reached group was expanded once. */
function cutGroups(tree: MemberTree): GraphMember[] {
  const cut = new Map<string, GraphMember>();
  const holders = [tree.direct, ...[...tree.nested.values()].map((n) => n.members)];
  for (const m of holders.flat()) {
    if (m.type === 'group' && m.id !== tree.groupId && !tree.nested.has(m.id)) cut.set(m.id, m);
  }
  return [...cut.values()];
}

/** Breadth first from one direct member group: every expanded group it reaches, with the first (shortest) chain. */
function chainsFrom(tree: MemberTree, outer: GraphMember): Map<string, EntraGroupRef[]> {
  const chains = new Map<string, EntraGroupRef[]>([[outer.id, [ref(outer)]]]);
  const queue = [outer.id];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    const chain = chains.get(id) ?? [];
    for (const m of tree.nested.get(id)?.members ?? []) {
      if (m.type !== 'group' || m.id === tree.groupId || chains.has(m.id) || !tree.nested.has(m.id)) continue;
      chains.set(m.id, [...chain, ref(m)]);
      queue.push(m.id);
    }
  }
  return chains;
}

function ref(g: GraphMember): EntraGroupRef {
  return { id: g.id, displayName: g.displayName || g.id };
}

function toEntraMembers(entries: ReadonlyArray<{ member: GraphMember; via: EntraGroupRef[] }>): {
  members: EntraMember[];
  skippedOthers: number;
} {
  const members: EntraMember[] = [];
  const others = new Set<string>();
  for (const { member: m, via } of entries) {
    if (m.type === 'other') {
      others.add(m.id);
      continue;
    }
    const e: EntraMember = { id: m.id, type: m.type };
    if (m.displayName) e.displayName = m.displayName;
    if (m.userPrincipalName !== undefined) e.userPrincipalName = m.userPrincipalName;
    if (m.mail !== undefined) e.mail = m.mail;
    if (m.appId !== undefined) e.appId = m.appId;
    if (via.length > 0) e.via = via;
    members.push(e);
  }
  return { members, skippedOthers: others.size };
}
