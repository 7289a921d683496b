// The .vsix the UI tests install: the one named by DBX_SCIM_VSIX (an e2e runner packs once for
// all scripts), else a fresh one packed from this checkout by scripts/package-vsix.mjs.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from './deps';

export function ensureVsix(): string {
  const given = process.env.DBX_SCIM_VSIX;
  if (given !== undefined && given !== '') return path.resolve(given);
  return packageVsix(path.join(repoRoot, 'test-results', 'e2e', 'databricks-scim-explorer.vsix'));
}

export function packageVsix(out: string): string {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'package-vsix.mjs'), '--out', out], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (result.status !== 0)
    throw new Error(`package-vsix failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  return out;
}
