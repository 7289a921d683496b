import { strict as assert } from 'node:assert';
import { HttpRetryError, HttpTransportError } from '../../src/core/http/errors';
import { startEmulator } from '../emulator/index';
import type { Emulator } from '../emulator/types';
import { assertNoLeaks, makeClient } from './support/httpClientKit';
import { startForwardingProxy, type ForwardingProxy } from './support/forwardingProxy';

const ME = '/api/2.0/preview/scim/v2/Me';
const PROXY_PASSWORD = 'pr0xy-p@ss:word';
// A host that does not resolve here: reaching it at all proves which route was taken.
const REMOTE = 'https://workspace.example.test/api/2.0/preview/scim/v2/Me';

describe('http client: proxies', () => {
  let emu: Emulator;
  let proxy: ForwardingProxy;
  let authProxy: ForwardingProxy;
  const lines: string[] = [];

  before(async () => {
    [emu, proxy, authProxy] = await Promise.all([
      startEmulator({ dataset: 'demo' }),
      startForwardingProxy(),
      startForwardingProxy({ user: 'alice', password: PROXY_PASSWORD }),
    ]);
  });
  beforeEach(() => {
    emu.clearLog();
    proxy.log.length = 0;
    authProxy.log.length = 0;
  });
  after(async () => {
    assertNoLeaks([emu.adminToken, PROXY_PASSWORD, encodeURIComponent(PROXY_PASSWORD)], lines);
    await Promise.all([emu.close(), proxy.close(), authProxy.close()]);
  });

  function kit(opts: Parameters<typeof makeClient>[0] = {}): ReturnType<typeof makeClient> {
    return makeClient({
      auth: { origin: emu.url, getToken: async () => emu.adminToken },
      log: (l) => lines.push(l),
      ...opts,
    });
  }

  it('tunnels through an explicit proxy, even to loopback, and keeps the tunnel alive', async () => {
    const { client } = kit({ proxy: proxy.url });
    for (let i = 0; i < 3; i++)
      assert.equal((await client.request({ method: 'GET', url: `${emu.url}${ME}` })).status, 200);
    assert.deepEqual(
      proxy.log.map((e) => [e.method, e.target, e.answered]),
      [['CONNECT', new URL(emu.url).host, 200]],
    );
    assert.equal(emu.log.length, 3);
    assert.equal(emu.log[0].authorization, `Bearer ${emu.adminToken}`);
    await client.close();
  });

  it('sends proxy credentials from the URL and never logs them', async () => {
    const { client, lines: own } = kit({ proxy: authProxy.urlWithCredentials });
    assert.equal((await client.request({ method: 'GET', url: `${emu.url}${ME}` })).status, 200);
    assert.equal(
      authProxy.log[0].proxyAuthorization,
      `Basic ${Buffer.from(`alice:${PROXY_PASSWORD}`).toString('base64')}`,
    );
    assert.equal(own.length, 1);
    assert.ok(client.redactor.redact(`x ${PROXY_PASSWORD} y`).includes('[REDACTED]'));
    await client.close();
  });

  it('reports wrong proxy credentials as kind proxy, without the password', async () => {
    const wrong = authProxy.urlWithCredentials.replace(encodeURIComponent(PROXY_PASSWORD), 'wr0ng-secret');
    const k = kit({ proxy: wrong });
    const error = await k.failure(k.client.request({ method: 'GET', url: `${emu.url}${ME}` }));
    assert.ok(error instanceof HttpTransportError);
    assert.equal(error.kind, 'proxy');
    assert.match(error.message, /407/);
    assert.match(error.message, /via proxy http:\/\/127\.0\.0\.1:\d+\)/);
    assertNoLeaks(['wr0ng-secret'], [error.message, ...k.lines]);
    assert.equal(emu.log.length, 0);
    await k.client.close();
  });

  it('reports an unreachable proxy as kind proxy', async () => {
    const k = kit({ proxy: 'http://127.0.0.1:9' });
    const error = await k.failure(k.client.request({ method: 'GET', url: `${emu.url}${ME}` }));
    assert.ok(error instanceof HttpTransportError);
    assert.equal(error.kind, 'proxy');
    await k.client.close();
  });

  it('uses HTTPS_PROXY from the environment for remote hosts (credentials included)', async () => {
    const k = kit({
      noProxyFromEnv: false,
      env: { HTTPS_PROXY: authProxy.urlWithCredentials },
      retry: { maxAttempts: 2 },
    });
    const error = await k.failure(k.client.request({ method: 'GET', url: REMOTE }));
    // The test proxy cannot reach the internet and answers 502; a gateway error from the proxy is
    // retried (nothing reached the target) and then surfaces as the last error.
    assert.ok(error instanceof HttpRetryError, error.message);
    assert.equal(error.lastError?.kind, 'proxy');
    assert.deepEqual(
      authProxy.log.map((e) => [e.method, e.target, e.answered]),
      [
        ['CONNECT', 'workspace.example.test:443', 502],
        ['CONNECT', 'workspace.example.test:443', 502],
      ],
    );
    assert.ok(authProxy.log[0].proxyAuthorization?.startsWith('Basic '));
    await k.client.close();
  });

  it('falls back to HTTP_PROXY / http_proxy for https targets when no HTTPS_PROXY is set', async () => {
    const k = kit({ noProxyFromEnv: false, env: { http_proxy: proxy.url }, retry: { maxAttempts: 1 } });
    await k.failure(k.client.request({ method: 'GET', url: REMOTE }));
    assert.deepEqual(
      proxy.log.map((e) => e.target),
      ['workspace.example.test:443'],
    );
    await k.client.close();
  });

  it('goes direct for hosts in NO_PROXY', async () => {
    const k = kit({ noProxyFromEnv: false, env: { HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost,.example.test' } });
    const error = await k.failure(k.client.request({ method: 'GET', url: REMOTE }));
    assert.ok(error instanceof HttpTransportError);
    assert.equal(error.kind, 'connection');
    assert.match(error.message, /host not found/);
    assert.equal(proxy.log.length, 0);
    await k.client.close();
  });

  it('never sends loopback requests to an environment proxy', async () => {
    const { client } = kit({ noProxyFromEnv: false, env: { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url } });
    assert.equal((await client.request({ method: 'GET', url: `${emu.url}${ME}` })).status, 200);
    assert.equal(proxy.log.length, 0);
    await client.close();
  });

  it('ignores the environment when noProxyFromEnv is set', async () => {
    const k = kit({ noProxyFromEnv: true, env: { HTTPS_PROXY: proxy.url } });
    const error = await k.failure(k.client.request({ method: 'GET', url: REMOTE }));
    assert.ok(error instanceof HttpTransportError);
    assert.equal(proxy.log.length, 0);
    await k.client.close();
  });

  it('registers environment proxy passwords with the redactor before any request', async () => {
    const { client } = kit({
      noProxyFromEnv: false,
      env: { HTTPS_PROXY: `http://bob:${encodeURIComponent('env-only-secret')}@proxy.corp:3128` },
    });
    assert.equal(client.redactor.redact('a env-only-secret b'), 'a [REDACTED] b');
    await client.close();
  });
});
