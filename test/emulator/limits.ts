// The workspace's own limits, as opposed to random faults: how many SCIM requests it works on at
// once, and how many SCIM GETs it takes per sliding window. A request counts as open from the
// moment it arrives until its answer is gone, refused or not, so `peakConcurrency` is what the
// client attempted; only admitted requests take one of the `concurrencyLimit` slots. Refusals
// are decided before the request is handled: a refused write has not happened.

import type { Reply } from './context';
import { concurrencyLimitError, throttleBody } from './errors';
import type { EmulatorStats, Knobs } from './types';

export interface Ticket {
  admitted: boolean;
  released: boolean;
}

export interface Refusal {
  name: 'concurrencyLimit' | 'getRateLimit';
  reply: Reply;
}

export class WorkspaceLimits {
  readonly stats: EmulatorStats = {
    inFlight: 0,
    peakConcurrency: 0,
    concurrencyRefused: 0,
    rateLimited: 0,
    throttled: 0,
  };
  private admittedCount = 0;
  /** Arrival times of the GETs admitted within the window, oldest first. */
  private getTimes: number[] = [];

  constructor(
    private readonly knobs: () => Readonly<Knobs>,
    private readonly workspaceId: string,
  ) {}

  /** A SCIM request arrived; `leave` must follow once its answer is gone. */
  enter(): Ticket {
    this.stats.inFlight++;
    this.stats.peakConcurrency = Math.max(this.stats.peakConcurrency, this.stats.inFlight);
    return { admitted: false, released: false };
  }

  leave(ticket: Ticket): void {
    if (ticket.released) return;
    ticket.released = true;
    this.stats.inFlight--;
    if (ticket.admitted) this.admittedCount--;
  }

  /** Admits the request, or says how the workspace refuses it. */
  admit(ticket: Ticket, method: string, now = Date.now()): Refusal | undefined {
    const k = this.knobs();
    if (k.concurrencyLimit > 0 && this.admittedCount >= k.concurrencyLimit) {
      this.stats.concurrencyRefused++;
      this.stats.throttled++;
      const e = concurrencyLimitError(k.concurrencyAnswer, this.workspaceId, k.concurrencyLimit);
      return { name: 'concurrencyLimit', reply: { status: e.status, body: e.body } };
    }
    if (method === 'GET' && k.getRateLimit > 0) {
      const windowStart = now - k.getRateWindowMs;
      let expired = 0;
      while (expired < this.getTimes.length && (this.getTimes[expired] as number) <= windowStart) expired++;
      if (expired > 0) this.getTimes = this.getTimes.slice(expired);
      if (this.getTimes.length >= k.getRateLimit) {
        this.stats.rateLimited++;
        this.stats.throttled++;
        // Whole seconds until the oldest admitted GET leaves the window, and so frees a slot.
        const waitMs = (this.getTimes[0] as number) + k.getRateWindowMs - now;
        const retryAfter = String(Math.max(1, Math.ceil(waitMs / 1000)));
        return {
          name: 'getRateLimit',
          reply: { status: 429, body: throttleBody(429), headers: { 'Retry-After': retryAfter } },
        };
      }
      this.getTimes.push(now);
    }
    ticket.admitted = true;
    this.admittedCount++;
    return undefined;
  }

  /** Starts the counters again; the peak restarts from what is open now. */
  resetStats(): void {
    Object.assign(this.stats, {
      peakConcurrency: this.stats.inFlight,
      concurrencyRefused: 0,
      rateLimited: 0,
      throttled: 0,
    });
  }
}
