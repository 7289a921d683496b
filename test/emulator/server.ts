// The HTTP side: read the request, log it, let faults and knobs shape the answer, route it, and
// deliver it — on time, late, slowly, cut short, or not at all. Plain node:http on 127.0.0.1.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServerLifecycle } from './lifecycle';
import { buildHosts, type Host, type HostSpec } from './account/hosts';
import type { ApiRequest, Reply } from './context';
import { seedState } from './data/seed';
import { databricksError, HttpError, scimError, UNPARSABLE } from './errors';
import { FaultQueue, rollPreFault, rollTruncate, statusReply } from './faults';
import { answerBytes, arrivalEntry, faultEffect, serverFor, waitToAnswer } from './exchange';
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
    const entry: RequestLogEntry = { ...arrivalEntry(req, method, url), host: host.name };
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
      const effect = faultEffect(fault, entry, (f) => statusReply(f.status, knobs, f));
      if (effect.reset) return reset(res);
      reply = effect.reply;
      delivery.delayMs = effect.delayMs;
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
    if (await waitToAnswer(lifecycle, knobs.latencyMs + delivery.delayMs, entry, reply))
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
    const { payload, headers } = answerBytes(reply);
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
    const server = serverFor(
      (req, res) => handle(host, req, res),
      (message) => ({ error_code: 'INTERNAL_ERROR', message }),
    );
    const host: Host = { ...(spec as HostSpec), lifecycle: new ServerLifecycle(server), baseUrl: '' };
    live.push(host);
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
