// The folder rules of src/ live in .dependency-cruiser.cjs and run in the lint stage. These tests
// prove the rules bite: a small tree in a temporary folder, cruised with the very same config, with
// one forbidden import per rule; and the real src/ has no violation.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../../..');
const CLI = path.join(REPO, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const CONFIG = path.join(REPO, '.dependency-cruiser.cjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** Cruises `src` under `cwd` with the repository's rules; returns the violations. */
function cruise(cwd: string): Violation[] {
  const out = execFileSync(process.execPath, [CLI, 'src', '--config', CONFIG, '--output-type', 'json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}

/** A tree that obeys every rule, plus `extra` files (path → source). */
function tree(extra: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dbx-arch-'));
  const files: Record<string, string> = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'Node16', moduleResolution: 'Node16' } }),
    'src/core/engine.ts': 'export const engine = 1;\n',
    'src/ui/common/action.ts': "import { engine } from '../../core/engine';\nexport const action = engine;\n",
    'src/ui/explorer/tree.ts': "import { action } from '../common/action';\nexport const tree = action;\n",
    'src/ui/principals/members.ts': "import { tree } from '../explorer/tree';\nexport const members = tree;\n",
    'src/ui/drift/compare.ts': "import { tree } from '../explorer/tree';\nexport const compare = tree;\n",
    'src/ui/dev/hooks.ts': "import { members } from '../principals/members';\nexport const hooks = members;\n",
    'src/extension.ts': "import { hooks } from './ui/dev/hooks';\nexport const ext = hooks;\n",
    ...extra,
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

function rulesBroken(extra: Record<string, string>): string[] {
  const dir = tree(extra);
  try {
    return [...new Set(cruise(dir).map((v) => v.rule.name))].sort();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('folder rules (dependency-cruiser)', function () {
  this.timeout(60_000);

  it('the sample tree that follows the rules passes', () => {
    assert.deepEqual(rulesBroken({}), []);
  });

  it('a feature folder importing another feature fails', () => {
    const broken = rulesBroken({
      'src/ui/drift/bad.ts': "import { members } from '../principals/members';\nexport const bad = members;\n",
    });
    assert.deepEqual(broken, ['drift-imports-no-other-feature']);
  });

  it('src/core importing the extension fails, types included', () => {
    assert.deepEqual(
      rulesBroken({ 'src/core/bad.ts': "import { tree } from '../ui/explorer/tree';\nexport const bad = tree;\n" }),
      ['core-stays-headless', 'core-type-imports-too'],
    );
    assert.deepEqual(
      rulesBroken({
        'src/core/bad.ts': "import type { tree } from '../ui/explorer/tree';\nexport type Bad = typeof tree;\n",
      }),
      ['core-type-imports-too'],
    );
  });

  it('the explorer importing a feature, and common importing the explorer, fail', () => {
    assert.deepEqual(
      rulesBroken({
        'src/ui/explorer/bad.ts': "import { compare } from '../drift/compare';\nexport const bad = compare;\n",
      }),
      ['explorer-imports-only-common'],
    );
    assert.deepEqual(
      rulesBroken({ 'src/ui/common/bad.ts': "import { tree } from '../explorer/tree';\nexport const bad = tree;\n" }),
      ['common-imports-no-ui-folder'],
    );
  });

  it('a cycle fails, and so does reaching the dev folder from anywhere but extension.ts', () => {
    assert.deepEqual(
      rulesBroken({
        'src/ui/common/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
        'src/ui/common/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
      }),
      ['no-cycles'],
    );
    assert.deepEqual(
      rulesBroken({
        'src/ui/workspaces/bad.ts': "import { hooks } from '../dev/hooks';\nexport const bad = hooks;\n",
      }),
      ['nothing-imports-dev', 'workspaces-imports-no-other-feature'],
    );
  });

  it('the real src/ follows every rule', () => {
    assert.deepEqual(
      cruise(REPO).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`),
      [],
    );
  });
});
