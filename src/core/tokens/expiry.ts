// Expiry arithmetic and wording for tokens, pure so the tree, the status bar and the CLI agree.

import type { TokenInfo } from './types';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

type Expiring = Pick<TokenInfo, 'expiryTime'>;

/**
 * Whole days left, counted toward zero (12.9 days → 12; 3.2 days past → -3); null when the token
 * never expires.
 */
export function daysUntilExpiry(info: Expiring, now: Date = new Date()): number | null {
  if (info.expiryTime === null) return null;
  const days = Math.trunc((info.expiryTime.getTime() - now.getTime()) / DAY_MS);
  return days === 0 ? 0 : days; // no -0
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
  // An hour of grace on days: a 90-day token made a second ago "expires in 90 days", not 89.
  const days = Math.floor((abs + (ms > 0 ? HOUR_MS : 0)) / DAY_MS);
  const span = days >= 1 ? plural(days, 'day') : abs >= HOUR_MS ? plural(Math.floor(abs / HOUR_MS), 'hour') : undefined;
  if (ms > 0) return span ? `expires in ${span}` : 'expires in less than an hour';
  return span ? `expired ${span} ago` : 'expired just now';
}
