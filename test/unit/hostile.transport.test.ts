// Servers that hold a request hostage: a body that drips forever, a Retry-After longer than the
// retry budget. Real HTTP; waits are recorded by the kit's sleep, never slept.

import { strict as assert } from 'node:assert';
import { DEFAULT_TIMEOUTS } from '../../src/core/http/defaults';
import { HttpRetryError, HttpTransportError } from '../../src/core/http/errors';
import { DatabricksError } from '../../src/core/databricks/errors';
import type { Handler } from './support/instrumentedServer';
import { reply, startHostileServer, type HostileServer } from './support/hostileServer';
import { forSuite } from './support/lifecycle';

/** Headers at once, then one byte every `everyMs`, never the end. */
function drip(everyMs: number): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{');
    const timer = setInterval(() => res.write(' '), everyMs);
    res.on('close', () => clearInterval(timer));
  };
}

describe('hostile timing (real HTTP)', () => {
  let h: HostileServer;
  forSuite(startHostileServer, (started) => (h = started));

  it('a body dripping one byte at a time ends at the request deadline, once, naming the host', async () => {
    h.answer(drip(20));
    const { client, failure } = h.kit({ timeouts: { bodyMs: 5_000, deadlineMs: 300 } });
    const before = h.server.requests.length;
    const err = await failure(client.request({ method: 'GET', url: `${h.server.url}/api/2.0/preview/scim/v2/Users` }));
    assert.ok(err instanceof HttpTransportError);
    assert.equal(err.kind, 'timeout');
    assert.ok(err.message.includes(h.server.url.replace('http://', '')), err.message);
    assert.match(err.message, /too slow: no complete answer within 300 ms \(request deadline\)/);
    assert.equal(h.server.requests.length - before, 1, 'not retried');
  });

  it('the SCIM error for a missed deadline says which host was too slow', async () => {
    h.answer(drip(20));
    const { scim } = h.scim({ timeouts: { deadlineMs: 300 } });
    await assert.rejects(scim.me(), (e: unknown) => {
      assert.ok(e instanceof DatabricksError);
      assert.equal(e.transportKind, 'timeout');
      assert.ok(e.userMessage.startsWith(`${h.server.url} was too slow`), e.userMessage);
      return true;
    });
  });

  it('the deadline defaults to two minutes', () => {
    assert.equal(DEFAULT_TIMEOUTS.deadlineMs, 120_000);
  });

  it('a Retry-After longer than the retry budget ends the request at once and says when to retry', async () => {
    h.answer(
      reply(429, '{"error_code":"REQUEST_LIMIT_EXCEEDED","message":"slow down"}', 'application/json', {
        'retry-after': '300',
      }),
    );
    const { client, sleeps, failure } = h.kit({ retry: { budgetMs: 60_000 } });
    const before = h.server.requests.length;
    const started = Date.now();
    const err = await failure(client.request({ method: 'GET', url: `${h.server.url}/api/2.0/preview/scim/v2/Me` }));
    assert.ok(err instanceof HttpRetryError);
    assert.deepEqual(sleeps, [], 'no wait at all');
    assert.equal(h.server.requests.length - before, 1, 'one request');
    assert.equal(err.lastResponse?.status, 429);
    const at = /retry after (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC/.exec(err.message);
    assert.ok(at?.[1], err.message);
    const whenMs = Date.parse(`${at[1]}Z`);
    assert.ok(Math.abs(whenMs - (started + 300_000)) < 5_000, err.message);
    assert.match(err.message, /asked to wait 300 s/);
  });

  it('through the SCIM client the same answer says "try again in 300 s"', async () => {
    h.answer(reply(503, 'busy', 'text/plain', { 'retry-after': '300' }));
    const { scim, kit } = h.scim();
    await assert.rejects(
      scim.listPage('user'),
      (e: unknown) => e instanceof DatabricksError && /try again in 300 s/.test(e.userMessage),
    );
    assert.deepEqual(kit.sleeps, []);
  });
});
