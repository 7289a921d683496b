// Deciding how a request is to be mistreated. Injected faults come first, in the order given, each
// consumed by the next matching request(s); otherwise the rate knobs roll the seeded PRNG. A PRNG
// draw is made only for a rate above 0, so turning one knob on does not shift another's sequence
// beyond what that knob itself adds.
//
// Faults that replace the answer (status, redirect, reset) are decided before the request is
// handled, so a throttled or reset write has not happened — the retry-safe case a client relies
// on. Faults that mangle delivery (delay, slowBody, truncate) let the request be handled first.

import { RawBody, throttleBody } from './errors';
import type { Fault, FaultMatch, Knobs } from './types';
import type { Reply } from './context';

interface Queued {
  readonly fault: Fault;
  remaining: number;
}

function matches(m: FaultMatch | undefined, method: string, pathname: string): boolean {
  if (!m) return true;
  if (m.method !== undefined && m.method.toUpperCase() !== method.toUpperCase()) return false;
  if (m.path === undefined) return true;
  return typeof m.path === 'string' ? pathname.startsWith(m.path) : m.path.test(pathname);
}

export class FaultQueue {
  private queue: Queued[] = [];

  push(...faults: Fault[]): void {
    for (const fault of faults) this.queue.push({ fault, remaining: Math.max(1, fault.times ?? 1) });
  }

  /** The first queued fault matching this request, consumed once. */
  take(method: string, pathname: string): Fault | undefined {
    const i = this.queue.findIndex((q) => matches(q.fault.match, method, pathname));
    if (i < 0) return undefined;
    const q = this.queue[i] as Queued;
    q.remaining--;
    if (q.remaining === 0) this.queue.splice(i, 1);
    return q.fault;
  }
}

/** What the rate knobs decide before handling: reset, 429 or 5xx. */
export type PreFault =
  { name: 'resetRate'; kind: 'reset' } | { name: 'rate429' | 'rate5xx'; kind: 'status'; status: number };

export function rollPreFault(knobs: Readonly<Knobs>, random: () => number): PreFault | undefined {
  if (knobs.resetRate > 0 && random() < knobs.resetRate) return { name: 'resetRate', kind: 'reset' };
  if (knobs.rate429 > 0 && random() < knobs.rate429) return { name: 'rate429', kind: 'status', status: 429 };
  if (knobs.rate5xx > 0 && random() < knobs.rate5xx)
    return { name: 'rate5xx', kind: 'status', status: knobs.status5xx };
  return undefined;
}

export function rollTruncate(knobs: Readonly<Knobs>, random: () => number): boolean {
  return knobs.truncateRate > 0 && random() < knobs.truncateRate;
}

/** A 429/503-style answer: Databricks body and, for 429 and 503, a Retry-After header. */
export function statusReply(
  status: number,
  knobs: Readonly<Knobs>,
  override?: { retryAfter?: string; body?: string; contentType?: string },
): Reply {
  const headers: Record<string, string> = {};
  const retryAfter = override?.retryAfter ?? (status === 429 || status === 503 ? knobs.retryAfter : undefined);
  if (retryAfter !== undefined) headers['Retry-After'] = retryAfter;
  const body =
    override?.body !== undefined
      ? new RawBody(override.body, override.contentType ?? 'application/json')
      : throttleBody(status);
  return { status, body, headers };
}

export function redirectReply(location: string, status: 301 | 302 | 307 | 308 = 307): Reply {
  return { status, headers: { Location: location } };
}
