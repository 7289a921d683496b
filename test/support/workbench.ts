// Workbench selectors and actions that held for Code 1.139 (code-server 4.139), in one place so
// a VS Code update means one file to fix.
import type { Locator, Page } from 'playwright-core';

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
  await page.locator(`${selectors.sidebar} .monaco-progress-container.active`).first().waitFor({ state: 'hidden', timeout: timeoutMs });
}

/** Runs a command from the palette by its title, e.g. "Databricks SCIM: Refresh". */
export async function runFromPalette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator(selectors.quickInput).fill(`>${title}`);
  await page.locator(selectors.quickInputRow).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}
