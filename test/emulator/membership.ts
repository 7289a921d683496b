// Group nesting: which groups a principal is in directly and through nested groups, and whether a
// new group-in-group edge is allowed. Databricks allows 10 levels of nesting and no cycles; the
// exact error wording is not known, so ours says plainly what went wrong.

import type { Directory } from './directory';
import type { GroupRecord } from './records';

export interface GroupMembership {
  readonly group: GroupRecord;
  readonly type: 'direct' | 'indirect';
}

/** Direct groups first (in the order joined), then groups reached only through nesting. */
export function membershipsOf(dir: Directory, principalId: string): GroupMembership[] {
  const out: GroupMembership[] = [];
  const seen = new Set<string>();
  const queue: string[] = [];
  for (const gid of dir.parentsOf(principalId)) {
    const group = dir.groups.get(gid);
    if (!group || seen.has(gid)) continue;
    seen.add(gid);
    out.push({ group, type: 'direct' });
    queue.push(gid);
  }
  // Breadth-first upwards; `seen` also guards against a cycle that slipped in through test setup.
  for (let i = 0; i < queue.length; i++) {
    for (const gid of dir.parentsOf(queue[i] as string)) {
      const group = dir.groups.get(gid);
      if (!group || seen.has(gid)) continue;
      seen.add(gid);
      out.push({ group, type: 'indirect' });
      queue.push(gid);
    }
  }
  return out;
}

/** Longest chain of groups from `groupId` upwards, counting `groupId` itself. */
function heightAbove(dir: Directory, groupId: string, memo: Map<string, number>, guard: Set<string>): number {
  const known = memo.get(groupId);
  if (known !== undefined) return known;
  if (guard.has(groupId)) return 0;
  guard.add(groupId);
  let best = 0;
  for (const parent of dir.parentsOf(groupId)) best = Math.max(best, heightAbove(dir, parent, memo, guard));
  guard.delete(groupId);
  memo.set(groupId, best + 1);
  return best + 1;
}

/** Longest chain of groups from `groupId` downwards through group members, counting itself. */
function depthBelow(dir: Directory, groupId: string, memo: Map<string, number>, guard: Set<string>): number {
  const known = memo.get(groupId);
  if (known !== undefined) return known;
  if (guard.has(groupId)) return 0;
  guard.add(groupId);
  let best = 0;
  const group = dir.groups.get(groupId);
  if (group) {
    for (const m of group.members) {
      if (dir.groups.has(m)) best = Math.max(best, depthBelow(dir, m, memo, guard));
    }
  }
  guard.delete(groupId);
  memo.set(groupId, best + 1);
  return best + 1;
}

/** How many levels of groups hang from `groupId`, counting itself (1 for a group without group members). */
export function levelsBelow(dir: Directory, groupId: string): number {
  return depthBelow(dir, groupId, new Map(), new Set());
}

function isAncestor(dir: Directory, candidate: string, of: string): boolean {
  const stack = [of];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const cur = stack.pop() as string;
    if (cur === candidate) return true;
    if (seen.has(cur)) continue;
    seen.add(cur);
    for (const p of dir.parentsOf(cur)) stack.push(p);
  }
  return false;
}

/**
 * Why group `childId` may not become a member of group `parentId`, or undefined when it may.
 * Checked against the directory as it is before the edge is added.
 */
export function nestingProblem(
  dir: Directory,
  parentId: string,
  childId: string,
  maxDepth: number,
): string | undefined {
  const parent = dir.groups.get(parentId);
  const child = dir.groups.get(childId);
  if (!parent || !child) return undefined;
  if (parentId === childId || isAncestor(dir, childId, parentId)) {
    return `Cannot add group ${child.displayName} to group ${parent.displayName}: it would create a cycle of nested groups.`;
  }
  const levels = heightAbove(dir, parentId, new Map(), new Set()) + depthBelow(dir, childId, new Map(), new Set());
  if (levels > maxDepth) {
    return `Cannot add group ${child.displayName} to group ${parent.displayName}: groups can be nested at most ${maxDepth} levels deep.`;
  }
  return undefined;
}
