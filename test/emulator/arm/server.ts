// The ARM emulator's HTTP side: log the request, let injected faults and the 429 knob shape the
// answer, route it, deliver it after the latency knob. Plain node:http on 127.0.0.1 like the other
// emulators, whose fault queue, lifecycle and seeded PRNG it reuses; bodies are ARM-shaped.

import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Reply } from '../context';
import { HttpError, RawBody } from '../errors';
import { FaultQueue, redirectReply } from '../faults';
import { ServerLifecycle } from '../lifecycle';
import { createPrng } from '../prng';
import { armError, throttleBody } from './errors';
import { dispatchArm, subscriptionOfPath, type ArmServices } from './routes';
import { ARM_CALLER_OBJECT_ID, ArmState } from './state';
import {
  ARM_AUDIENCE,
  DEFAULT_ARM_KNOBS,
  armProfiles,
  type ArmEmulator,
  type ArmEmulatorOptions,
  type ArmFault,
  type ArmKnobs,
  type ArmRequestLogEntry,
  type ArmTokenClaims,
} from './types';

export async function startArmEmulator(opts: ArmEmulatorOptions = {}): Promise<ArmEmulator> {
  const knobs: ArmKnobs = { ...DEFAULT_ARM_KNOBS, ...armProfiles[opts.profile ?? 'default'], ...opts.knobs };
  let random = createPrng(knobs.seed);
  const tokens = new Map<string, Required<ArmTokenClaims>>();
  const issueToken = (claims: ArmTokenClaims = {}, value?: string): string => {
    const full = { audience: claims.audience ?? ARM_AUDIENCE, objectId: claims.objectId ?? ARM_CALLER_OBJECT_ID };
    // JWT-shaped like Entra's, so a redaction check meets what a real ARM token looks like.
    const payload = Buffer.from(
      JSON.stringify({ aud: full.audience, oid: full.objectId, nonce: randomBytes(12).toString('base64url') }),
    ).toString('base64url');
    const token = value ?? `eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.${payload}.arm-emulator`;
    tokens.set(token, full);
    return token;
  };
  const token = issueToken({}, opts.token);
  const state = new ArmState();
  const faults = new FaultQueue();
  const log: ArmRequestLogEntry[] = [];
  // Requests open at once (arrived, not answered): lets a test check a client's concurrency bound.
  let inFlight = 0;
  let peakInFlight = 0;
  const services: ArmServices = { state, origin: '', knobs: () => knobs, claimsOf: (t) => tokens.get(t) };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', services.origin);
    const entry: ArmRequestLogEntry = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: 0,
      receivedAt: Date.now(),
    };
    if (req.headers.authorization !== undefined) entry.authorization = req.headers.authorization;
    log.push(entry);
    req.resume();

    let reply: Reply | undefined;
    let delayMs = 0;
    const fault = faults.take(method, url.pathname) as ArmFault | undefined;
    if (fault) {
      entry.fault = fault.kind;
      if (fault.kind === 'reset') {
        res.socket?.destroy();
        return;
      }
      if (fault.kind === 'status')
        reply = statusReply(fault.status, fault.retryAfter ?? knobs.retryAfter, url, fault.body);
      if (fault.kind === 'redirect') reply = redirectReply(fault.location, fault.status);
      if (fault.kind === 'delay') delayMs = fault.ms;
    } else if (knobs.rate429 > 0 && random() < knobs.rate429) {
      entry.fault = 'rate429';
      reply = statusReply(429, knobs.retryAfter, url);
    }
    reply ??= answer(method, url, req.headers.authorization);
    await lifecycle.sleep(knobs.latencyMs + delayMs);
    if (lifecycle.closed) return;
    entry.status = reply.status;
    const retryAfter = reply.headers?.['Retry-After'];
    if (retryAfter !== undefined) entry.retryAfter = retryAfter;
    const raw = reply.body instanceof RawBody ? reply.body.text : undefined;
    const payload = Buffer.from(raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body)), 'utf8');
    res.writeHead(reply.status, {
      ...reply.headers,
      'Content-Type': reply.body instanceof RawBody ? reply.body.contentType : 'application/json; charset=utf-8',
      'Content-Length': payload.length,
      'x-ms-request-id': randomUUID(),
      'x-ms-correlation-request-id': randomUUID(),
    });
    res.end(payload);
  }

  function answer(method: string, url: URL, authorization: string | undefined): Reply {
    try {
      return dispatchArm(services, { method, url, authorization });
    } catch (e) {
      if (e instanceof HttpError) return { status: e.status, body: e.body, headers: e.headers };
      const err = armError(500, 'InternalServerError', e instanceof Error ? e.message : String(e));
      return { status: 500, body: err.body };
    }
  }

  const server = createServer((req, res) => {
    inFlight++;
    peakInFlight = Math.max(peakInFlight, inFlight);
    res.on('close', () => inFlight--);
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'InternalServerError', message: String(e) } }));
      }
    });
  });
  const lifecycle = new ServerLifecycle(server);
  services.origin = await lifecycle.listen(opts.port ?? 0);

  return {
    url: services.origin,
    token,
    issueToken: (claims) => issueToken(claims),
    log,
    clearLog: () => {
      log.length = 0;
      peakInFlight = inFlight;
    },
    get peakInFlight() {
      return peakInFlight;
    },
    setKnobs: (k: Partial<ArmKnobs>) => {
      Object.assign(knobs, k);
      if (k.seed !== undefined) random = createPrng(knobs.seed);
    },
    injectFaults: (...f: ArmFault[]) => faults.push(...f),
    state,
    close: () => lifecycle.close(),
  };
}

/** A 429 (or any injected status) in ARM's shape; Retry-After on 429 and 503. */
function statusReply(status: number, retryAfter: string, url: URL, rawBody?: string): Reply {
  const headers: Record<string, string> = {};
  if (status === 429 || status === 503) headers['Retry-After'] = retryAfter;
  if (rawBody !== undefined) return { status, body: new RawBody(rawBody, 'application/json'), headers };
  if (status === 429) return { status, body: throttleBody(subscriptionOfPath(url.pathname), retryAfter), headers };
  const code = status === 503 ? 'ServiceUnavailable' : 'InternalServerError';
  return { status, body: armError(status, code, `Injected failure with status ${status}.`).body, headers };
}
