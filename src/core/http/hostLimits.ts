// What one workspace allows, shared by every request to it: an adaptive concurrency limit (the
// workspace refuses requests past a few in flight, counting every client) and a token bucket for
// GETs (the workspace takes a fixed number of GETs per minute and answers the rest with 429).
// One registry serves every HttpClient of a process or extension window, so the tree, a drift
// run and a token check of the same host draw from the same limits instead of each its own.

import { AdaptiveLimit, type Slot } from './adaptiveLimit';
import { RateLimiter } from './rateLimit';

/**
 * What a host meters separately: reads of one resource, listings, PATCHes, and the other writes
 * (POST/PUT/DELETE). A workspace only meters GETs (lists included); the account API meters each.
 */
export type RateClass = 'get' | 'list' | 'patch' | 'write';

export interface RateSpec {
  perSecond: number;
  /** Requests that may go at once after a quiet spell; default 1. */
  burst?: number;
}

/** The class a request is counted in; a listing is counted as a GET where the host has no list bucket. */
export function rateClassOf(method: string, listing: boolean): RateClass {
  if (method === 'GET') return listing ? 'list' : 'get';
  return method === 'PATCH' ? 'patch' : 'write';
}

export interface HostLimitsOptions {
  /** Most requests in flight per host, however well the host answers. Default 8. */
  maxConcurrency?: number;
  /** Where the limit starts; at most 3, the most a workspace is known to take comfortably. */
  startConcurrency?: number;
  /** Clean answers (with the limit full) before one step up. Default 20. */
  growAfter?: number;
  /**
   * GETs per minute per host (token bucket); 0 turns it off. Default 240: under the 255 a
   * workspace takes, so a long listing runs at a steady pace instead of into 429s.
   */
  getsPerMinute?: number;
  /** GETs that may go at once after a quiet spell. Default 10 (with 240/min: ≤ 250 in any minute). */
  getBurst?: number;
  /**
   * Buckets per request class, for hosts that publish one limit per method (the account API).
   * `get` here replaces getsPerMinute/getBurst; a missing `list` counts listings as GETs.
   */
  rates?: Partial<Record<RateClass, RateSpec>>;
  /** How long a learned ceiling holds without a new refusal. Default 10 minutes. */
  ceilingMemoryMs?: number;
  /** One line when a host slows the client down, or the client speeds up again. */
  log?: (line: string) => void;
  now?: () => number;
}

export const DEFAULT_GETS_PER_MINUTE = 240;
export const DEFAULT_GET_BURST = 10;
export const MAX_START_CONCURRENCY = 3;

/** Why a host slowed the client down, as the log and progress texts name it. */
export type ThrottleReason = 'REQUEST_LIMIT_EXCEEDED' | 'RPC token bucket' | 'HTTP 429';

export interface LimitEvent {
  /** scheme://host[:port] */
  host: string;
  /** Set when the host refused a request; absent when the client speeds up after clean answers. */
  reason?: ThrottleReason;
  from: number;
  to: number;
  /** Set on a 429 that asked for a pause. */
  waitMs?: number;
  /** One readable sentence, as logged. */
  message: string;
}

export type LimitListener = (event: LimitEvent) => void;

/** The few hundred bytes that name a workspace's throttling; bodies are not scanned further. */
const SCAN_CHARS = 4096;

/**
 * Whether an answer is the workspace refusing for load. Such an answer means the request was not
 * handled, whatever its status (500, 400 and 429 all occur), so it may be repeated for any method.
 */
export function throttleReason(status: number, bodyText: string): ThrottleReason | undefined {
  if (status < 400) return undefined;
  // A 429 is the GET rate (whatever its body says); the other statuses need the words.
  if (status === 429) return 'HTTP 429';
  const head = bodyText.slice(0, SCAN_CHARS);
  if (/token bucket limit has been exceeded/i.test(head)) return 'RPC token bucket';
  if (head.includes('REQUEST_LIMIT_EXCEEDED')) return 'REQUEST_LIMIT_EXCEEDED';
  return undefined;
}

export class HostLimits {
  readonly concurrency: AdaptiveLimit;
  private readonly gets: RateLimiter | undefined;
  private readonly buckets = new Map<RateClass, RateLimiter>();
  private readonly now: () => number;
  private pausedUntil = 0;

  constructor(
    readonly host: string,
    opts: HostLimitsOptions,
    private readonly emit: (event: LimitEvent) => void,
  ) {
    const max = Math.max(1, Math.floor(opts.maxConcurrency ?? 8));
    this.concurrency = new AdaptiveLimit({
      max,
      start: Math.min(max, opts.startConcurrency ?? MAX_START_CONCURRENCY, MAX_START_CONCURRENCY),
      growAfter: opts.growAfter ?? 20,
      ceilingMemoryMs: opts.ceilingMemoryMs ?? 10 * 60_000,
      ...(opts.now ? { now: opts.now } : {}),
    });
    this.now = opts.now ?? (() => performance.now());
    const perMinute = opts.getsPerMinute ?? DEFAULT_GETS_PER_MINUTE;
    const get = opts.rates?.get;
    this.gets = get
      ? new RateLimiter(get.perSecond, Math.max(1, Math.floor(get.burst ?? 1)), opts.now)
      : perMinute > 0
        ? new RateLimiter(perMinute / 60, Math.max(1, Math.floor(opts.getBurst ?? DEFAULT_GET_BURST)), opts.now)
        : undefined;
    for (const cls of ['list', 'patch', 'write'] as const) {
      const spec = opts.rates?.[cls];
      if (spec)
        this.buckets.set(cls, new RateLimiter(spec.perSecond, Math.max(1, Math.floor(spec.burst ?? 1)), opts.now));
    }
  }

  /** How long a GET must wait for its turn (0 when the bucket is off or has a token). */
  reserveGet(): number {
    return this.gets?.reserve() ?? 0;
  }

  /** How long a request of this class must wait for its turn (0 when its class is not metered). */
  reserve(cls: RateClass): number {
    return this.bucketOf(cls)?.reserve() ?? 0;
  }

  private bucketOf(cls: RateClass): RateLimiter | undefined {
    if (cls === 'get') return this.gets;
    return this.buckets.get(cls) ?? (cls === 'list' ? this.gets : undefined);
  }

  /** The host refused a request for load. */
  throttled(slot: Slot, reason: ThrottleReason, retryAfterMs: number | undefined, cls?: RateClass): void {
    // A 429 asks every GET to wait (and every request of the refused one's class), not just the one that got it.
    if (retryAfterMs !== undefined && retryAfterMs > 0) {
      this.gets?.holdFor(retryAfterMs);
      const own = cls === undefined ? undefined : this.bucketOf(cls);
      if (own !== this.gets) own?.holdFor(retryAfterMs);
    }
    const change = this.concurrency.throttled(slot);
    // Many GETs refused in one burst are one pause, said once.
    const newPause = retryAfterMs !== undefined && this.now() + retryAfterMs > this.pausedUntil + 1000;
    if (newPause) this.pausedUntil = this.now() + (retryAfterMs ?? 0);
    if (!change && !newPause) return;
    const from = change?.from ?? this.concurrency.limit;
    const to = change?.to ?? this.concurrency.limit;
    const wait = retryAfterMs === undefined ? '' : `, waiting ${Math.ceil(retryAfterMs / 1000)} s as asked`;
    const message = `throttled by ${this.host} (${reason}): concurrency ${from} → ${to}${wait}`;
    this.emit({
      host: this.host,
      reason,
      from,
      to,
      ...(retryAfterMs === undefined ? {} : { waitMs: retryAfterMs }),
      message,
    });
  }

  succeeded(slot: Slot): void {
    const change = this.concurrency.succeeded(slot);
    if (!change) return;
    this.emit({
      host: this.host,
      ...change,
      message: `${this.host} answers cleanly again: concurrency ${change.from} → ${change.to}`,
    });
  }
}

/** One HostLimits per origin, and the listeners that hear about every change. */
export class HostLimitsRegistry {
  private readonly hosts = new Map<string, HostLimits>();
  private readonly profiles = new Map<string, HostLimitsOptions>();
  private readonly listeners = new Set<LimitListener>();

  constructor(private readonly opts: HostLimitsOptions = {}) {}

  for(origin: string): HostLimits {
    let limits = this.hosts.get(origin);
    if (!limits) {
      limits = new HostLimits(origin, { ...this.opts, ...this.profiles.get(origin) }, (e) => this.emit(e));
      this.hosts.set(origin, limits);
    }
    return limits;
  }

  /**
   * Limits of one origin that differ from the registry's (a host with its own published limits).
   * Takes effect for requests that start after the call; the same profile again changes nothing.
   */
  configure(origin: string, profile: HostLimitsOptions): void {
    const key = new URL(origin).origin;
    if (this.profiles.get(key) === profile) return;
    this.profiles.set(key, profile);
    this.hosts.delete(key);
  }

  /** Hears every slow-down and speed-up of every host; returns the unsubscribe function. */
  onChange(listener: LimitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: LimitEvent): void {
    try {
      this.opts.log?.(event.message);
    } catch {
      // A failing logger must not fail the request that carried the news.
    }
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // Same: progress text is not worth a failed request.
      }
    }
  }
}
