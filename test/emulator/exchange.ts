// The request-and-answer plumbing the three emulators (Databricks, Graph, Resource Manager) share:
// the log entry written as a request arrives, what the injected faults every service knows do to
// the answer, the wait for the latency knob, the bytes of an answer, and a server whose handler may
// throw. Each emulator keeps its own routes, error shapes and extra knobs.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Reply } from './context';
import { RawBody } from './errors';
import { redirectReply } from './faults';
import type { ServerLifecycle } from './lifecycle';
import type { Fault, RequestLogEntry } from './types';

export type StatusFault = Extract<Fault, { kind: 'status' }>;

/** The log entry of a request as it arrives; `status` stays 0 until it is answered. */
export function arrivalEntry(req: IncomingMessage, method: string, url: URL): RequestLogEntry {
  const entry: RequestLogEntry = {
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    status: 0,
    receivedAt: Date.now(),
  };
  if (req.headers.authorization !== undefined) entry.authorization = req.headers.authorization;
  return entry;
}

/** What an injected fault does to the answer: drop the connection, replace the answer, or hold it back. */
export interface FaultEffect {
  reset?: true;
  reply?: Reply;
  delayMs: number;
}

/**
 * The effect of the faults every emulator takes (reset, status, redirect, delay), noted in the log
 * entry. The delivery faults only the Databricks emulator knows (truncate, slowBody) change nothing here.
 */
export function faultEffect(
  fault: Fault,
  entry: RequestLogEntry,
  statusReply: (fault: StatusFault) => Reply,
): FaultEffect {
  entry.fault = fault.kind;
  switch (fault.kind) {
    case 'reset':
      return { reset: true, delayMs: 0 };
    case 'status':
      return { reply: statusReply(fault), delayMs: 0 };
    case 'redirect':
      return { reply: redirectReply(fault.location, fault.status), delayMs: 0 };
    case 'delay':
      return { delayMs: fault.ms };
    default:
      return { delayMs: 0 };
  }
}

/** Waits out the latency, then logs the answer; false when the emulator closed meanwhile. */
export async function waitToAnswer(
  lifecycle: ServerLifecycle,
  ms: number,
  entry: RequestLogEntry,
  reply: Reply,
): Promise<boolean> {
  await lifecycle.sleep(ms);
  if (lifecycle.closed) return false;
  entry.status = reply.status;
  const retryAfter = reply.headers?.['Retry-After'];
  if (retryAfter !== undefined) entry.retryAfter = retryAfter;
  return true;
}

/** The bytes of an answer with its headers: a RawBody as given, anything else as JSON, none for no body. */
export function answerBytes(
  reply: Reply,
  jsonType = 'application/json',
): { payload: Buffer; headers: Record<string, string | number> } {
  const headers: Record<string, string | number> = { ...reply.headers };
  let payload = Buffer.alloc(0);
  if (reply.body instanceof RawBody) {
    payload = Buffer.from(reply.body.text, 'utf8');
    headers['Content-Type'] = reply.body.contentType;
  } else if (reply.body !== undefined) {
    payload = Buffer.from(JSON.stringify(reply.body), 'utf8');
    headers['Content-Type'] = jsonType;
  }
  headers['Content-Length'] = payload.length;
  return { payload, headers };
}

/** An HTTP server whose handler may throw: what it throws is answered 500 with `failure`'s body. */
export function serverFor(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  failure: (message: string) => unknown,
): Server {
  return createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(failure(String(e))));
      }
    });
  });
}
