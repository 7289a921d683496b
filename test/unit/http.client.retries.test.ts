import { strict as assert } from 'node:assert';
import { HttpRetryError, HttpTransportError } from '../../src/core/http/errors';
import type { Emulator } from '../emulator/types';
import { emulatorClientKits } from './support/httpClientKit';

const ME = '/api/2.0/preview/scim/v2/Me';
const GROUPS = '/api/2.0/preview/scim/v2/Groups';
const group = (displayName: string) => ({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName });

describe('http client: retries (against the emulator)', () => {
  let emu: Emulator;
  const kit = emulatorClientKits((started) => (emu = started));

  it('retries a 429 after the Retry-After seconds, then succeeds', async () => {
    const { client, sleeps } = kit();
    emu.injectFaults({ match: { path: ME }, times: 2, kind: 'status', status: 429, retryAfter: '3' });
    const res = await client.request({ method: 'GET', url: `${emu.url}${ME}` });
    assert.equal(res.status, 200);
    assert.equal(res.attempts, 3);
    assert.deepEqual(sleeps, [3000, 3000]);
    assert.deepEqual(
      emu.log.map((e) => e.status),
      [429, 429, 200],
    );
    assert.deepEqual(
      emu.log.map((e) => e.retryAfter),
      ['3', '3', undefined],
    );
    await client.close();
  });

  it('retries a 429 after a Retry-After given as an HTTP date', async () => {
    const { client, sleeps } = kit();
    const at = new Date(Date.now() + 5000).toUTCString();
    emu.injectFaults({ match: { path: ME }, times: 1, kind: 'status', status: 429, retryAfter: at });
    const res = await client.request({ method: 'GET', url: `${emu.url}${ME}` });
    assert.equal(res.status, 200);
    assert.equal(sleeps.length, 1);
    // Whole-second dates: between 4 and 5 s depending on where in the second the test runs.
    assert.ok(sleeps[0] >= 4000 && sleeps[0] <= 5000, `waited ${sleeps[0]}`);
    assert.deepEqual(
      emu.log.map((e) => e.status),
      [429, 200],
    );
    assert.equal(emu.log[0].retryAfter, at);
    await client.close();
  });

  it('retries a 503 even for a POST (the server did not act), with backoff when no Retry-After', async () => {
    const { client, sleeps } = kit();
    emu.injectFaults({ match: { method: 'POST', path: GROUPS }, times: 1, kind: 'status', status: 503 });
    const res = await client.request({ method: 'POST', url: `${emu.url}${GROUPS}`, json: group('retry-503-group') });
    assert.ok(res.status === 201 || res.status === 200, String(res.status));
    assert.deepEqual(
      emu.log.map((e) => [e.method, e.status === 503]),
      [
        ['POST', true],
        ['POST', false],
      ],
    );
    assert.equal(sleeps.length, 1);
    if (emu.log[0].retryAfter === undefined) assert.ok(sleeps[0] >= 125 && sleeps[0] <= 250, String(sleeps[0]));
    else assert.equal(sleeps[0], Number(emu.log[0].retryAfter) * 1000);
    await client.close();
  });

  it('retries 502 and 504 for GET and PUT', async () => {
    const { client } = kit();
    emu.injectFaults(
      { match: { path: ME }, times: 1, kind: 'status', status: 502 },
      { match: { path: ME }, times: 1, kind: 'status', status: 504 },
    );
    const res = await client.request({ method: 'GET', url: `${emu.url}${ME}` });
    assert.equal(res.status, 200);
    assert.equal(res.attempts, 3);
    assert.deepEqual(
      emu.log.map((e) => e.status),
      [502, 504, 200],
    );
    await client.close();
  });

  it('does not retry a 502 or 504 for POST or PATCH, and resolves with that response', async () => {
    const { client, sleeps } = kit();
    emu.injectFaults({
      match: { method: 'POST' },
      times: 1,
      kind: 'status',
      status: 502,
      body: '{"message":"bad gateway"}',
    });
    const res = await client.request({ method: 'POST', url: `${emu.url}${GROUPS}`, json: group('never-twice') });
    assert.equal(res.status, 502);
    assert.equal(res.attempts, 1);
    assert.match(res.bodyText, /bad gateway/);
    emu.injectFaults({ match: { method: 'PATCH' }, times: 1, kind: 'status', status: 504 });
    const patch = await client.request({ method: 'PATCH', url: `${emu.url}${GROUPS}/1`, json: {} });
    assert.equal(patch.status, 504);
    assert.deepEqual(
      emu.log.map((e) => `${e.method} ${e.status}`),
      ['POST 502', 'PATCH 504'],
    );
    assert.deepEqual(sleeps, []);
    await client.close();
  });

  it('lets the caller override idempotency either way', async () => {
    const { client } = kit();
    emu.injectFaults({ match: { method: 'POST' }, times: 1, kind: 'status', status: 502 });
    const post = await client.request({
      method: 'POST',
      url: `${emu.url}${GROUPS}`,
      json: group('idem-post'),
      idempotent: true,
    });
    assert.equal(post.attempts, 2);
    emu.injectFaults({ match: { path: ME }, times: 1, kind: 'status', status: 502 });
    const get = await client.request({ method: 'GET', url: `${emu.url}${ME}`, idempotent: false });
    assert.equal(get.status, 502);
    assert.equal(get.attempts, 1);
    await client.close();
  });

  it('retries a connection reset for GET', async () => {
    const { client, sleeps } = kit();
    emu.injectFaults({ match: { path: ME }, times: 2, kind: 'reset' });
    const res = await client.request({ method: 'GET', url: `${emu.url}${ME}` });
    assert.equal(res.status, 200);
    assert.equal(res.attempts, 3);
    assert.equal(sleeps.length, 2);
    assert.equal(emu.log.length, 3);
    await client.close();
  });

  it('retries a truncated body for GET', async () => {
    const { client } = kit();
    emu.injectFaults({ match: { path: ME }, times: 1, kind: 'truncate' });
    const res = await client.request({ method: 'GET', url: `${emu.url}${ME}` });
    assert.equal(res.status, 200);
    assert.equal(res.attempts, 2);
    assert.ok(JSON.parse(res.bodyText));
    await client.close();
  });

  it('does not retry a connection reset for POST', async () => {
    const k = kit();
    emu.injectFaults({ match: { method: 'POST' }, times: 1, kind: 'reset' });
    const error = await k.failure(
      k.client.request({ method: 'POST', url: `${emu.url}${GROUPS}`, json: group('reset-post') }),
    );
    assert.ok(error instanceof HttpTransportError);
    assert.equal(error.kind, 'connection');
    assert.equal(emu.log.length, 1);
    assert.deepEqual(k.sleeps, []);
    await k.client.close();
  });

  it('gives up as soon as the Retry-After exceeds what is left of the budget, with the last response', async () => {
    const k = kit({ retry: { budgetMs: 60_000, maxDelayMs: 20_000 } });
    emu.injectFaults({
      match: { path: ME },
      times: 3,
      kind: 'status',
      status: 429,
      retryAfter: '30',
      body: '{"error_code":"REQUEST_LIMIT_EXCEEDED"}',
    });
    const error = await k.failure(k.client.request({ method: 'GET', url: `${emu.url}${ME}` }));
    assert.ok(error instanceof HttpRetryError);
    // Capped waits of 20 s twice; then 30 s asked with 20 s of budget left: no third wait.
    assert.equal(error.attempts, 3);
    assert.deepEqual(k.sleeps, [20_000, 20_000]);
    assert.equal(error.lastResponse?.status, 429);
    assert.equal(error.lastResponse?.headers['retry-after'], '30');
    assert.match(error.lastResponse?.bodyText ?? '', /REQUEST_LIMIT_EXCEEDED/);
    assert.equal(error.lastResponse?.attempts, 3);
    assert.match(
      error.message,
      /gave up after 3 attempts.*asked to wait 30 s, more than the retry budget has left: retry after /,
    );
    assert.equal(emu.log.length, 3);
    assert.match(
      k.lines.at(-1) ?? '',
      /^GET http:\/\/127\.0\.0\.1:\d+\/api\/2\.0\/preview\/scim\/v2\/Me gave-up:429 \d+ms attempts=3$/,
    );
    await k.client.close();
  });

  it('gives up after maxAttempts', async () => {
    const k = kit({ retry: { maxAttempts: 3 } });
    emu.injectFaults({ match: { path: ME }, times: 3, kind: 'status', status: 503, retryAfter: '1' });
    const error = await k.failure(k.client.request({ method: 'GET', url: `${emu.url}${ME}` }));
    assert.ok(error instanceof HttpRetryError);
    assert.equal(error.attempts, 3);
    assert.deepEqual(k.sleeps, [1000, 1000]);
    assert.equal(emu.log.length, 3);
    await k.client.close();
  });

  it('gives up on repeated resets with the last transport error', async () => {
    const k = kit({ retry: { maxAttempts: 3 } });
    emu.injectFaults({ match: { path: ME }, times: 3, kind: 'reset' });
    const error = await k.failure(k.client.request({ method: 'GET', url: `${emu.url}${ME}` }));
    assert.ok(error instanceof HttpRetryError);
    assert.equal(error.lastResponse, undefined);
    assert.equal(error.lastError?.kind, 'connection');
    assert.equal(error.attempts, 3);
    await k.client.close();
  });

  it('uses growing jittered backoff when the server gives no Retry-After', async () => {
    const { client, sleeps } = kit({ retry: { baseDelayMs: 100, jitter: 'equal' } });
    emu.injectFaults({ match: { path: ME }, times: 3, kind: 'status', status: 502 });
    await client.request({ method: 'GET', url: `${emu.url}${ME}` });
    assert.equal(sleeps.length, 3);
    [
      [50, 100],
      [100, 200],
      [200, 400],
    ].forEach(([lo, hi], i) => assert.ok(sleeps[i] >= lo && sleeps[i] <= hi, `${i}: ${sleeps[i]}`));
    await client.close();
  });
});
