// The Graph emulator's HTTP side: log the request, let injected faults and the 429 knob shape the
// answer, route it, deliver it (after the latency knob). Plain node:http on 127.0.0.1, like the
// Databricks emulator, whose fault queue, exchange plumbing and seeded PRNG it reuses; bodies are Graph-shaped.

import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServerLifecycle } from '../lifecycle';
import type { Reply } from '../context';
import { seedEntra } from '../data/entra';
import { HttpError, RawBody } from '../errors';
import {
  answerBytes,
  arrivalEntry,
  faultEffect,
  serverFor,
  waitToAnswer,
  type FaultEffect,
  type StatusFault,
} from '../exchange';
import { FaultQueue } from '../faults';
import { createPrng } from '../prng';
import { graphError } from './odata';
import { answerBatch, answerGetByIds, type BatchItemLog } from './batch';
import { dispatchGraph, type GraphRequest, type GraphServices } from './routes';
import {
  DEFAULT_GRAPH_KNOBS,
  DEFAULT_GRAPH_SCOPES,
  graphProfiles,
  type GraphEmulator,
  type GraphEmulatorOptions,
  type GraphFault,
  type GraphKnobs,
  type GraphRequestLogEntry,
} from './types';

export async function startGraphEmulator(opts: GraphEmulatorOptions = {}): Promise<GraphEmulator> {
  const knobs: GraphKnobs = { ...DEFAULT_GRAPH_KNOBS, ...graphProfiles[opts.profile ?? 'default'], ...opts.knobs };
  let random = createPrng(knobs.seed);
  const dir = seedEntra(opts.org ?? 'demo', opts.databricksScale);
  const tokens = new Map<string, readonly string[]>();
  const issueToken = (scopes: readonly string[], value?: string): string => {
    // JWT-shaped like Entra's, with the delegated scopes in `scp` (space separated), so a log or a
    // redaction check sees what a real token looks like.
    const payload = Buffer.from(
      JSON.stringify({ scp: scopes.join(' '), nonce: randomBytes(12).toString('base64url') }),
    ).toString('base64url');
    const token = value ?? `eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.${payload}.graph-emulator`;
    tokens.set(token, [...scopes]);
    return token;
  };
  const token = issueToken(opts.scopes ?? DEFAULT_GRAPH_SCOPES, opts.token);
  const faults = new FaultQueue();
  const log: GraphRequestLogEntry[] = [];
  const services: GraphServices = { dir, scopesOf: (t) => tokens.get(t), origin: '', knobs: () => knobs };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', services.origin);
    const entry: GraphRequestLogEntry = arrivalEntry(req, method, url);
    const body = parseBody(rawBody);
    if (body !== undefined) entry.body = body;
    const consistencyLevel = header(req, 'consistencylevel');
    if (consistencyLevel !== undefined) entry.consistencyLevel = consistencyLevel;
    log.push(entry);

    let effect: FaultEffect = { delayMs: 0 };
    const fault = faults.take(method, url.pathname) as GraphFault | undefined;
    if (fault) {
      const retryAfter = (f: StatusFault) =>
        f.retryAfter ?? (f.status === 429 || f.status === 503 ? knobs.retryAfter : undefined);
      effect = faultEffect(fault, entry, (f) => throttled(f.status, retryAfter(f), f.body));
    } else if (knobs.rate429 > 0 && !url.pathname.endsWith('/$batch') && random() < knobs.rate429) {
      // A batch is throttled item by item (Graph counts each of its requests), never as a whole.
      entry.fault = 'rate429';
      effect = { reply: throttled(429, knobs.retryAfter), delayMs: 0 };
    }
    if (effect.reset) {
      res.socket?.destroy();
      return;
    }
    const reply =
      effect.reply ?? answer({ method, url, authorization: req.headers.authorization, consistencyLevel, body }, entry);
    if (!(await waitToAnswer(lifecycle, knobs.latencyMs + effect.delayMs, entry, reply))) return;
    const { payload, headers } = answerBytes(reply);
    res.writeHead(reply.status, headers);
    res.end(payload);
  }

  function answer(req: GraphRequest, entry: GraphRequestLogEntry): Reply {
    try {
      const [, version = '', first, second] = req.url.pathname.split('/');
      if (req.method === 'POST' && first === '$batch' && second === undefined) {
        const items = requestsOf(req.body);
        entry.batchSize = items;
        return answerBatch(services, req, version, {
          throttle: () => knobs.rate429 > 0 && random() < knobs.rate429,
          retryAfter: knobs.retryAfter,
          onItem: (item) => log.push(batchItemEntry(item, req.authorization)),
        });
      }
      if (req.method === 'POST' && first === 'directoryObjects' && second === 'getByIds')
        return answerGetByIds(services, req, version);
      return dispatchGraph(services, req);
    } catch (e) {
      if (e instanceof HttpError) return { status: e.status, body: e.body, headers: e.headers };
      const err = graphError(500, 'InternalServerError', e instanceof Error ? e.message : String(e));
      return { status: 500, body: err.body };
    }
  }

  const server = serverFor(handle, (message) => ({ error: { code: 'InternalServerError', message } }));
  const lifecycle = new ServerLifecycle(server);
  const url = await lifecycle.listen(opts.port ?? 0);
  services.origin = url;

  return {
    url: services.origin,
    token,
    issueToken: (scopes) => issueToken(scopes),
    log,
    clearLog: () => {
      log.length = 0;
    },
    setKnobs: (k: Partial<GraphKnobs>) => {
      Object.assign(knobs, k);
      if (k.seed !== undefined) random = createPrng(knobs.seed);
    },
    injectFaults: (...f: GraphFault[]) => faults.push(...f),
    state: dir,
    close: () => lifecycle.close(),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function requestsOf(body: unknown): number {
  const requests =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)['requests']
      : undefined;
  return Array.isArray(requests) ? requests.length : 0;
}

function batchItemEntry(item: BatchItemLog, authorization: string | undefined): GraphRequestLogEntry {
  const e: GraphRequestLogEntry = {
    method: item.method,
    path: item.url.pathname,
    query: Object.fromEntries(item.url.searchParams),
    status: item.status,
    receivedAt: Date.now(),
    inBatch: true,
  };
  if (authorization !== undefined) e.authorization = authorization;
  if (item.consistencyLevel !== undefined) e.consistencyLevel = item.consistencyLevel;
  if (item.retryAfter !== undefined) e.retryAfter = item.retryAfter;
  if (item.throttled) e.fault = 'rate429';
  return e;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A 429/503 (or any injected status) in Graph's error shape, with Retry-After when given. */
function throttled(status: number, retryAfter: string | undefined, rawBody?: string): Reply {
  const headers: Record<string, string> = {};
  if (retryAfter !== undefined) headers['Retry-After'] = retryAfter;
  if (rawBody !== undefined) return { status, body: new RawBody(rawBody, 'application/json'), headers };
  const message =
    status === 429
      ? 'Too many requests. Please retry after the time in the Retry-After header.'
      : `Injected failure with status ${status}.`;
  const err = graphError(status, status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', message);
  return { status, body: err.body, headers };
}
