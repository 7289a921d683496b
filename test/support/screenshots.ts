// README screenshots come from passing e2e runs, but are refreshed only when asked
// (`npm run screenshots`): each run's pictures differ (the emulator's port), and an ordinary test
// run should not leave the checkout modified.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './deps';

export function publishScreenshots(files: readonly string[]): void {
  if (process.env.DBX_SCIM_UPDATE_SCREENSHOTS !== '1') return;
  const target = path.join(repoRoot, 'media', 'screenshots');
  fs.mkdirSync(target, { recursive: true });
  for (const file of files) {
    fs.copyFileSync(file, path.join(target, path.basename(file)));
    process.stdout.write(`README screenshot refreshed: media/screenshots/${path.basename(file)}\n`);
  }
}
