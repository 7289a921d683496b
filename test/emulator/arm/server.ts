// The ARM emulator's HTTP side: log the request, let injected faults and the 429 knob shape the
// answer, route it, deliver it after the latency knob. Plain node:http on 127.0.0.1 like the other
// emulators, whose fault queue, exchange plumbing, lifecycle and seeded PRNG it reuses; bodies are
// ARM-shaped.

import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Reply } from '../context';
import { HttpError, RawBody } from '../errors';
import { answerBytes, arrivalEntry, faultEffect, serverFor, waitToAnswer, type FaultEffect } from '../exchange';
import { FaultQueue } from '../faults';
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
    const entry: ArmRequestLogEntry = arrivalEntry(req, method, url);
    log.push(entry);
    req.resume();

    let effect: FaultEffect = { delayMs: 0 };
    const fault = faults.take(method, url.pathname) as ArmFault | undefined;
    if (fault) {
      effect = faultEffect(fault, entry, (f) => statusReply(f.status, f.retryAfter ?? knobs.retryAfter, url, f.body));
    } else if (knobs.rate429 > 0 && random() < knobs.rate429) {
      entry.fault = 'rate429';
      effect = { reply: statusReply(429, knobs.retryAfter, url), delayMs: 0 };
    }
    if (effect.reset) {
      res.socket?.destroy();
      return;
    }
    const reply = effect.reply ?? answer(method, url, req.headers.authorization);
    if (!(await waitToAnswer(lifecycle, knobs.latencyMs + effect.delayMs, entry, reply))) return;
    const { payload, headers } = answerBytes(reply, 'application/json; charset=utf-8');
    res.writeHead(reply.status, {
      ...headers,
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

  const server = serverFor(
    (req, res) => {
      inFlight++;
      peakInFlight = Math.max(peakInFlight, inFlight);
      res.on('close', () => inFlight--);
      return handle(req, res);
    },
    (message) => ({ error: { code: 'InternalServerError', message } }),
  );
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
