// The two POST routes a client uses to read many objects in few calls: JSON `$batch` (up to 20
// GETs in one request, each answered on its own, in the Graph error shape when it fails) and
// `directoryObjects/getByIds` (up to 1,000 object ids in one request; ids that name nothing are
// simply absent from the answer; it needs Directory.Read.All, more than reading groups does).

import type { Reply } from '../context';
import { HttpError } from '../errors';
import type { EntraKind } from './directory';
import { graphError, renderObject } from './odata';
import { authenticate, deniedFor, dispatchGraph, type GraphRequest, type GraphServices } from './routes';
import { MAX_BATCH_REQUESTS, MAX_GET_BY_IDS } from './types';

/** One request of a batch as it was answered, for the emulator's log. */
export interface BatchItemLog {
  method: string;
  url: URL;
  consistencyLevel: string | undefined;
  status: number;
  retryAfter?: string;
  throttled: boolean;
}

export interface BatchOptions {
  /** Whether this item is throttled (the rate429 knob, rolled per item as Graph counts each). */
  throttle(): boolean;
  retryAfter: string;
  onItem(item: BatchItemLog): void;
}

/** `POST /{version}/$batch` → `{ responses: [{ id, status, headers, body }] }` in request order. */
export function answerBatch(s: GraphServices, req: GraphRequest, version: string, opts: BatchOptions): Reply {
  authenticate(s, req.authorization);
  const requests = isRecord(req.body) ? req.body['requests'] : undefined;
  if (!Array.isArray(requests) || requests.length === 0)
    throw graphError(400, 'BadRequest', 'Invalid batch payload format: a "requests" array is required.');
  if (requests.length > MAX_BATCH_REQUESTS)
    throw graphError(
      400,
      'BadRequest',
      `Limit of ${MAX_BATCH_REQUESTS} requests per batch exceeded (${requests.length}).`,
    );
  const ids = new Set<string>();
  const responses = requests.map((raw: unknown) => {
    const item = isRecord(raw) ? raw : {};
    const id = typeof item['id'] === 'string' ? item['id'] : '';
    const method = typeof item['method'] === 'string' ? item['method'].toUpperCase() : '';
    const relative = typeof item['url'] === 'string' ? item['url'] : '';
    if (id === '' || ids.has(id) || method === '' || relative === '')
      throw graphError(
        400,
        'BadRequest',
        'Invalid batch payload format: every request needs a unique id, a method and a url.',
      );
    ids.add(id);
    const url = new URL(`/${version}/${relative.replace(/^\/+/, '')}`, s.origin);
    const headers = isRecord(item['headers']) ? item['headers'] : {};
    const consistencyLevel = Object.entries(headers).find(([k]) => k.toLowerCase() === 'consistencylevel')?.[1];
    const level = typeof consistencyLevel === 'string' ? consistencyLevel : undefined;
    let reply: Reply;
    const throttled = opts.throttle();
    if (throttled) {
      const err = graphError(
        429,
        'TooManyRequests',
        'Too many requests. Please retry after the time in the Retry-After header.',
      );
      reply = { status: 429, body: err.body, headers: { 'Retry-After': opts.retryAfter } };
    } else {
      reply = answerOne(s, { method, url, authorization: req.authorization, consistencyLevel: level });
    }
    const log: BatchItemLog = { method, url, consistencyLevel: level, status: reply.status, throttled };
    const retryAfter = reply.headers?.['Retry-After'];
    if (retryAfter !== undefined) log.retryAfter = retryAfter;
    opts.onItem(log);
    return {
      id,
      status: reply.status,
      headers: { 'Content-Type': 'application/json', ...reply.headers },
      body: reply.body,
    };
  });
  return { status: 200, body: { responses } };
}

function answerOne(s: GraphServices, req: GraphRequest): Reply {
  try {
    if (req.method !== 'GET')
      throw graphError(
        405,
        'Request_BadRequest',
        `The HTTP method '${req.method}' is not allowed inside a batch in this emulator.`,
      );
    return dispatchGraph(s, req);
  } catch (e) {
    if (e instanceof HttpError) return { status: e.status, body: e.body, headers: e.headers };
    throw e;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const TYPES: Readonly<Record<string, EntraKind>> = {
  user: 'user',
  group: 'group',
  serviceprincipal: 'servicePrincipal',
};

/** `POST /{version}/directoryObjects/getByIds` `{ ids, types? }` → `{ value: [...] }`, unknown ids left out. */
export function answerGetByIds(s: GraphServices, req: GraphRequest, version: string): Reply {
  const scopes = authenticate(s, req.authorization);
  // Graph documents Directory.Read.All as the least permission for getByIds: GroupMember.Read.All is not enough.
  if (deniedFor(s, scopes)('Directory.Read.All'))
    throw graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  const body = isRecord(req.body) ? req.body : {};
  const ids = body['ids'];
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((i): i is string => typeof i === 'string')) {
    throw graphError(400, 'Request_BadRequest', 'The request needs a non-empty "ids" array of strings.');
  }
  if (ids.length > MAX_GET_BY_IDS)
    throw graphError(400, 'Request_BadRequest', `Too many ids: at most ${MAX_GET_BY_IDS} per request (${ids.length}).`);
  const rawTypes = body['types'];
  const types = Array.isArray(rawTypes) ? rawTypes.map((t) => TYPES[String(t).toLowerCase()]) : undefined;
  if (types?.some((t) => t === undefined))
    throw graphError(400, 'Request_BadRequest', 'Unknown object type in "types".');
  const value = [];
  for (const id of ids) {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
      throw graphError(400, 'Request_BadRequest', `Invalid object identifier '${id}'.`);
    const o = s.dir.get(id) ?? s.dir.get(id.toLowerCase());
    if (o && (!types || types.includes(o.kind))) value.push(renderObject(o, undefined));
  }
  return { status: 200, body: { '@odata.context': `${s.origin}/${version}/$metadata#directoryObjects`, value } };
}
