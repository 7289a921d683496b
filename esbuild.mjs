// Bundles the extension and the CLI. `vscode` is provided by the host. @azure/identity is kept out
// of the activation path: it is bundled alone into dist/azure-identity.js, which
// src/core/auth/tokenSources.ts requires only when a user picks an Azure credential.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: production,
  logLevel: 'info',
  external: ['vscode', '@azure/identity'],
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  {
    ...common,
    entryPoints: ['src/core/auth/azureIdentityChunk.ts'],
    outfile: 'dist/azure-identity.js',
    external: ['vscode'],
  },
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
