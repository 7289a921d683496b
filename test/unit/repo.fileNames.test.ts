// One naming rule for TypeScript files, so a file is found by guessing its name: lowerCamelCase
// parts separated by dots (`treeCache.ts`, `http.retryAfter.test.ts`), never dashes or capitals first.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../../..');
const RULE = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*\.ts$/;

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('file names', () => {
  it('every TypeScript file in src/ and test/ is lowerCamelCase, parts separated by dots', () => {
    const files = ['src', 'test'].flatMap((d) => tsFiles(path.join(REPO, d)));
    assert.ok(files.length > 100, `found ${files.length} files`);
    assert.deepEqual(
      files.filter((f) => !RULE.test(path.basename(f))).map((f) => path.relative(REPO, f)),
      [],
    );
  });

  it('the rule refuses dashes and leading capitals', () => {
    for (const bad of ['host-limits.ts', 'TreeCache.ts', 'http.retry-after.test.ts']) assert.doesNotMatch(bad, RULE);
    for (const good of ['hostLimits.ts', 'treeCache.ts', 'http.retryAfter.test.ts']) assert.match(good, RULE);
  });
});
