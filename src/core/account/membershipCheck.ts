// Reading a group back after a membership write: the service has answered 2xx to writes it then
// dropped, so "the PATCH succeeded" is not taken as "the members changed".

import { timerSleep } from '../http/abort';
import { MembershipNotAppliedError } from './errors';

export interface ReadBackOptions {
  /** Reads before giving up on a change not showing yet; default 2. */
  attempts?: number;
  /** Wait between reads, for a service that applies writes a moment late; default 1000 ms. */
  delayMs?: number;
}

export const DEFAULT_READ_BACK: Required<ReadBackOptions> = { attempts: 2, delayMs: 1000 };

/**
 * Reads the member ids (readMembers) until every id in `added` is there and every id in
 * `removed` is gone, or the reads are used up; then throws MembershipNotAppliedError naming the rest.
 */
export async function verifyMembership(
  groupId: string,
  added: readonly string[],
  removed: readonly string[],
  readMembers: () => Promise<ReadonlySet<string>>,
  opts: ReadBackOptions & { signal?: AbortSignal } = {},
): Promise<void> {
  const attempts = Math.max(1, Math.floor(opts.attempts ?? DEFAULT_READ_BACK.attempts));
  const delayMs = Math.max(0, opts.delayMs ?? DEFAULT_READ_BACK.delayMs);
  let notAdded: string[] = [];
  let notRemoved: string[] = [];
  for (let i = 0; i < attempts; i++) {
    if (i > 0 && delayMs > 0) await timerSleep(delayMs, opts.signal);
    const members = await readMembers();
    notAdded = [...new Set(added)].filter((id) => !members.has(id));
    notRemoved = [...new Set(removed)].filter((id) => members.has(id));
    if (notAdded.length === 0 && notRemoved.length === 0) return;
  }
  throw new MembershipNotAppliedError({ groupId, notAdded, notRemoved });
}
