// Every error shape Databricks answers with becomes one DatabricksError with a useful userMessage, and no
// token ever appears in it — first from canned responses, then through the emulator's faults.

import { strict as assert } from 'node:assert';
import { HttpRetryError, HttpTransportError } from '../../src/core/http/errors';
import { Redactor } from '../../src/core/http/redact';
import type { HttpResponse } from '../../src/core/http/types';
import { describeBody } from '../../src/core/databricks/errorBody';
import {
  errorFromResponse,
  DatabricksError,
  toDatabricksError,
  type ErrorContext,
} from '../../src/core/databricks/errors';
import { eq } from '../../src/core/scim/filter';
import { ScimClient } from '../../src/core/scim/client';
import { httpFor, SCIM_BASE, startHarness, type ScimHarness } from './support/builders';
import { forSuite } from './support/lifecycle';
import { rejection } from './support/rejection';

const TOKEN = 'dapi0123456789abcdef0123456789abcdef';

function response(status: number, bodyText: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, bodyText, headers, url: 'https://adb-1.azuredatabricks.net/x', attempts: 1 };
}

function ctx(extra: Partial<ErrorContext> = {}): ErrorContext {
  const r = new Redactor();
  r.add(TOKEN);
  return {
    host: 'https://adb-1.azuredatabricks.net',
    method: 'GET',
    path: '/Users',
    redact: (t) => r.redact(t),
    ...extra,
  };
}

function assertNoToken(err: DatabricksError, token = TOKEN): void {
  for (const text of [err.message, err.userMessage, err.detail, String(err.stack)]) {
    assert.ok(!text.includes(token), `token leaked into: ${text}`);
  }
}

describe('scim error bodies (pure)', () => {
  it('reads SCIM error bodies with string status and optional scimType', () => {
    const b = describeBody(
      409,
      JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        detail: 'Group with name admins already exists.',
        status: '409',
      }),
      {},
    );
    assert.deepEqual(b, { code: 'SCIM_409', detail: 'Group with name admins already exists.' });
    const f = describeBody(
      400,
      JSON.stringify({ detail: 'Given filter operator is not supported.', status: '400', scimType: 'invalidFilter' }),
      {},
    );
    assert.equal(f.scimType, 'invalidFilter');
    assert.equal(
      describeBody(500, JSON.stringify({ detail: 'null', status: '500' }), {}).detail,
      'SCIM API Internal Error',
    );
  });

  it('reads error_code bodies with string and numeric codes', () => {
    assert.deepEqual(describeBody(404, '{"error_code":"RESOURCE_DOES_NOT_EXIST","message":"Token not found"}', {}), {
      code: 'RESOURCE_DOES_NOT_EXIST',
      detail: 'Token not found',
    });
    assert.deepEqual(describeBody(403, '{"error_code":403,"message":"Invalid access token."}', {}), {
      code: 'PERMISSION_DENIED',
      detail: 'Invalid access token.',
    });
  });

  it('reads HTML pages, plain text and empty bodies', () => {
    const pre =
      '<html><head><title>Error 403 Invalid access token.</title></head><body><h2>HTTP ERROR 403</h2><pre>Invalid access token.</pre></body></html>';
    assert.equal(describeBody(403, pre, {}).detail, 'Invalid access token.');
    const titleOnly = '<html><head><title>Error 502 Bad Gateway &amp; friends</title></head><body></body></html>';
    assert.equal(describeBody(502, titleOnly, {}).detail, 'Bad Gateway & friends');
    assert.deepEqual(describeBody(400, 'INVALID_PARAMETER_VALUE: count must be positive', {}), {
      code: 'INVALID_PARAMETER_VALUE',
      detail: 'count must be positive',
    });
    assert.deepEqual(describeBody(500, 'something broke', {}), { code: 'INTERNAL_ERROR', detail: 'something broke' });
    assert.deepEqual(describeBody(404, '', {}), { code: 'NOT_FOUND', detail: 'Not Found' });
    assert.equal(
      describeBody(403, '', { 'x-databricks-reason-phrase': 'Invalid access token.' }).detail,
      'Invalid access token.',
    );
    assert.ok(describeBody(500, 'x'.repeat(5000), {}).detail.length <= 500, 'long bodies are shortened');
  });

  it('says what to do for each status', () => {
    const tok = errorFromResponse(response(403, '{"error_code":403,"message":"Invalid access token."}'), ctx());
    assert.ok(tok.isAuthProblem);
    assert.match(tok.userMessage, /Update the token/);
    const admin = errorFromResponse(
      response(403, '{"error_code":"PERMISSION_DENIED","message":"Only workspace admins can access this API."}'),
      ctx(),
    );
    assert.match(admin.userMessage, /admin/);
    assert.match(admin.userMessage, /Update the token/);
    const expired = errorFromResponse(
      response(401, '{"error_code":"UNAUTHENTICATED","message":"Token is expired"}'),
      ctx(),
    );
    assert.match(expired.userMessage, /expired/);
    const jwt = errorFromResponse(
      response(400, '{"error_code":"BAD_REQUEST","message":"ExpiredJwtException: JWT expired"}'),
      ctx(),
    );
    assert.ok(jwt.isAuthProblem);
    assert.match(jwt.userMessage, /Update the token/);
    const nf = errorFromResponse(
      response(404, '{"detail":"Group not found.","status":"404"}'),
      ctx({ what: 'group 42' }),
    );
    assert.ok(nf.isNotFound);
    assert.match(nf.userMessage, /^Group 42 was not found/);
    const rl = errorFromResponse(
      response(429, '{"error_code":"REQUEST_LIMIT_EXCEEDED","message":"slow down"}', { 'retry-after': '7' }),
      ctx(),
    );
    assert.equal(rl.retryAfterSeconds, 7);
    assert.match(rl.userMessage, /rate-limiting .* try again in 7 s/);
    const dup = errorFromResponse(
      response(409, '{"detail":"User with username a@b.c already exists.","status":"409"}'),
      ctx(),
    );
    assert.ok(dup.isConflict && dup.isAlreadyExists && !dup.isAlreadyMember);
    const mem = errorFromResponse(
      response(409, '{"detail":"User 1 is already a member of group 2.","status":"409"}'),
      ctx(),
    );
    assert.ok(mem.isAlreadyMember);
  });

  it('maps retry exhaustion and transport failures', () => {
    const last = response(503, '{"error_code":"TEMPORARILY_UNAVAILABLE","message":"down"}', { 'retry-after': '3' });
    const retry = toDatabricksError(new HttpRetryError('gave up', 6, { response: last }), ctx());
    assert.equal(retry.status, 503);
    assert.equal(retry.attempts, 6);
    assert.match(retry.userMessage, /temporarily unavailable.*try again in 3 s/);
    const noResp = toDatabricksError(
      new HttpRetryError('gave up', 4, { error: new HttpTransportError('connection', 'ECONNRESET') }),
      ctx(),
    );
    assert.equal(noResp.status, 0);
    assert.match(noResp.userMessage, /after 4 attempts/);
    const kinds = {
      timeout: /did not answer in time/,
      aborted: /cancelled/,
      connection: /Could not reach/,
      insecure: /https/,
      redirect: /redirected/,
      proxy: /proxy/,
    } as const;
    for (const [kind, re] of Object.entries(kinds)) {
      const e = toDatabricksError(new HttpTransportError(kind as keyof typeof kinds, `failed with ${TOKEN}`), ctx());
      assert.equal(e.status, 0);
      assert.equal(e.transportKind, kind);
      assert.match(e.userMessage, re);
      assertNoToken(e);
    }
  });

  it('never lets a token through, known to the redactor or not', () => {
    const body = JSON.stringify({
      error_code: 'BAD_REQUEST',
      message: `bad header Authorization: Bearer ${TOKEN} and dapiffffffffffffffffffffffffffffffff`,
    });
    const e = errorFromResponse(response(400, body), ctx());
    assertNoToken(e);
    assertNoToken(e, 'dapiffffffffffffffffffffffffffffffff');
    const noRedactor = errorFromResponse(response(400, body), { host: 'h' });
    assertNoToken(noRedactor);
  });
});

describe('scim errors through the emulator', function () {
  this.timeout(20000);
  let h: ScimHarness;
  forSuite(
    () => startHarness({ dataset: 'demo' }),
    (started) => (h = started),
  );

  async function failure(p: Promise<unknown>): Promise<DatabricksError> {
    const err = await rejection(p, DatabricksError);
    assertNoToken(err, h.emulator.adminToken);
    return err;
  }

  it('an invalid token: 403 JSON with numeric error_code, and the older HTML page', async () => {
    const bad = 'dapi' + 'e'.repeat(32);
    const http = httpFor(h.emulator.url, bad);
    try {
      const scim = new ScimClient({ host: h.emulator.url, http });
      const json = await failure(scim.me());
      assert.equal(json.status, 403);
      assert.equal(json.detail, 'Invalid access token.');
      assert.match(json.userMessage, /Update the token/);
      assertNoToken(json, bad);
      h.emulator.setKnobs({ errorStyle: 'html' });
      const html = await failure(scim.listPage('user'));
      assert.equal(html.status, 403);
      assert.equal(html.detail, 'Invalid access token.');
      assertNoToken(html, bad);
    } finally {
      h.emulator.setKnobs({ errorStyle: 'json' });
      await http.close();
    }
  });

  it('injected HTML, plain-text, numeric error_code and empty bodies', async () => {
    /** What the next user list fails with when the emulator answers it so. */
    const failureFor = (status: number, body: string, contentType?: string) => {
      h.emulator.injectFaults({
        match: { path: `${SCIM_BASE}/Users` },
        kind: 'status',
        status,
        body,
        ...(contentType === undefined ? {} : { contentType }),
      });
      return failure(h.scim.listPage('user'));
    };
    const html = await failureFor(
      500,
      '<html><head><title>Error 500 Server Error</title></head><body><pre>java.lang.NullPointerException</pre></body></html>',
      'text/html',
    );
    assert.equal(html.status, 500);
    assert.equal(html.detail, 'java.lang.NullPointerException');
    assert.match(html.userMessage, /HTTP 500/);

    const text = await failureFor(400, 'INVALID_STATE: workspace is being deleted', 'text/plain');
    assert.equal(text.code, 'INVALID_STATE');
    assert.equal(text.detail, 'workspace is being deleted');

    const num = await failureFor(401, '{"error_code":401,"message":"Token is expired"}', 'application/json');
    assert.equal(num.code, 'UNAUTHENTICATED');
    assert.ok(num.isAuthProblem);

    const empty = await failureFor(404, '');
    assert.equal(empty.detail, 'Not Found');
  });

  it('real 404, 409 and 400 answers', async () => {
    const nf = await failure(h.scim.get('group', '9999999999999999'));
    assert.ok(nf.isNotFound);
    assert.match(nf.userMessage, /Group 9999999999999999 was not found/);
    const existing = h.emulator.state.groups.toArray()[0];
    assert.ok(existing);
    const dup = await failure(h.scim.createGroup({ displayName: existing.displayName }));
    assert.ok(dup.isAlreadyExists);
    const adopted = await h.scim.findByName('group', existing.displayName);
    assert.equal(adopted?.id, existing.id, 'an existing group can be adopted after a 409');
    const bad = await failure(h.scim.listPage('user', { filter: eq('nickName', 'x') }));
    assert.equal(bad.status, 400);
    assert.match(bad.userMessage, /filter/);
  });

  it('429 after the retries are spent: rate-limit message with the server wait', async () => {
    h.emulator.injectFaults({
      match: { path: `${SCIM_BASE}/Users` },
      times: 3,
      kind: 'status',
      status: 429,
      retryAfter: '17',
    });
    const rl = await failure(h.scim.listPage('user'));
    assert.equal(rl.status, 429);
    assert.equal(rl.retryAfterSeconds, 17);
    assert.equal(rl.attempts, 3);
    assert.match(rl.userMessage, /Databricks is rate-limiting requests to .*; try again in 17 s\./);
    assert.ok((await h.scim.listPage('user')).items.length > 0, 'the next call goes through');
  });

  it('a redirect to another origin and a refused connection', async () => {
    // A redirect loop: the transport gives up after its hop limit.
    h.emulator.injectFaults({
      match: { path: `${SCIM_BASE}/Me` },
      times: 6,
      kind: 'redirect',
      location: `${SCIM_BASE}/Me`,
    });
    const redirect = await failure(h.scim.me());
    assert.equal(redirect.status, 0);
    assert.equal(redirect.transportKind, 'redirect');
    assert.match(redirect.userMessage, /redirected/);
    assert.equal((await h.scim.me()).userName, h.emulator.state.adminUser.userName, 'the faults are used up');
    const http = httpFor('http://127.0.0.1:9', h.emulator.adminToken);
    try {
      const down = await failure(new ScimClient({ host: 'http://127.0.0.1:9', http }).me());
      assert.equal(down.transportKind, 'connection');
      assert.match(down.userMessage, /Could not reach/);
    } finally {
      await http.close();
    }
  });
});
