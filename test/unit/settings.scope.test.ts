// The settings that decide where a token goes or how much may change can only come from the user:
// application scope in the manifest, restricted in untrusted workspaces, and read by one module
// that takes the user-settings value only. Checked on the manifest and the sources, because a
// setting added later must not slip past the rule.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const USER_ONLY = [
  'dbxScim.workspaces',
  'dbxScim.entra.tenantId',
  'dbxScim.entra.graphEndpoint',
  'dbxScim.entra.graphClientId',
  'dbxScim.account.host',
  'dbxScim.drift.groupMappings',
  'dbxScim.drift.scheduleMinutes',
  'dbxScim.reconcile.allowRemovals',
  'dbxScim.reconcile.massChangeThreshold',
  'dbxScim.azure.resourceManagerEndpoint',
];

interface Manifest {
  capabilities?: {
    untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] };
    virtualWorkspaces?: boolean | { supported?: unknown; description?: string };
  };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('settings that choose hosts, credentials and removals', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
  const properties = manifest.contributes.configuration.properties;

  it('are application-scoped in package.json', () => {
    for (const key of USER_ONLY)
      assert.equal(properties[key]?.scope, 'application', `${key} is not application-scoped`);
    // Every entra.* and reconcile.* setting, including ones added later.
    for (const key of Object.keys(properties).filter((k) => /^dbxScim\.(entra|reconcile)\./.test(k)))
      assert.ok(USER_ONLY.includes(key), `${key} is not in the list`);
  });

  it('are restricted in untrusted workspaces; virtual workspaces are declared', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.deepEqual([...(untrusted?.restrictedConfigurations ?? [])].sort(), [...USER_ONLY].sort());
    const virtual = manifest.capabilities?.virtualWorkspaces;
    assert.ok(
      virtual === false || (typeof virtual === 'object' && virtual.supported === 'limited' && !!virtual.description),
      'virtualWorkspaces is declared',
    );
  });

  it('are read by src/ui/common/settings.ts alone, from the user-settings value', () => {
    const readers = sources(path.join(root, 'src')).filter((f) =>
      /getConfiguration\s*\(/.test(fs.readFileSync(f, 'utf8')),
    );
    assert.deepEqual(
      readers.map((f) => path.relative(root, f)),
      [path.join('src', 'ui', 'common', 'settings.ts')],
    );
    const text = fs.readFileSync(path.join(root, 'src', 'ui', 'common', 'settings.ts'), 'utf8');
    const listed = /USER_ONLY_SETTINGS = \[([^\]]*)\]/.exec(text)?.[1] ?? '';
    assert.deepEqual([...listed.matchAll(/'([^']+)'/g)].map((m) => `dbxScim.${m[1]}`).sort(), [...USER_ONLY].sort());
    assert.match(text, /inspect<unknown>\(key\)\?\.globalValue/);
    // No user-only key is read through get(), which would merge in workspace and folder values.
    for (const key of USER_ONLY)
      assert.doesNotMatch(
        text,
        new RegExp(`get<[^>]*>\\('${key.slice('dbxScim.'.length).replace('.', '\\.')}'\\)`),
        key,
      );
  });
});
