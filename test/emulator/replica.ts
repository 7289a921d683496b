// The primary directory and, when a consistency lag is set, a replica that lists read. Every write
// goes to the primary at once and into a journal; the replica replays a journal entry only once it
// is older than the lag. That is how a real workspace behaves: a GET by id sees a write before a
// list does.

import { Directory, type Change } from './directory';

export class ReplicatedDirectory {
  readonly primary = new Directory();
  private replica: Directory = this.primary;
  private journal: { at: number; change: Change }[] = [];

  constructor(private readonly lagMs: () => number) {}

  /** What lists read: the replica, caught up to `now - lag`. */
  listView(now = Date.now()): Directory {
    if (this.replica === this.primary) return this.primary;
    const visibleUntil = now - this.lagMs();
    let n = 0;
    while (n < this.journal.length && (this.journal[n] as { at: number }).at <= visibleUntil) {
      this.replica.apply((this.journal[n] as { change: Change }).change);
      n++;
    }
    if (n > 0) this.journal = this.journal.slice(n);
    return this.replica;
  }

  /** Called when the lag changes: start or stop keeping a replica. */
  syncMode(): void {
    const lagging = this.lagMs() > 0;
    if (lagging && this.replica === this.primary) {
      this.replica = this.primary.clone();
      this.journal = [];
    } else if (!lagging && this.replica !== this.primary) {
      this.replica = this.primary;
      this.journal = [];
    }
  }

  /** Applies changes now for GETs and, with a lag, later for lists. */
  commit(changes: readonly Change[]): void {
    const at = Date.now();
    for (const change of changes) {
      this.primary.apply(change);
      if (this.replica !== this.primary) this.journal.push({ at, change });
    }
  }
}
