// Workbench selectors and actions that held for Code 1.139 (code-server 4.139), in one place so
// a VS Code update means one file to fix.
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { repoRoot } from './deps';

export const selectors = {
  workbench: '.monaco-workbench',
  sidebar: '.sidebar',
  welcomeView: '.welcome-view-content',
  treeRow: '.sidebar .monaco-list-row',
  viewTitle: '.sidebar .title-label',
  toastMessage: '.notifications-toasts .notification-list-item-message',
  quickInput: '.quick-input-widget input',
  quickInputRow: '.quick-input-list .monaco-list-row',
  // Only the icon: a badge inside the same item carries the same aria-label.
  activityIcon: (label: string): string => `.activitybar .action-label[aria-label^="${label}"]`,
} as const;

/** Clicks an activity-bar icon and waits for its side bar to show `label` in its title. */
export async function openViewContainer(page: Page, label: string): Promise<Locator> {
  await page.locator(selectors.activityIcon(label)).click({ timeout: 30_000 });
  const sidebar = page.locator(selectors.sidebar);
  await sidebar.locator('.title-label', { hasText: label }).waitFor({ timeout: 15_000 });
  return sidebar;
}

/** Waits until the side bar's progress bar (e.g. while the extension activates) has stopped. */
export async function waitForSidebarIdle(page: Page, timeoutMs = 15_000): Promise<void> {
  await page
    .locator(`${selectors.sidebar} .monaco-progress-container.active`)
    .first()
    .waitFor({ state: 'hidden', timeout: timeoutMs });
}

/** Runs a command from the palette by its title, e.g. "Databricks SCIM: Refresh". */
export async function runFromPalette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator(selectors.quickInput).fill(`>${title}`);
  await page.locator(selectors.quickInputRow).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

// --- Tree views and quick inputs (explorer e2e) ---

/** What one visible row of the side bar's tree shows, in display order. */
export interface TreeRowInfo {
  readonly label: string;
  readonly description: string;
  /** 1 for top-level rows. */
  readonly level: number;
  /** undefined for rows without children. */
  readonly expanded: boolean | undefined;
}

/** The side-bar tree row whose label is exactly `label`. */
export function treeRow(page: Page, label: string): Locator {
  return page
    .locator(selectors.treeRow)
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) });
}

/** Clicks a collapsed row open (custom views expand on a single click) and waits until it is. */
export async function expandTreeRow(page: Page, label: string, timeoutMs = 30_000): Promise<Locator> {
  const row = treeRow(page, label);
  await row.waitFor({ timeout: timeoutMs });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await row.and(page.locator('[aria-expanded="true"]')).waitFor({ timeout: timeoutMs });
  return row;
}

/** Clicks an expanded row closed and waits until it is (a row seen under two parents needs one of them shut). */
export async function collapseTreeRow(page: Page, label: string, timeoutMs = 30_000): Promise<void> {
  const row = treeRow(page, label);
  await row.waitFor({ timeout: timeoutMs });
  if ((await row.getAttribute('aria-expanded')) === 'true') await row.click();
  await row.and(page.locator('[aria-expanded="false"]')).waitFor({ timeout: timeoutMs });
}

/** The rendered rows of the side-bar tree (the list is virtual: only rows in view exist). */
export async function treeRows(page: Page): Promise<TreeRowInfo[]> {
  const rows = await page.locator(selectors.treeRow).evaluateAll((elements) =>
    elements.map((el) => ({
      index: Number(el.getAttribute('data-index')),
      label: el.querySelector('.label-name')?.textContent?.trim() ?? '',
      description: el.querySelector('.label-description')?.textContent?.trim() ?? '',
      level: Number(el.getAttribute('aria-level')),
      expanded: el.hasAttribute('aria-expanded') ? el.getAttribute('aria-expanded') === 'true' : undefined,
    })),
  );
  return rows
    .sort((a, b) => a.index - b.index)
    .map(({ label, description, level, expanded }) => ({ label, description, level, expanded }));
}

/** The direct children of the row labelled `parent`, as rendered. */
export async function treeChildren(page: Page, parent: string): Promise<TreeRowInfo[]> {
  const rows = await treeRows(page);
  const at = rows.findIndex((r) => r.label === parent);
  if (at < 0) return [];
  const parentLevel = rows[at]!.level;
  const children: TreeRowInfo[] = [];
  for (const row of rows.slice(at + 1)) {
    if (row.level <= parentLevel) break;
    if (row.level === parentLevel + 1) children.push(row);
  }
  return children;
}

/** Waits for the quick input (input box or QuickPick) whose title starts with `title`. */
export async function waitForQuickInput(page: Page, title: string, timeoutMs = 30_000): Promise<Locator> {
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title', { hasText: title }).waitFor({ timeout: timeoutMs });
  return widget;
}

/** A row of the open QuickPick's list that shows `text`. */
export function quickPickRow(page: Page, text: string): Locator {
  return page.locator(selectors.quickInputRow).filter({ hasText: text });
}

/** Right-clicks a tree row and clicks `item` in its context menu (once; see runFromContextMenuUntil). */
export async function runFromContextMenu(page: Page, row: Locator, item: string, timeoutMs = 15_000): Promise<void> {
  await row.click({ button: 'right', timeout: timeoutMs });
  const entry = page.locator('.context-view .monaco-menu .action-label', {
    hasText: new RegExp(`^${escapeRegExp(item)}$`),
  });
  await entry.waitFor({ timeout: timeoutMs });
  await entry.hover({ timeout: timeoutMs });
  await entry.click({ timeout: timeoutMs });
  // A click that lands while the menu is still settling is swallowed and the menu stays open (seen
  // in a failure screenshot); the hovered entry has the focus, so Enter runs it then.
  const menu = page.locator('.context-view .monaco-menu');
  const closed = await menu.waitFor({ state: 'hidden', timeout: 2_000 }).then(
    () => true,
    () => false,
  );
  if (!closed) await page.keyboard.press('Enter');
}

/**
 * Runs a context-menu command and waits for what it does (`effect`, given a timeout). A tree row
 * that is re-rendered while its menu is open takes the menu with it, and the click then lands on
 * nothing; so the tree is first left to settle, and when the effect does not show the menu is
 * opened again (the commands driven this way are safe to start twice). The error of the last
 * attempt names what was waited for.
 */
export async function runFromContextMenuUntil(
  page: Page,
  row: Locator,
  item: string,
  effect: (timeoutMs: number) => Promise<unknown>,
  attempts = 3,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const last = attempt >= attempts;
    try {
      await waitForTreeQuiet(page);
      await runFromContextMenu(page, row, item);
      await effect(last ? 30_000 : 20_000);
      return;
    } catch (error) {
      if (last) throw new Error(`"${item}" from the context menu, ${attempts} attempts: ${(error as Error).message}`);
      const shot = path.join(
        repoRoot,
        'test-results',
        'failures',
        `retry-${item.replace(/[^A-Za-z0-9]+/g, '-')}-${attempt}.png`,
      );
      await page.screenshot({ path: shot, timeout: 10_000 }).catch(() => undefined);
      process.stdout.write(
        `      (attempt ${attempt} of "${item}" from the context menu showed nothing: ${(error as Error).message.split('\n')[0]}; trying again; ${path.relative(repoRoot, shot)})\n`,
      );
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * Waits until the side bar's tree has not changed for `quietMs` (no row added, removed or
 * re-rendered) and no progress bar runs: the moment a context menu can stay open.
 */
export async function waitForTreeQuiet(page: Page, quietMs = 500, timeoutMs = 15_000): Promise<void> {
  await waitForSidebarIdle(page, timeoutMs);
  const rows = page.locator(`${selectors.sidebar} .monaco-list-rows`).first();
  if ((await rows.count()) === 0) return;
  const quiet = await rows.evaluate(
    (target, { quietMs, timeoutMs }) =>
      new Promise<boolean>((resolve) => {
        const Observer = target.ownerDocument.defaultView?.MutationObserver;
        if (Observer === undefined) return resolve(true);
        let timer = setTimeout(() => done(true), quietMs);
        const giveUp = setTimeout(() => done(false), timeoutMs);
        const observer = new Observer(() => {
          clearTimeout(timer);
          timer = setTimeout(() => done(true), quietMs);
        });
        function done(ok: boolean): void {
          observer.disconnect();
          clearTimeout(timer);
          clearTimeout(giveUp);
          resolve(ok);
        }
        observer.observe(target, {
          childList: true,
          subtree: true,
          characterData: true,
          attributes: true,
          attributeFilter: ['aria-label', 'aria-expanded'],
        });
      }),
    { quietMs, timeoutMs },
  );
  if (!quiet) throw new Error(`the tree did not stay unchanged for ${quietMs} ms within ${timeoutMs / 1000} s`);
}

/** A context-menu command that opens a QuickPick titled `title`; see runFromContextMenuUntil. */
export async function openQuickPickFromContextMenu(
  page: Page,
  row: Locator,
  item: string,
  title: string,
): Promise<Locator> {
  await runFromContextMenuUntil(page, row, item, (timeoutMs) => waitForQuickInput(page, title, timeoutMs));
  return page.locator('.quick-input-widget');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Closes every notification toast (e.g. before a screenshot), by its own close button. */
export async function dismissToasts(page: Page, timeoutMs = 10_000): Promise<void> {
  const toasts = page.locator('.notifications-toasts .notification-toast');
  for (let left = await toasts.count(); left > 0; left = await toasts.count()) {
    const toast = toasts.first();
    await toast.hover({ timeout: timeoutMs });
    await toast.locator('.codicon-notifications-clear').click({ timeout: timeoutMs });
    await toasts.nth(left - 1).waitFor({ state: 'detached', timeout: timeoutMs });
  }
}

// --- Decorations, side bar width, webviews, Problems panel (drift e2e) ---

/** The file-decoration badge a tree row shows (e.g. "4"), or undefined without one. */
export async function treeRowBadge(page: Page, label: string): Promise<string | undefined> {
  // The decoration service draws the badge as ::after content of the row's icon label.
  const content = await treeRow(page, label)
    .locator('.monaco-icon-label')
    .first()
    .evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el, '::after').content ?? '');
  const match = /^"(.*)"$/.exec(content);
  return match?.[1] === undefined || match[1] === '' ? undefined : match[1];
}

/** Drags the sash right of the side bar until the side bar is `width` px wide (±4). */
export async function setSidebarWidth(page: Page, width: number, timeoutMs = 10_000): Promise<void> {
  const sidebar = page.locator(selectors.sidebar);
  const box = await sidebar.boundingBox({ timeout: timeoutMs });
  if (box === null) throw new Error('the side bar is not visible');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width + 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width + 1, y, { steps: 8 });
  await page.mouse.up();
  await page.mouse.move(0, 0);
  const now = (await sidebar.boundingBox())?.width ?? 0;
  if (Math.abs(now - width) > 4)
    throw new Error(`the side bar is ${now} px wide after dragging its sash, not ${width}`);
}

/** The document inside the active editor's webview (e.g. the Markdown preview). */
export function activeWebview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');
}

/** Opens the Problems panel from the status bar's problems item. */
export async function openProblemsPanel(page: Page, timeoutMs = 15_000): Promise<Locator> {
  const panel = page.locator('.part.panel .markers-panel');
  if (!(await panel.isVisible())) await page.locator('#status\\.problems').click({ timeout: timeoutMs });
  await panel.waitFor({ timeout: timeoutMs });
  return panel;
}

/** The aria labels of the Problems panel's rows (files and their markers), in display order. */
export async function problemsRows(page: Page): Promise<string[]> {
  const rows = await page.locator('.part.panel .markers-panel .monaco-list-row').evaluateAll((elements) =>
    elements.map((el) => ({
      index: Number(el.getAttribute('data-index')),
      text: el.getAttribute('aria-label') ?? el.textContent ?? '',
    })),
  );
  return rows.sort((a, b) => a.index - b.index).map((r) => r.text);
}
