// Typing into a search-as-you-type QuickPick the way a person does, and waiting until the rows are
// the server's answer: VS Code first filters the preloaded page by itself, so a row ticked before the
// debounced search returns is dropped when the answer replaces the list.
import type { Page } from 'playwright-core';
import { until } from './waits';
import { selectors } from './workbench';

interface LoggedRequest {
  method: string;
  query: Record<string, string>;
}

export async function typeSearch(page: Page, log: readonly LoggedRequest[], query: string): Promise<void> {
  const before = log.length;
  await page.locator(selectors.quickInput).pressSequentially(query, { delay: 60 });
  await until(
    () =>
      Promise.resolve(
        log.slice(before).filter((e) => e.method === 'GET' && (e.query['filter'] ?? '').includes(query)).length,
      ),
    (searches) => searches > 0,
    `a SCIM request filtered on "${query}"`,
  );
  await until(
    () => page.locator(selectors.quickInputRow).allInnerTexts(),
    (rows) => rows.length > 0 && rows.every((text) => text.toLowerCase().includes(query)),
    `only rows matching "${query}"`,
  );
}
