// Waiting in the UI e2e scripts (test/e2e/*.e2e.ts): every wait is on a condition, never a sleep,
// and a wait that fails says what it last saw.
import type { Page } from 'playwright-core';
import { delay } from './timing';
import { dismissToasts, waitForSidebarIdle, type TreeRowInfo } from './workbench';

/** Generous: two cores shared with other test runs. */
export const UI_TIMEOUT = 30_000;

/** Re-reads `read` until `ok` holds, or fails after `timeoutMs` with what was last seen. */
export async function until<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
  timeoutMs = UI_TIMEOUT,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last saw ${JSON.stringify(value)}`);
    await delay(200); // a polling interval, not an assertion
  }
}

/** No toast over the picture, no hover highlight, no progress bar running. */
export async function settleForScreenshot(page: Page): Promise<void> {
  await dismissToasts(page);
  await page.mouse.move(0, 0);
  await waitForSidebarIdle(page, UI_TIMEOUT);
}

/** Whether `rows` carry exactly the labels `expected`, in any order (a condition for `until`). */
export function sameLabels(rows: readonly TreeRowInfo[], expected: readonly string[]): boolean {
  return JSON.stringify(rows.map((r) => r.label).sort()) === JSON.stringify([...expected].sort());
}
