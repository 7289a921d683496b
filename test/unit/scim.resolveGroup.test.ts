// resolveGroup: the one "group by name or id" lookup the CLI and the extension's commands share,
// against the emulator over real HTTP.

import { strict as assert } from 'node:assert';
import { GroupNotFoundError, resolveGroup } from '../../src/core/scim/resolve';
import { startHarness, type ScimHarness } from './support/builders';
import { forSuite } from './support/lifecycle';

describe('scim: resolveGroup (name or id)', () => {
  let h: ScimHarness;
  forSuite(
    () => startHarness({ dataset: 'demo' }),
    (started) => (h = started),
  );

  it('finds a group by its id and by its exact displayName', async () => {
    const g = await h.scim.createGroup({ displayName: 'resolve-me' });
    assert.equal((await resolveGroup(h.scim, g.id)).displayName, 'resolve-me');
    assert.equal((await resolveGroup(h.scim, 'resolve-me')).id, g.id);
  });

  it('escapes the name into the filter: quotes and backslashes match literally, nothing is injected', async () => {
    const quoted = await h.scim.createGroup({ displayName: 'a "quoted" name' });
    const slashed = await h.scim.createGroup({ displayName: 'back\\slash' });
    assert.equal((await resolveGroup(h.scim, 'a "quoted" name')).id, quoted.id);
    assert.equal((await resolveGroup(h.scim, 'back\\slash')).id, slashed.id);
    // Pasted unescaped, this would read `displayName eq "x" or displayName pr ""` and match every group.
    await assert.rejects(resolveGroup(h.scim, 'x" or displayName pr "'), GroupNotFoundError);
  });

  it('tries the name first, so a group named with digits is found by name', async () => {
    const digits = await h.scim.createGroup({ displayName: '4711' });
    assert.equal((await resolveGroup(h.scim, '4711')).id, digits.id);
  });

  it('says plainly when there is no such group, by name or by id', async () => {
    for (const missing of ['no-such-group', '1234567890123456']) {
      await assert.rejects(resolveGroup(h.scim, missing), (err: unknown) => {
        assert.ok(err instanceof GroupNotFoundError, String(err));
        assert.equal(err.message, `There is no group "${missing}" in ${h.scim.host}.`);
        assert.equal(err.nameOrId, missing);
        return true;
      });
    }
  });
});
