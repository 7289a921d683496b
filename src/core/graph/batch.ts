// Reading many Graph objects in few HTTP requests. JSON `$batch` carries up to 20 GETs per call and
// answers each on its own; `directoryObjects/getByIds` resolves up to 1,000 object ids per call.
// A batch that succeeds as a whole can still hold throttled items (Graph counts every request in
// it against the tenant's budget): those items are sent again, in a later batch, after the longest
// Retry-After they gave, so one busy moment costs a few items, never the whole job.

import { timerSleep } from '../http/abort';
import { ConcurrencyLimiter } from '../http/concurrency';
import { isRecord, readRecords } from '../http/json';
import { retryAfterSeconds } from '../http/retryAfter';
import { GROUP_SELECT, type GraphClient } from './client';
import { GraphError, graphErrorFromResponse, invalidAnswer } from './errors';
import { parseGroup } from './parse';
import { graphQuery } from './query';
import type { GraphGroup } from './types';

/** Graph's limit of requests in one `$batch`. */
export const MAX_BATCH_REQUESTS = 20;
/** Graph's limit of ids in one `directoryObjects/getByIds`. */
export const MAX_IDS_PER_CALL = 1000;
/** Batches in flight at once (each is 20 requests for Graph's throttling). */
export const BATCH_CONCURRENCY = 4;
/** Rounds for items that keep coming back throttled; the last answer is then returned as it is. */
export const MAX_BATCH_ROUNDS = 6;
const MAX_WAIT_MS = 60_000;

export interface BatchRequest {
  /** Relative to the client's version, starting with '/': `/groups/{id}/members?$select=…`. */
  url: string;
  headers?: Record<string, string>;
}

export interface BatchAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface BatchOptions {
  signal?: AbortSignal;
  concurrency?: number;
  /** API version the batch goes to (its requests' URLs are relative to it); default the client's. */
  version?: string;
  /** Replaceable wait (tests); defaults to a real timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Every request answered, in input order. Non-2xx items stay in the result for the caller to map
 * (a 404 for one group is an answer, not a failure of the batch); only a failure of the `$batch`
 * call itself rejects.
 */
export async function batchGet(
  graph: GraphClient,
  requests: readonly BatchRequest[],
  opts: BatchOptions = {},
): Promise<BatchAnswer[]> {
  const answers: Array<BatchAnswer | undefined> = new Array<BatchAnswer | undefined>(requests.length);
  const sleep = opts.sleep ?? timerSleep;
  let pending = requests.map((_, i) => i);
  for (let round = 1; pending.length > 0; round++) {
    const again: number[] = [];
    let waitMs = 0;
    await eachLimited(
      chunk(pending, MAX_BATCH_REQUESTS),
      opts.concurrency ?? BATCH_CONCURRENCY,
      opts.signal,
      async (indexes) => {
        const got = await sendBatch(
          graph,
          indexes.map((i) => requests[i] as BatchRequest),
          opts.signal,
          opts.version ?? graph.version,
        );
        got.forEach((answer, k) => {
          const index = indexes[k] as number;
          answers[index] = answer;
          if ((answer.status === 429 || answer.status === 503) && round < MAX_BATCH_ROUNDS) {
            again.push(index);
            waitMs = Math.max(waitMs, (retryAfterSeconds(answer.headers) ?? 2 ** round) * 1000);
          }
        });
      },
    );
    pending = again.sort((a, b) => a - b);
    if (pending.length > 0) await sleep(Math.min(waitMs, MAX_WAIT_MS), opts.signal);
  }
  return answers.map((a) => a ?? { status: 0, headers: {}, body: undefined });
}

async function sendBatch(
  graph: GraphClient,
  requests: readonly BatchRequest[],
  signal: AbortSignal | undefined,
  version: string,
): Promise<BatchAnswer[]> {
  const body = {
    requests: requests.map((r, i) => ({
      id: String(i + 1),
      method: 'GET',
      url: r.url,
      ...(r.headers ? { headers: r.headers } : {}),
    })),
  };
  const extra = { what: `a batch of ${requests.length} Graph requests` };
  const json = await graph.postJson('/$batch', body, { ...extra, signal, version });
  const responses = isRecord(json) ? readRecords(json, 'responses') : undefined;
  if (!responses) throw invalidAnswer(graph.context('/$batch', extra), 'the batch answer has no "responses" list');
  // Graph may answer a batch's requests in any order: they are matched by id.
  const byId = new Map(responses.map((r) => [String(r['id']), r]));
  return requests.map((_, i) => {
    const r = byId.get(String(i + 1));
    if (!r || typeof r['status'] !== 'number')
      throw invalidAnswer(graph.context('/$batch', extra), `the batch answer lacks request ${i + 1}`);
    const headers: Record<string, string> = {};
    if (isRecord(r['headers']))
      for (const [k, v] of Object.entries(r['headers'])) if (typeof v === 'string') headers[k.toLowerCase()] = v;
    return { status: r['status'], headers, body: r['body'] };
  });
}

/**
 * The groups among `ids` (object ids), through `directoryObjects/getByIds` 1,000 at a time. An
 * id that names no group — deleted, or another kind of object — is simply absent from the result.
 */
export async function getGroupsByIds(
  graph: GraphClient,
  ids: readonly string[],
  opts: BatchOptions = {},
): Promise<GraphGroup[]> {
  const unique = [...new Set(ids.map((id) => id.trim().toLowerCase()))];
  const out: GraphGroup[] = [];
  await eachLimited(
    chunk(unique, MAX_IDS_PER_CALL),
    opts.concurrency ?? BATCH_CONCURRENCY,
    opts.signal,
    async (part) => {
      const extra = { what: `${part.length} Entra groups by object id` };
      const json = await graph.postJson(
        '/directoryObjects/getByIds',
        { ids: part, types: ['group'] },
        { ...extra, signal: opts.signal },
      );
      const values = isRecord(json) ? readRecords(json, 'value') : undefined;
      if (!values)
        throw invalidAnswer(graph.context('/directoryObjects/getByIds', extra), 'the answer has no "value" list');
      for (const v of values) {
        if (v['@odata.type'] !== undefined && v['@odata.type'] !== '#microsoft.graph.group') continue;
        const g = parseGroup(v);
        if (g) out.push(g);
      }
    },
  );
  return out;
}

/** A non-2xx batch item as the GraphError a plain request would have raised. */
export function batchItemError(
  graph: GraphClient,
  path: string,
  answer: BatchAnswer,
  what: string,
  permission?: string,
): GraphError {
  const ctx = graph.context(path.replace(/\?.*$/, ''), permission ? { what, permission } : { what });
  return graphErrorFromResponse(
    {
      status: answer.status,
      headers: answer.headers,
      bodyText: JSON.stringify(answer.body ?? ''),
      url: '',
      attempts: 1,
    },
    ctx,
  );
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs `work` over `items`, at most `limit` at once; the first failure rejects. */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal | undefined,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const limiter = new ConcurrencyLimiter(Math.max(1, limit));
  await Promise.all(
    items.map(async (item) => {
      const release = await limiter.acquire(signal);
      try {
        await work(item);
      } finally {
        release();
      }
    }),
  );
}

/**
 * One object id looked up: the group, `missing` (Graph's 404: deleted or never a group) or `invalid` (400: not an
 * id).
 */
export type IdLookup = GraphGroup | 'missing' | 'invalid';

/** Clients whose sign-in was refused getByIds: asked once, not again. */
const withoutGetByIds = new WeakSet<GraphClient>();

/**
 * Groups by object id, keyed by the ids as given. getByIds (1,000 a call) needs Directory.Read.All,
 * more than reading groups does; without it (the first 403, said once in the log) the groups are
 * read with `GET /groups/{id}`, 20 a `$batch` — the same answers a lookup one by one would get.
 */
export async function lookupGroupsByIds(
  graph: GraphClient,
  ids: readonly string[],
  opts: BatchOptions = {},
): Promise<Map<string, IdLookup>> {
  const out = new Map<string, IdLookup>();
  if (!withoutGetByIds.has(graph)) {
    try {
      const byId = new Map((await getGroupsByIds(graph, ids, opts)).map((g) => [g.id.toLowerCase(), g]));
      for (const id of ids) out.set(id, byId.get(id.trim().toLowerCase()) ?? 'missing');
      return out;
    } catch (e) {
      if (!(e instanceof GraphError && e.status === 403)) throw e;
      withoutGetByIds.add(graph);
      graph.note(
        'Microsoft Graph: directoryObjects/getByIds needs Directory.Read.All, which this sign-in lacks; Entra groups linked by externalId are read 20 at a time through $batch instead.',
      );
    }
  }
  const unique = [...new Set(ids)];
  const answers = await batchGet(
    graph,
    unique.map((id) => ({ url: `/groups/${encodeURIComponent(id)}${graphQuery({ $select: GROUP_SELECT })}` })),
    opts,
  );
  answers.forEach((answer, i) => {
    const id = unique[i] as string;
    const what = `Entra group ${id}`;
    if (answer.status === 404) out.set(id, 'missing');
    else if (answer.status === 400) out.set(id, 'invalid');
    else if (answer.status < 200 || answer.status >= 300) throw batchItemError(graph, `/groups/${id}`, answer, what);
    else out.set(id, parseGroup(answer.body) ?? invalidGroup(graph, id, what));
  });
  return out;
}

function invalidGroup(graph: GraphClient, id: string, what: string): never {
  throw invalidAnswer(graph.context(`/groups/${id}`, { what }));
}
