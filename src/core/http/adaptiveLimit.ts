// A concurrency cap that moves: a workspace refuses requests past a small number in flight (and
// counts every client of the same workspace), so the client cannot know the right number in
// advance. It starts low, halves when the server says it is throttling, and creeps back up one
// step at a time after a run of clean answers — never past the highest level that was not
// refused, so after one refusal the client stays at or under the level the server took.

import { WaitQueue } from './waitQueue';

export interface AdaptiveLimitOptions {
  /** Upper bound the limit may grow to. */
  max: number;
  /** Where the limit starts (capped at `max`). */
  start: number;
  /** Clean answers in a row needed for one step up. */
  growAfter: number;
  /**
   * How long a learned ceiling holds without a new refusal. Another client may have held the
   * workspace's slots for a while; after this long the ceiling is forgotten (growth stays slow).
   */
  ceilingMemoryMs: number;
  now?: () => number;
}

export interface Slot {
  release(): void;
  /** How many requests of this limiter were in flight once this one was admitted (itself included). */
  readonly inFlight: number;
  /** Changes of the limit before this slot was granted; a refusal of an older slot is stale. */
  readonly epoch: number;
}

export interface LimitChange {
  from: number;
  to: number;
}

export class AdaptiveLimit {
  private current: number;
  private active = 0;
  private cleanRun = 0;
  private epoch = 0;
  private ceiling: number;
  private ceilingSetAt = 0;
  private readonly waiters = new WaitQueue<Slot>();
  private readonly now: () => number;

  constructor(private readonly opts: AdaptiveLimitOptions) {
    if (!(opts.max >= 1)) throw new RangeError(`maxConcurrency must be at least 1, got ${opts.max}`);
    this.current = Math.max(1, Math.min(opts.max, Math.floor(opts.start)));
    this.ceiling = opts.max;
    this.now = opts.now ?? (() => performance.now());
  }

  get limit(): number {
    return this.current;
  }

  get inFlight(): number {
    return this.active;
  }

  acquire(signal?: AbortSignal, makeAbortError: () => Error = () => new Error('aborted')): Promise<Slot> {
    if (signal?.aborted) return Promise.reject(makeAbortError());
    if (this.waiters.length === 0 && this.active < this.current) return Promise.resolve(this.grant());
    return this.waiters.wait(signal, makeAbortError);
  }

  /**
   * The server refused a request sent from `slot` for load. Returns the change, or undefined
   * when the limit had already been lowered since that request was sent (its neighbours in the
   * same burst were refused too; one burst is one signal).
   */
  throttled(slot: Slot): LimitChange | undefined {
    this.cleanRun = 0;
    if (slot.epoch < this.epoch) return undefined;
    // The server took fewer than we had in flight when it refused: never go back up to that.
    this.ceiling = Math.max(1, Math.min(this.ceiling, slot.inFlight - 1));
    this.ceilingSetAt = this.now();
    const from = this.current;
    this.current = Math.max(1, Math.min(Math.floor(from / 2), this.ceiling));
    this.epoch++;
    return { from, to: this.current };
  }

  /** A clean answer; returns the change when it completed a run long enough for one step up. */
  succeeded(slot: Slot): LimitChange | undefined {
    if (this.ceiling < this.opts.max && this.now() - this.ceilingSetAt > this.opts.ceilingMemoryMs)
      this.ceiling = this.opts.max;
    if (this.current >= this.ceiling) return undefined;
    // Only answers to requests sent with the limit full count: one click at a time proves nothing
    // about whether the workspace would take more at once.
    if (slot.inFlight < this.current || ++this.cleanRun < this.opts.growAfter) return undefined;
    this.cleanRun = 0;
    const from = this.current;
    this.current++;
    this.pump();
    return { from, to: this.current };
  }

  private grant(): Slot {
    this.active++;
    let released = false;
    return {
      inFlight: this.active,
      epoch: this.epoch,
      release: () => {
        if (released) return;
        released = true;
        this.active--;
        this.pump();
      },
    };
  }

  private pump(): void {
    while (this.active < this.current) {
      if (!this.waiters.grantNext(() => this.grant())) return;
    }
  }
}
