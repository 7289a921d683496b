// The HTTP side: read the request, log it, let faults and knobs shape the answer, route it, and
// deliver it — on time, late, slowly, cut short, or not at all. Plain node:http on 127.0.0.1.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ServerLifecycle } from './lifecycle';
import { buildHosts, type Host, type HostSpec } from './account/hosts';
import type { ApiRequest, Reply } from './context';
import { seedState } from './data/seed';
import { databricksError, HttpError, RawBody, scimError, UNPARSABLE } from './errors';
import { FaultQueue, redirectReply, rollPreFault, rollTruncate, statusReply } from './faults';
import { WorkspaceLimits } from './limits';
import { createPrng } from './prng';
import { SCIM_BASE } from './router';
import { profiles } from './profiles';
import { newPatValue } from './tokenStore';
import {
  DEFAULT_KNOBS,
  type Emulator,
  type EmulatorOptions,
  type Fault,
  type Knobs,
  type RequestLogEntry,
} from './types';

const MAX_BODY_BYTES = 16 * 1024 * 1024;
const SLOW_BODY_CHUNKS = 4;
/** Azure workspace ids are 16-digit numbers (the `adb-<id>` in the host name). */
const DEFAULT_WORKSPACE_ID = '1234567890123456';

interface Delivery {
  delayMs: number;
  slowBodyMs: number;
  truncate: boolean;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const knobs: Knobs = { ...DEFAULT_KNOBS, ...profiles[opts.profile ?? 'default'], ...opts.knobs };
  const workspaceId = opts.workspaceId ?? DEFAULT_WORKSPACE_ID;
  let random = createPrng(knobs.seed);
  const state = seedState(opts.dataset ?? 'demo', () => knobs);
  const adminToken = opts.adminToken ?? newPatValue();
  state.issueTokenFor(state.adminUser.id, { value: adminToken, comment: 'emulator admin token' });
  state.syncConsistencyMode();
  const hosts = buildHosts(
    state,
    () => knobs,
    opts,
    workspaceId,
    (ws) => new WorkspaceLimits(() => knobs, ws),
  );
  const account = hosts.account;
  const faults = new FaultQueue();
  const log: RequestLogEntry[] = [];

  async function handle(host: Host, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { limits, lifecycle } = host;
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const entry: RequestLogEntry = {
      method,
      host: host.name,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: 0,
      receivedAt: Date.now(),
    };
    if (req.headers.authorization !== undefined) entry.authorization = req.headers.authorization;
    log.push(entry);
    // The limits cover workspace SCIM only; the Token API has its own (its quota).
    const ticket = limits && url.pathname.startsWith(SCIM_BASE) ? limits.enter() : undefined;
    if (ticket && limits) {
      entry.concurrency = limits.stats.inFlight;
      res.once('close', () => limits.leave(ticket));
    }

    const raw = await readBody(req);
    let body: unknown;
    let bodyError: string | undefined;
    if (raw === undefined) bodyError = 'too large';
    else if (raw.length > 0) {
      const text = raw.toString('utf8');
      try {
        body = JSON.parse(text);
      } catch {
        bodyError = 'not JSON';
        body = text;
      }
    }
    if (body !== undefined) entry.body = body;

    const delivery: Delivery = { delayMs: 0, slowBodyMs: knobs.slowBodyMs, truncate: false };
    let reply: Reply | undefined;
    const fault: Fault | undefined = faults.take(method, url.pathname);
    if (fault) {
      entry.fault = fault.kind;
      if (fault.kind === 'reset') return reset(res);
      if (fault.kind === 'status') reply = statusReply(fault.status, knobs, fault);
      if (fault.kind === 'redirect') reply = redirectReply(fault.location, fault.status);
      if (fault.kind === 'delay') delivery.delayMs = fault.ms;
      if (fault.kind === 'slowBody') delivery.slowBodyMs = fault.ms;
      if (fault.kind === 'truncate') delivery.truncate = true;
    }
    const refusal = !reply && ticket && limits ? limits.admit(ticket, method) : undefined;
    if (refusal) {
      entry.fault = refusal.name;
      reply = refusal.reply;
    } else if (!fault) {
      const rolled = rollPreFault(knobs, random);
      if (rolled) {
        entry.fault = rolled.name;
        if (rolled.kind === 'reset') return reset(res);
        reply = statusReply(rolled.status, knobs);
      }
    }

    reply ??= answer(host, method, url, req.headers.authorization, body, bodyError, raw === undefined);
    delivery.delayMs += reply.delayMs ?? 0;
    if (!entry.fault && rollTruncate(knobs, random)) {
      entry.fault = 'truncateRate';
      delivery.truncate = true;
    }
    await lifecycle.sleep(knobs.latencyMs + delivery.delayMs);
    if (lifecycle.closed) return;
    entry.status = reply.status;
    const retryAfter = reply.headers?.['Retry-After'];
    if (retryAfter !== undefined) entry.retryAfter = retryAfter;
    await send(host, res, reply, delivery);
  }

  function answer(
    host: Host,
    method: string,
    url: URL,
    authorization: string | undefined,
    body: unknown,
    bodyError: string | undefined,
    tooLarge: boolean,
  ): Reply {
    try {
      const early = host.beforeAuth?.(method, url.pathname, host.baseUrl);
      if (early) return early;
      const caller = host.authenticate(authorization);
      if (tooLarge) throw databricksError(413, 'REQUEST_TOO_LARGE', 'Request body is too large.');
      const query = Object.fromEntries(url.searchParams);
      const apiRequest: ApiRequest = {
        method,
        pathname: url.pathname,
        query,
        body: bodyError ? undefined : body,
        caller,
        ...(bodyError ? { bodyError } : {}),
      };
      return host.dispatch(apiRequest);
    } catch (e) {
      if (e instanceof HttpError) return { status: e.status, body: e.body, headers: e.headers };
      const message = e instanceof Error ? e.message : String(e);
      if (url.pathname.startsWith(SCIM_BASE)) {
        const err = scimError(500, message || UNPARSABLE);
        return { status: 500, body: err.body };
      }
      return { status: 500, body: { error_code: 'INTERNAL_ERROR', message } };
    }
  }

  function reset(res: ServerResponse): void {
    res.socket?.destroy();
  }

  async function send(host: Host, res: ServerResponse, reply: Reply, delivery: Delivery): Promise<void> {
    const { lifecycle } = host;
    let payload = Buffer.alloc(0);
    const headers: Record<string, string | number> = { ...reply.headers };
    if (reply.body instanceof RawBody) {
      payload = Buffer.from(reply.body.text, 'utf8');
      headers['Content-Type'] = reply.body.contentType;
    } else if (reply.body !== undefined) {
      payload = Buffer.from(JSON.stringify(reply.body), 'utf8');
      headers['Content-Type'] = 'application/json';
    }
    headers['Content-Length'] = payload.length;
    res.writeHead(reply.status, headers);
    if (delivery.truncate && payload.length > 0) {
      // Promise the whole body, deliver half, then drop the connection.
      res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => res.socket?.destroy());
      return;
    }
    if (delivery.slowBodyMs > 0 && payload.length > 1) {
      const size = Math.ceil(payload.length / SLOW_BODY_CHUNKS);
      for (let off = 0; off < payload.length; off += size) {
        if (off > 0) await lifecycle.sleep(delivery.slowBodyMs);
        if (lifecycle.closed || res.destroyed) return;
        res.write(payload.subarray(off, off + size));
      }
      res.end();
      return;
    }
    res.end(payload);
  }

  const urls: string[] = [];
  const live: Host[] = [];
  for (const spec of hosts.all) {
    const server = createServer();
    const host: Host = { ...(spec as HostSpec), lifecycle: new ServerLifecycle(server), baseUrl: '' };
    live.push(host);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      handle(host, req, res).catch((e: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error_code: 'INTERNAL_ERROR', message: String(e) }));
        }
      });
    });
    host.baseUrl = await host.lifecycle.listen(urls.length === 0 ? (opts.port ?? 0) : 0);
    urls.push(host.baseUrl);
  }
  const url = urls[0] as string;
  const limits = hosts.primaryLimits;

  return {
    url,
    adminToken,
    workspaceId,
    stats: limits.stats,
    resetStats: () => limits.resetStats(),
    log,
    clearLog: () => {
      log.length = 0;
    },
    setKnobs: (k: Partial<Knobs>) => {
      Object.assign(knobs, k);
      if (k.seed !== undefined) random = createPrng(knobs.seed);
      state.syncConsistencyMode();
    },
    injectFaults: (...f: Fault[]) => faults.push(...f),
    state,
    account: { id: account.id, url: urls[urls.length - 1] as string, state: account },
    workspaces: account.workspaceIds.map((id, i) => ({ workspaceId: id, url: urls[i] as string })),
    entraToken: (userName?: string) => {
      const user = userName === undefined ? state.adminUser : state.findUser(userName);
      if (!user) throw new Error(`no user ${userName ?? ''}`);
      return account.issueEntraToken(user.id);
    },
    close: async () => {
      await Promise.all(live.map((h) => h.lifecycle.close()));
    },
  };
}

/** The whole body, or undefined when it exceeds MAX_BODY_BYTES (the rest is drained and dropped). */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on('error', () => resolve(Buffer.concat(chunks)));
  });
}
