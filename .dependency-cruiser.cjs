// The layering rules of src/, in one place. `npm run lint` and the lint stage of `npm test` run it;
// test/unit/architecture.rules.test.ts proves a forbidden import fails it.
//
//   core  <-  ui/common  <-  ui/explorer  <-  ui/{workspaces,principals,drift,access}  <-  ui/dev, extension.ts
//   core  <-  cli
const FEATURES = ['workspaces', 'principals', 'drift', 'access'];

module.exports = {
  forbidden: [
    {
      name: 'core-stays-headless',
      comment: 'src/core is the engine the CLI shares: it never imports VS Code, the extension or the CLI.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^(src/(ui|cli)/|src/extension\\.ts$)|^vscode$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'core-type-imports-too',
      comment: 'Not even types from the extension or the CLI flow into src/core.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(ui|cli)/' },
    },
    {
      name: 'cli-without-vscode',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^(src/ui/|src/extension\\.ts$|vscode$)' },
    },
    {
      name: 'common-imports-no-ui-folder',
      comment: 'ui/common is below every other ui folder.',
      severity: 'error',
      from: { path: '^src/ui/common/' },
      to: { path: '^src/ui/(?!common/)' },
    },
    {
      name: 'explorer-imports-only-common',
      comment: 'The tree knows nodes and connections; features plug into it, not the other way round.',
      severity: 'error',
      from: { path: '^src/ui/explorer/' },
      to: { path: '^src/ui/(?!(common|explorer)/)' },
    },
    ...FEATURES.map((feature) => ({
      name: `${feature}-imports-no-other-feature`,
      comment: 'Feature folders depend on common and explorer only, never on each other or on dev.',
      severity: 'error',
      from: { path: `^src/ui/${feature}/` },
      to: { path: `^src/ui/(?!(common|explorer|${feature})/)` },
    })),
    {
      name: 'nothing-imports-dev',
      comment: 'Test hooks and the demo bootstrap are reached from one line of extension.ts only.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^(src/ui/dev/|src/extension\\.ts$)' },
      to: { path: '^src/ui/dev/' },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
