#!/usr/bin/env node
// Builds the production bundle and packs it into a .vsix, for `npm run package` and the UI e2e
// tests (which install exactly what a user would). Runs on the system Node 20: vsce 3.9.x still
// supports it (4.x needs Node 22). --no-dependencies because esbuild already bundled dist/.
//   node scripts/package-vsix.mjs [--out FILE]     (default: <name>-<version>.vsix in the repo)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVSIX } from '@vscode/vsce';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outIndex = process.argv.indexOf('--out');
const out = resolve(
  outIndex > 0 ? process.argv[outIndex + 1] : join(root, `${manifest.name}-${manifest.version}.vsix`),
);

const build = spawnSync(process.execPath, [join(root, 'esbuild.mjs'), '--production'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

mkdirSync(dirname(out), { recursive: true });
// vsce turns README-relative links into absolute ones only for GitHub/GitLab repositories and
// fails otherwise; while package.json names a placeholder repository, keep them relative.
const repository = String(manifest.repository?.url ?? manifest.repository ?? '');
const rewriteRelativeLinks = /github\.com|gitlab\.com/.test(repository);
await createVSIX({ cwd: root, packagePath: out, dependencies: false, rewriteRelativeLinks });
console.log(out);
