// Token API against the emulator: create, list, delete, errors; the new value is masked at once.

import { strict as assert } from 'node:assert';
import { DatabricksError } from '../../src/core/databricks/errors';
import { startHarness, type ScimHarness } from './support/builders';
import { forSuite } from './support/lifecycle';

describe('token API against the emulator', function () {
  this.timeout(20000);
  let h: ScimHarness;
  forSuite(
    () => startHarness({ dataset: 'empty' }),
    (started) => (h = started),
  );

  it('creates, lists and deletes a token', async () => {
    const before = Date.now();
    const { tokenValue, info } = await h.tokens.create({ lifetimeSeconds: 3600, comment: 'unit-test' });
    assert.match(tokenValue, /^dapi[0-9a-f]{32}$/);
    assert.match(info.tokenId, /^[0-9a-f]{64}$/);
    assert.equal(info.comment, 'unit-test');
    assert.ok(info.creationTime.getTime() >= before - 1000);
    assert.ok(info.expiryTime);
    assert.ok(Math.abs(info.expiryTime.getTime() - info.creationTime.getTime() - 3_600_000) < 1000);
    assert.ok(h.emulator.state.tokenIsValid(tokenValue));

    const listed = await h.tokens.list();
    const mine = listed.find((t) => t.tokenId === info.tokenId);
    assert.deepEqual(mine, info);

    await h.tokens.delete(info.tokenId);
    assert.equal(h.emulator.state.tokenIsValid(tokenValue), false);
    assert.equal(
      (await h.tokens.list()).some((t) => t.tokenId === info.tokenId),
      false,
    );
  });

  it('a token without a lifetime never expires', async () => {
    const { info } = await h.tokens.create({});
    assert.equal(info.expiryTime, null);
    assert.equal(h.emulator.log.at(-1)?.body && JSON.stringify(h.emulator.log.at(-1)?.body), '{}');
    await h.tokens.delete(info.tokenId);
  });

  it('masks the new token value in everything the transport redacts', async () => {
    const { tokenValue, info } = await h.tokens.create({ comment: 'masked' });
    assert.ok(!h.http.redactor.redact(`value=${tokenValue}`).includes(tokenValue));
    await h.tokens.delete(info.tokenId);
  });

  it('deleting an unknown token is a 404 DatabricksError with the Databricks code', async () => {
    await assert.rejects(h.tokens.delete('f'.repeat(64)), (e: unknown) => {
      assert.ok(e instanceof DatabricksError);
      assert.equal(e.status, 404);
      assert.equal(e.code, 'RESOURCE_DOES_NOT_EXIST');
      assert.match(e.userMessage, /Token f+ was not found/);
      return true;
    });
  });

  it('quota and parameter errors come back typed', async () => {
    h.emulator.setKnobs({ tokenQuota: 1 });
    try {
      await assert.rejects(
        h.tokens.create({ comment: 'over quota' }),
        (e: unknown) => e instanceof DatabricksError && e.code === 'QUOTA_EXCEEDED' && e.status === 400,
      );
    } finally {
      h.emulator.setKnobs({ tokenQuota: 600 });
    }
    await assert.rejects(h.tokens.create({ lifetimeSeconds: 0 }), /positive integer/);
    await assert.rejects(h.tokens.delete(' '), /token id is required/);
  });
});
