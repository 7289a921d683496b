// Which listed token is ours without a recorded id: only a single candidate decides by itself;
// otherwise the candidates go to a person, labelled with words (comment, dates), never the id.
import { strict as assert } from 'node:assert';
import { EXTENSION_TOKEN_COMMENT, extensionTokenComment, identifyOwnToken } from '../../src/core/tokens/identify';
import type { TokenInfo } from '../../src/core/tokens/types';
import { tokenChoice } from '../../src/ui/workspaces/tokenChoices';

const DAY = 86_400_000;
const now = new Date('2026-11-30T06:00:00Z');
const token = (id: string, comment: string, createdDaysAgo: number, lifetimeDays: number | null): TokenInfo => ({
  tokenId: id.repeat(64).slice(0, 64),
  comment,
  creationTime: new Date(now.getTime() - createdDaysAgo * DAY),
  expiryTime: lifetimeDays === null ? null : new Date(now.getTime() + (lifetimeDays - createdDaysAgo) * DAY),
});

describe('identifying the stored token from the token list', () => {
  const pasted = token('a', 'laptop', 10, 90);
  const ours = token('b', extensionTokenComment(now), 3, 30);
  const old = token('c', '', 40, null);

  it('the only token (besides the one just made) is it', () => {
    assert.deepEqual(identifyOwnToken([pasted]), { tokenId: pasted.tokenId });
    assert.deepEqual(identifyOwnToken([pasted, ours], [ours.tokenId]), { tokenId: pasted.tokenId });
  });

  it('several tokens are never decided alone: ours first, then newest first', () => {
    assert.deepEqual(identifyOwnToken([old, pasted, ours]), { candidates: [ours, pasted, old] });
    assert.deepEqual(identifyOwnToken([]), { candidates: [] });
  });

  it("the extension's comment carries its name and the day", () => {
    assert.equal(extensionTokenComment(now), `${EXTENSION_TOKEN_COMMENT} (2026-11-30)`);
  });

  it('choices read as words: comment, creation time and expiry; the id is not shown', () => {
    const c = tokenChoice(pasted, now);
    assert.equal(c.label, 'laptop');
    assert.equal(c.description, 'created 20 Nov 2026, 06:00 UTC · expires in 80 days');
    assert.equal(c.detail, undefined);
    assert.equal(c.tokenId, pasted.tokenId);
    const unnamed = tokenChoice(old, now);
    assert.equal(unnamed.label, 'Token without a comment');
    assert.match(unnamed.description, /never expires$/);
    assert.match(tokenChoice(ours, now).detail ?? '', /Made by Databricks SCIM Explorer/);
    for (const shown of [c, unnamed, tokenChoice(ours, now)])
      assert.ok(![shown.label, shown.description, shown.detail].join(' ').includes(shown.tokenId.slice(0, 12)));
  });
});
