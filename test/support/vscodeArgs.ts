// Reads the VS Code command line that @vscode/test-electron's runTests (or @vscode/test-cli)
// builds, so code-server can stand in for a desktop VS Code executable. Flags that only mean
// something to Electron (--no-sandbox, --skip-welcome, ...) are accepted and ignored.

export interface ExtensionTestCommandLine {
  readonly extensionDevelopmentPaths: string[];
  readonly extensionTestsPath: string | undefined;
  readonly userDataDir: string | undefined;
  readonly extensionsDir: string | undefined;
  readonly disableExtensions: boolean;
  /** Folder or .code-workspace file to open (the first positional argument). */
  readonly folder: string | undefined;
}

// Flags that may take their value as the next argument (`--user-data-dir DIR`).
const valueFlags = new Set([
  'extensionDevelopmentPath',
  'extensionTestsPath',
  'user-data-dir',
  'extensions-dir',
  'locale',
  'log',
]);

export function parseVSCodeArgs(argv: readonly string[]): ExtensionTestCommandLine {
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const match = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    if (match === null) {
      if (!arg.startsWith('-')) positional.push(arg);
      continue;
    }
    const name = match[1] ?? '';
    let value = match[2];
    if (value === undefined && valueFlags.has(name)) value = argv[++i];
    if (value === undefined) flags.add(name);
    else values.set(name, [...(values.get(name) ?? []), value]);
  }
  const last = (name: string): string | undefined => values.get(name)?.at(-1);
  return {
    extensionDevelopmentPaths: values.get('extensionDevelopmentPath') ?? [],
    extensionTestsPath: last('extensionTestsPath'),
    userDataDir: last('user-data-dir'),
    extensionsDir: last('extensions-dir'),
    disableExtensions: flags.has('disable-extensions'),
    folder: positional[0],
  };
}
