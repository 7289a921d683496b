import { strict as assert } from 'node:assert';
import { HttpRetryError } from '../../src/core/http/errors';
import { startEmulator } from '../emulator/index';
import type { Emulator } from '../emulator/types';
import { assertNoLeaks, makeClient, transcript } from './support/httpClientKit';

const ME = '/api/2.0/preview/scim/v2/Me';
// Not PAT- or JWT-shaped, so only registration can mask it.
const TOKEN = 'opaque-workspace-token-7f3a9c51e2';
const PAT = 'dapi0123456789abcdef0123456789abcdef-3';

describe('http client: nothing secret in log lines or error messages', () => {
  let emu: Emulator;

  before(async () => {
    emu = await startEmulator({ dataset: 'demo', adminToken: TOKEN });
  });
  beforeEach(() => emu.clearLog());
  after(async () => {
    await emu.close();
  });

  function kit(opts: Parameters<typeof makeClient>[0] = {}): ReturnType<typeof makeClient> {
    return makeClient({ auth: { origin: emu.url, getToken: async () => emu.adminToken }, ...opts });
  }

  it('masks a token echoed in an error body that outlived the retries (message and lastResponse)', async () => {
    const k = kit({ retry: { maxAttempts: 2 } });
    const body = JSON.stringify({
      error_code: 'REQUEST_LIMIT_EXCEEDED',
      message: `throttled request with Bearer ${TOKEN} (token ${TOKEN}, pat ${PAT})`,
    });
    emu.injectFaults({ match: { path: ME }, times: 2, kind: 'status', status: 429, retryAfter: '1', body });
    const error = await k.failure(k.client.request({ method: 'GET', url: `${emu.url}${ME}` }));
    assert.ok(error instanceof HttpRetryError);
    assert.match(error.message, /REQUEST_LIMIT_EXCEEDED/);
    for (const text of [error.message, error.lastResponse?.bodyText ?? '', ...k.lines]) {
      assert.ok(!text.includes(TOKEN), text);
      assert.ok(!text.includes(PAT.slice(4)), text);
    }
    assert.match(error.lastResponse?.bodyText ?? '', /\[REDACTED\]/);
    await k.client.close();
  });

  it('keeps secrets out of the log line when a token sits in the query string or the path', async () => {
    const k = kit();
    await k.client.request({ method: 'GET', url: `${emu.url}${ME}?access_token=${TOKEN}&attributes=id` });
    await k.client.request({ method: 'GET', url: `${emu.url}/api/2.0/preview/scim/v2/Users/${PAT}` });
    assert.match(k.lines[0], /\/scim\/v2\/Me\?access_token&attributes=id 200 /);
    assert.match(k.lines[1], /\/Users\/dapi\[REDACTED\] /);
    assertNoLeaks([TOKEN, PAT.slice(4)], k.lines);
    await k.client.close();
  });

  it('keeps secrets out of transport error messages (timeout, cancel, insecure, refused)', async () => {
    const k = kit({ timeouts: { headersMs: 80 }, retry: { maxAttempts: 1 } });
    emu.injectFaults({ match: { path: ME }, times: 1, kind: 'delay', ms: 500 });
    const messages: string[] = [];
    const attempts: Array<() => Promise<unknown>> = [
      () => k.client.request({ method: 'POST', url: `${emu.url}${ME}?t=${TOKEN}`, json: { token: TOKEN } }),
      () => k.client.request({ method: 'GET', url: `${emu.url}${ME}?t=${TOKEN}`, signal: AbortSignal.abort() }),
      () => k.client.request({ method: 'GET', url: `http://example.com/${TOKEN}/${PAT}` }),
      () => k.client.request({ method: 'GET', url: `http://127.0.0.1:9/${TOKEN}/${PAT}` }),
    ];
    // In sequence: the token is known to the redactor once the first request has fetched it.
    for (const attempt of attempts) messages.push((await k.failure(attempt())).message);
    assert.equal(messages.length, 4);
    assertNoLeaks([TOKEN, PAT.slice(4)], [...messages, ...k.lines]);
    await k.client.close();
  });

  it('resolves a 401 whose body echoes the token, without logging the token', async () => {
    const k = kit();
    emu.injectFaults({
      match: { path: ME },
      times: 1,
      kind: 'status',
      status: 401,
      body: `{"message":"Invalid access token ${TOKEN}"}`,
    });
    const res = await k.client.request({ method: 'GET', url: `${emu.url}${ME}` });
    assert.equal(res.status, 401);
    assertNoLeaks([TOKEN], k.lines);
    await k.client.close();
  });

  it('left no secret in any line or message the transport tests in this run produced', () => {
    assert.ok(transcript.length >= 8, `only ${transcript.length} lines collected`);
    assertNoLeaks([TOKEN, PAT.slice(4), 'pr0xy-p@ss:word', encodeURIComponent('pr0xy-p@ss:word'), 'wr0ng-secret']);
  });
});
