// Error answers written to hurt: a token echoed just before the cut, entities past Unicode,
// unclosed tags. Served over real HTTP; each must end in the ordinary DatabricksError / GraphError.

import { strict as assert } from 'node:assert';
import { GraphError } from '../../src/core/graph/errors';
import { maskJwts, REDACTED, Redactor } from '../../src/core/http/redact';
import { describeBody } from '../../src/core/databricks/errorBody';
import { DatabricksError } from '../../src/core/databricks/errors';
import { capText, CUT_MARK } from '../../src/core/text/cap';
import { HOSTILE_PAT, reply, startHostileServer, type HostileServer } from './support/hostileServer';
import { forSuite } from './support/lifecycle';
import { rejection } from './support/rejection';

function texts(err: Error): string[] {
  const api = err instanceof DatabricksError || err instanceof GraphError ? [err.detail, err.userMessage] : [];
  return [err.message, String(err.stack), ...api];
}

describe('hostile error bodies (real HTTP)', () => {
  let h: HostileServer;
  forSuite(startHostileServer, (started) => (h = started));

  it('a 401 that echoes the token after 480 characters shows no part of it', async () => {
    // Unregistered on purpose: the shape rule must see the whole token, so redaction runs before the cut.
    const stranger = 'dapiabcdefabcdefabcdefabcdefabcdef0123';
    const body = JSON.stringify({
      error_code: 'UNAUTHENTICATED',
      message: `${'x'.repeat(480)} token ${stranger} is invalid`,
    });
    h.answer(reply(401, body));
    const { scim } = h.scim();
    const err = await rejection(scim.me());
    assert.ok(err instanceof DatabricksError);
    assert.equal(err.status, 401);
    for (const text of texts(err)) {
      assert.ok(!text.includes(stranger.slice(0, 12)), `a token prefix leaked into: ${text.slice(0, 80)}…`);
      assert.ok(!text.includes(HOSTILE_PAT));
    }
  });

  it('an HTML error page with &#99999999; gives the normal error, not a RangeError', async () => {
    h.answer(
      reply(
        403,
        '<html><body><pre>Invalid access token &#99999999; &#x110000; &#55296; &#65;.</pre></body></html>',
        'text/html',
      ),
    );
    const { scim } = h.scim();
    const err = await rejection(scim.listPage('user'));
    assert.ok(err instanceof DatabricksError, `${err.name}: ${err.message}`);
    assert.equal(err.status, 403);
    assert.match(err.detail, /Invalid access token &#99999999; &#x110000; &#55296; A\./);
    assert.ok(err.isAuthProblem);
  });

  it('an HTML page with an unclosed <pre> and thousands of "<" still gives its title', async () => {
    h.answer(reply(502, `<html><title>Error 502 Gateway down</title><pre>${'<a'.repeat(50_000)}`, 'text/html'));
    const { scim } = h.scim({ retry: { maxAttempts: 1 } });
    const err = await rejection(scim.listPage('group'));
    assert.ok(err instanceof DatabricksError);
    assert.equal(err.detail, 'Gateway down');
  });

  it('a Graph error whose message echoes a JWT after 490 characters shows no part of it', async () => {
    const jwt = `eyJ${'a'.repeat(40)}.eyJ${'b'.repeat(40)}.${'c'.repeat(40)}`;
    h.answer(reply(400, JSON.stringify({ error: { code: 'BadRequest', message: `${'y'.repeat(490)} ${jwt}` } })));
    const { graph } = h.graph();
    const err = await rejection(graph.getGroup('1b0c4c36-7d05-4e2c-9d0f-000000000001'));
    assert.ok(err instanceof GraphError);
    for (const text of texts(err))
      assert.ok(!text.includes('eyJaaaaaaaa'), `a JWT prefix leaked into: ${text.slice(0, 80)}…`);
  });
});

describe('hostile text (pure)', () => {
  it('capText cuts long text and drops a token the cut went through', () => {
    assert.equal(capText('short', 10), 'short');
    const text = `hello ${HOSTILE_PAT} world`;
    assert.equal(capText(text, 12), `hello ${CUT_MARK}`);
    assert.equal(capText('a b c d e f', 5), `a b c${CUT_MARK}`);
  });

  it('the redactor masks back-to-back "eyJ" runs and JWTs of any length, and still finds later tokens', () => {
    assert.equal(maskJwts('a eyJx.y.z b'), `a ${REDACTED} b`);
    assert.equal(maskJwts('eyJeyJeyJ eyJ.a.b eyJa..b'), 'eyJeyJeyJ eyJ.a.b eyJa..b', 'not JWT-shaped: left alone');
    assert.equal(maskJwts('xeyJa.eyJb eyJc.d.e'), `xeyJa.eyJb ${REDACTED}`);
    const r = new Redactor();
    const out = r.redact(`${'eyJ'.repeat(40_000)} then ${HOSTILE_PAT}`);
    assert.ok(!out.includes(HOSTILE_PAT));
  });

  it('describeBody caps what it scans and never throws on broken entities', () => {
    const b = describeBody(500, `<html><pre>&#99999999999999999999; ${'&#1;'.repeat(10)}</pre></html>`, {});
    assert.equal(b.code, 'INTERNAL_ERROR');
    assert.match(b.detail, /^&#99999999999999999999;/);
    const huge = describeBody(500, 'E'.repeat(5_000_000), {});
    assert.ok(huge.detail.length <= 500);
  });
});
