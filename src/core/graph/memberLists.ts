// The direct members of many Entra groups — the compared groups and every group nested in them —
// read level by level in as few requests as Graph allows: first pages through `$batch` (20 groups
// a request, `$select` and `$top=999`), the rest of a big group by its nextLinks. memberTree then
// walks the lists in memory, so one compared group and five thousand use the same code.
//
// Service principals: v1.0 `/members` leaves them out. Asking the servicePrincipal cast of every
// group nested anywhere would double the requests, so each compared group asks its
// `/transitiveMembers` cast (an advanced query: ConsistencyLevel + $count) with its first page:
// only the trees that hold a service principal at all get per-group casts. That answer is also
// the evidence for the cast itself: when the tree holds service principals, the v1.0 `/members`
// cast lists none of them and `/beta` does, the v1.0 route is silent, and the client reads them
// from `/beta` from then on (and says so in the log).

import { batchGet, batchItemError, eachLimited, type BatchAnswer, type BatchRequest } from './batch';
import { EVENTUAL, MAX_PAGE_SIZE, MEMBER_SELECT, SERVICE_PRINCIPAL_SELECT, type GraphClient } from './client';
import { APPLICATION_PERMISSION, invalidAnswer } from './errors';
import { DEFAULT_TREE_DEPTH, memberTree, type MemberTree } from './memberTree';
import { parseCollection, parseMember } from './parse';
import { graphQuery } from './query';
import type { GraphMember, GraphPage } from './types';

export interface MemberListsOptions {
  /** Default true: nested groups are read too (down to maxDepth). False: the roots only. */
  transitive?: boolean;
  maxDepth?: number;
  signal?: AbortSignal;
}

/** Direct members of every group read, by group object id (each member once per group). */
export type MemberLists = Map<string, GraphMember[]>;

const MEMBERS_QUERY = graphQuery({ $select: MEMBER_SELECT, $top: MAX_PAGE_SIZE });
const CAST_QUERY = graphQuery({ $select: SERVICE_PRINCIPAL_SELECT, $top: MAX_PAGE_SIZE });
const TRANSITIVE_CAST_QUERY = graphQuery({ $select: SERVICE_PRINCIPAL_SELECT, $top: MAX_PAGE_SIZE, $count: true });
/** nextLink listings followed at once (each is a sequence of pages). */
const PAGING_CONCURRENCY = 4;

export async function loadMemberLists(
  graph: GraphClient,
  roots: readonly string[],
  opts: MemberListsOptions = {},
): Promise<MemberLists> {
  const transitive = opts.transitive ?? true;
  const maxDepth = transitive ? Math.max(0, Math.floor(opts.maxDepth ?? DEFAULT_TREE_DEPTH)) : 0;
  const lists: MemberLists = new Map();
  const rootIds = [...new Set(roots)];
  const spEvidence = new Map<string, Set<string>>();

  let level = rootIds;
  const queued = new Set(level);
  for (let depth = 0; level.length > 0; depth++) {
    const requests: Array<ListingRequest> = level.map((id) => ({
      group: id,
      path: `/groups/${encodeURIComponent(id)}/members`,
      query: MEMBERS_QUERY,
    }));
    if (depth === 0) {
      for (const id of rootIds)
        requests.push({
          group: id,
          path: `/groups/${encodeURIComponent(id)}/transitiveMembers/microsoft.graph.servicePrincipal`,
          query: TRANSITIVE_CAST_QUERY,
          headers: { ...EVENTUAL },
          evidence: true,
        });
    }
    const listings = await readListings(graph, requests, graph.version, opts.signal);
    const next: string[] = [];
    listings.forEach((members, i) => {
      const r = requests[i] as ListingRequest;
      if (r.evidence) {
        spEvidence.set(r.group, new Set(members.map((m) => m.id)));
        return;
      }
      lists.set(r.group, members);
      if (depth >= maxDepth) return;
      for (const m of members) {
        if (m.type === 'group' && !queued.has(m.id)) {
          queued.add(m.id);
          next.push(m.id);
        }
      }
    });
    level = next;
  }

  // Only groups under a root whose transitive answer lists a service principal can hold one.
  const withSps = rootIds.filter((id) => (spEvidence.get(id)?.size ?? 0) > 0);
  const groupsOf = (root: string): string[] => (transitive ? treeOf(lists, root) : [root]);
  const castGroups = [...new Set(withSps.flatMap(groupsOf))];
  if (castGroups.length === 0) return lists;
  const found = await readCasts(graph, castGroups, graph.servicePrincipalRoute, opts.signal);
  // A root whose listed SPs show up nowhere in what was read (casts, or /members once Graph lists
  // them there): ask /beta for its groups. SPs there that v1.0 did not list prove the v1.0 cast
  // silent, and from then on /beta is the route; none there means they sit deeper than was read.
  const seenIn = (root: string): boolean =>
    groupsOf(root).some((g) =>
      [...(found.get(g) ?? []), ...(lists.get(g) ?? [])].some((m) => spEvidence.get(root)?.has(m.id) === true),
    );
  const suspects = graph.servicePrincipalRoute === 'v1.0' ? withSps.filter((root) => !seenIn(root)) : [];
  if (suspects.length > 0) {
    const suspectGroups = [...new Set(suspects.flatMap(groupsOf))];
    const beta = await readCasts(graph, suspectGroups, 'beta', opts.signal);
    const root = suspects.find((r) =>
      groupsOf(r).some((g) => (beta.get(g) ?? []).some((m) => spEvidence.get(r)?.has(m.id) === true)),
    );
    if (root !== undefined) {
      const count = spEvidence.get(root)?.size ?? 0;
      graph.useBetaForServicePrincipals(
        `the v1.0 /members/microsoft.graph.servicePrincipal cast listed none of the ${count} service principal(s) that /transitiveMembers lists under Entra group ${root}, and /beta lists them`,
      );
      const rest = castGroups.filter((g) => !beta.has(g));
      for (const [g, sps] of [...beta, ...(await readCasts(graph, rest, 'beta', opts.signal))]) found.set(g, sps);
    }
  }
  for (const g of castGroups) merge(lists, g, found.get(g) ?? []);
  return lists;
}

/** memberTree over lists already read: no request, the same walk (depth limit, cycles, `via`). */
export function treeFromLists(lists: MemberLists, rootId: string, maxDepth = DEFAULT_TREE_DEPTH): Promise<MemberTree> {
  const source = {
    async *listMembers(groupId: string): AsyncGenerator<GraphPage<GraphMember>> {
      await Promise.resolve();
      const members = lists.get(groupId);
      if (members === undefined) throw new Error(`Entra group ${groupId} was not read`);
      yield { items: members };
    },
  };
  return memberTree(source, rootId, { maxDepth });
}

interface ListingRequest {
  group: string;
  path: string;
  query: string;
  headers?: Record<string, string>;
  /** The transitive servicePrincipal cast of a root. */
  evidence?: true;
  permission?: string;
}

/** Each listing in full: first pages in batches, then the nextLinks of the big ones. */
async function readListings(
  graph: GraphClient,
  requests: readonly ListingRequest[],
  version: string,
  signal: AbortSignal | undefined,
): Promise<GraphMember[][]> {
  const batch: BatchRequest[] = requests.map((r) => ({
    url: `${r.path}${r.query}`,
    ...(r.headers ? { headers: r.headers } : {}),
  }));
  const answers = await batchGet(graph, batch, { version, ...(signal ? { signal } : {}) });
  const out: GraphMember[][] = requests.map(() => []);
  const rest: number[] = [];
  answers.forEach((answer, i) => {
    const r = requests[i] as ListingRequest;
    const page = firstPage(graph, r, answer, version);
    out[i] = uniqueMembers(page.values.map(parseMember));
    if (page.nextLink !== undefined) rest.push(i);
  });
  await eachLimited(rest, PAGING_CONCURRENCY, signal, async (i) => {
    const r = requests[i] as ListingRequest;
    const first = firstPage(graph, r, answers[i] as BatchAnswer, version);
    const all: Array<GraphMember | undefined> = [];
    for await (const page of graph.restOfListing(r.path, first, {
      what: `Entra group ${r.group}`,
      ...(r.permission ? { permission: r.permission } : {}),
      signal,
      version,
    })) {
      all.push(...page.values.map(parseMember));
    }
    out[i] = uniqueMembers(all);
  });
  return out;
}

function firstPage(
  graph: GraphClient,
  r: ListingRequest,
  answer: BatchAnswer,
  version: string,
): NonNullable<ReturnType<typeof parseCollection>> {
  const what = `Entra group ${r.group}`;
  const permission = r.permission ?? (r.path.endsWith('.servicePrincipal') ? APPLICATION_PERMISSION : undefined);
  if (answer.status < 200 || answer.status >= 300) throw batchItemError(graph, r.path, answer, what, permission);
  const page = parseCollection(answer.body);
  if (!page) throw invalidAnswer(graph.context(r.path, { what }, version), 'the answer has no "value" list');
  return page;
}

async function readCasts(
  graph: GraphClient,
  groups: readonly string[],
  version: string,
  signal: AbortSignal | undefined,
): Promise<Map<string, GraphMember[]>> {
  const requests = groups.map((id) => ({
    group: id,
    path: `/groups/${encodeURIComponent(id)}/members/microsoft.graph.servicePrincipal`,
    query: CAST_QUERY,
    permission: APPLICATION_PERMISSION,
  }));
  const listings = await readListings(graph, requests, version, signal);
  return new Map(groups.map((g, i) => [g, listings[i] ?? []]));
}

/** The root and every group below it that was read (the groups memberTree may expand). */
function treeOf(lists: MemberLists, rootId: string): string[] {
  const seen = new Set<string>([rootId]);
  const queue = [rootId];
  for (let i = 0; i < queue.length; i++) {
    for (const m of lists.get(queue[i] as string) ?? []) {
      if (m.type === 'group' && lists.has(m.id) && !seen.has(m.id)) {
        seen.add(m.id);
        queue.push(m.id);
      }
    }
  }
  return queue;
}

function merge(lists: MemberLists, groupId: string, extra: readonly GraphMember[]): void {
  const have = lists.get(groupId) ?? [];
  const ids = new Set(have.map((m) => m.id));
  lists.set(groupId, [...have, ...extra.filter((m) => !ids.has(m.id))]);
}

function uniqueMembers(parsed: ReadonlyArray<GraphMember | undefined>): GraphMember[] {
  const seen = new Set<string>();
  const out: GraphMember[] = [];
  for (const m of parsed) {
    if (!m || seen.has(m.id)) continue;
    seen.add(m.id);
    out.push(m);
  }
  return out;
}
