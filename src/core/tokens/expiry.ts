// Expiry arithmetic and wording for tokens, pure so the tree, the status bar and the CLI agree.

import type { TokenInfo } from './types';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

type Expiring = Pick<TokenInfo, 'expiryTime'>;

/**
 * Whole days left, counted toward zero (12.9 days → 12; 3.2 days past → -3) but with the same hour
 * of grace as the words, so the number and "expires in N days" agree; null when it never expires.
 */
export function daysUntilExpiry(info: Expiring, now: Date = new Date()): number | null {
  if (info.expiryTime === null) return null;
  const ms = info.expiryTime.getTime() - now.getTime();
  const days = ms > 0 ? daysAhead(ms) : Math.trunc(ms / DAY_MS);
  return days === 0 ? 0 : days; // no -0
}

/**
 * Whole days in `ms` (> 0) with an hour of grace: a token made with N days' lifetime is N days
 * away for its first hour, whatever passed between its creation and this look (the answer's way
 * back, a dialog, a clock a few minutes apart from the server's).
 */
function daysAhead(ms: number): number {
  return Math.floor((ms + HOUR_MS) / DAY_MS);
}

export function isExpired(info: Expiring, now: Date = new Date()): boolean {
  return info.expiryTime !== null && info.expiryTime.getTime() <= now.getTime();
}

/** Expires within `days` from now — an already expired token counts too: it needs action sooner. */
export function isExpiringSoon(info: Expiring, days: number, now: Date = new Date()): boolean {
  return info.expiryTime !== null && info.expiryTime.getTime() - now.getTime() <= days * DAY_MS;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "expires in 12 days", "expires in 5 hours", "never expires", "expired 3 days ago". */
export function describeExpiry(info: Expiring, now: Date = new Date()): string {
  if (info.expiryTime === null) return 'never expires';
  const ms = info.expiryTime.getTime() - now.getTime();
  const abs = Math.abs(ms);
  const days = ms > 0 ? daysAhead(ms) : Math.floor(abs / DAY_MS);
  const span = days >= 1 ? plural(days, 'day') : abs >= HOUR_MS ? plural(Math.floor(abs / HOUR_MS), 'hour') : undefined;
  if (ms > 0) return span ? `expires in ${span}` : 'expires in less than an hour';
  return span ? `expired ${span} ago` : 'expired just now';
}
