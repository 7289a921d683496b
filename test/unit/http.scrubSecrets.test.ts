// One scrubber for every text that leaves the engine: the pure function first, then the three
// places that show server text — a Databricks error, a Graph error and the CLI's output — each fed
// over real HTTP a body that echoes secrets nobody registered.

import { strict as assert } from 'node:assert';
import { DatabricksError } from '../../src/core/databricks/errors';
import { GraphError } from '../../src/core/graph/errors';
import { REDACTED, Redactor, scrubSecrets } from '../../src/core/http/redact';
import { runCli } from './support/cliRunner';
import { reply, startHostileServer, type HostileServer } from './support/hostileServer';
import { forSuite } from './support/lifecycle';
import { rejection } from './support/rejection';

// 24 hex digits: a PAT variant the earlier `dapi[0-9a-f]{32}` pattern let through.
const SHORT_PAT = 'dapi0123456789abcdef01234567';
const BEARER_VALUE = 'opaque-token_4711';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLXZhbHVl';
const SECRETS = [SHORT_PAT, BEARER_VALUE, JWT];
const ECHO = `token ${SHORT_PAT} rejected; sent Authorization: Bearer ${BEARER_VALUE}; id token ${JWT}`;

function assertScrubbed(text: string): void {
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `${secret} leaked into: ${text}`);
}

describe('http: scrubSecrets, the one scrubber', () => {
  it('masks a PAT of any length from 20 hex digits, a Bearer value and a JWT', () => {
    assert.equal(scrubSecrets(`x ${SHORT_PAT}-2 y`), `x dapi${REDACTED} y`);
    assert.equal(scrubSecrets(`Authorization: Bearer ${BEARER_VALUE}`), `Authorization: Bearer ${REDACTED}`);
    assert.equal(scrubSecrets(`got ${JWT}.`), `got ${REDACTED}.`);
    assert.equal(
      scrubSecrets('dapi0123456789abcdef012 stays: 19 hex digits'),
      'dapi0123456789abcdef012 stays: 19 hex digits',
    );
  });

  it('masks this exact secret when told of it, through a Redactor or an error context', () => {
    const redactor = new Redactor();
    redactor.add('plain-words-secret');
    assert.equal(
      scrubSecrets('a plain-words-secret b', (t) => redactor.redact(t)),
      `a ${REDACTED} b`,
    );
    assert.equal(redactor.redact(ECHO), scrubSecrets(ECHO), 'the Redactor masks shapes with the same function');
    assertScrubbed(redactor.redact(ECHO));
  });
});

describe('http: every place that shows server text scrubs with it (real HTTP)', () => {
  let h: HostileServer;
  forSuite(startHostileServer, (started) => (h = started));

  it('a Databricks error text', async () => {
    h.answer(reply(400, JSON.stringify({ error_code: 'BAD_REQUEST', message: ECHO })));
    const err = await rejection(h.scim().scim.me());
    assert.ok(err instanceof DatabricksError, String(err));
    for (const text of [err.detail, err.userMessage, err.message]) assertScrubbed(text);
    assert.match(err.detail, /dapi\[REDACTED\]/);
  });

  it('a Graph error text', async () => {
    h.answer(reply(400, JSON.stringify({ error: { code: 'BadRequest', message: ECHO } })));
    const err = await rejection(h.graph().graph.getGroup('1b0c4c36-7d05-4e2c-9d0f-000000000001'));
    assert.ok(err instanceof GraphError, String(err));
    for (const text of [err.detail, err.userMessage, err.message]) assertScrubbed(text);
    assert.match(err.detail, /dapi\[REDACTED\]/);
  });

  it("the CLI's output, for a server's error and for a token typed into the wrong variable", async () => {
    h.answer(reply(401, JSON.stringify({ error_code: 'UNAUTHENTICATED', message: ECHO })));
    const served = await runCli({ DATABRICKS_HOST: h.server.url, DATABRICKS_TOKEN: 'dapi' + 'a'.repeat(32) }, [
      'users',
      'list',
    ]);
    assert.equal(served.code, 1, served.stderr);
    assertScrubbed(served.stdout + served.stderr);

    const typo = await runCli({ DATABRICKS_HOST: `https://${SHORT_PAT} pasted`, DATABRICKS_TOKEN: 'x'.repeat(8) }, [
      'users',
      'list',
    ]);
    assert.equal(typo.code, 2, typo.stderr);
    assert.match(typo.stderr, /DATABRICKS_HOST: .*dapi\[REDACTED\]/);
    assertScrubbed(typo.stderr);
  });
});
