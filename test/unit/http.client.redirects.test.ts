import { strict as assert } from 'node:assert';
import { HttpTransportError } from '../../src/core/http/errors';
import { startEmulator } from '../emulator/index';
import type { Emulator } from '../emulator/types';
import { assertNoLeaks, makeClient } from './support/httpClientKit';
import { startForwardingProxy } from './support/forwardingProxy';

const ME = '/api/2.0/preview/scim/v2/Me';
const GROUPS = '/api/2.0/preview/scim/v2/Groups';
const group = (displayName: string) => ({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName });

describe('http client: redirects and the http:// rule', () => {
  let emu: Emulator;
  let other: Emulator;
  const lines: string[] = [];

  before(async () => {
    [emu, other] = await Promise.all([startEmulator({ dataset: 'demo' }), startEmulator({ dataset: 'empty' })]);
  });
  beforeEach(() => {
    emu.clearLog();
    other.clearLog();
  });
  after(async () => {
    assertNoLeaks([emu.adminToken, other.adminToken], lines);
    await Promise.all([emu.close(), other.close()]);
  });

  function kit(opts: Parameters<typeof makeClient>[0] = {}): ReturnType<typeof makeClient> {
    return makeClient({
      auth: { origin: emu.url, getToken: async () => emu.adminToken },
      log: (l) => lines.push(l),
      ...opts,
    });
  }

  it('follows a same-origin redirect and keeps the Authorization header', async () => {
    const { client } = kit();
    emu.injectFaults({
      match: { path: ME },
      times: 1,
      kind: 'redirect',
      location: `${emu.url}${ME}?hop=1`,
      status: 302,
    });
    const res = await client.request({ method: 'GET', url: `${emu.url}${ME}` });
    assert.equal(res.status, 200);
    assert.equal(res.url, `${emu.url}${ME}?hop=1`);
    assert.equal(res.attempts, 1);
    assert.deepEqual(
      emu.log.map((e) => [e.status, e.authorization]),
      [
        [302, `Bearer ${emu.adminToken}`],
        [200, `Bearer ${emu.adminToken}`],
      ],
    );
    await client.close();
  });

  it('refuses a redirect to another origin, with the token provider or a caller header alike; the other origin is never asked', async () => {
    const { client } = kit();
    emu.injectFaults({ match: { path: ME }, times: 1, kind: 'redirect', location: `${other.url}${ME}`, status: 307 });
    await assert.rejects(
      client.request({ method: 'GET', url: `${emu.url}${ME}` }),
      (e: unknown) => e instanceof HttpTransportError && e.kind === 'redirect',
    );
    assert.equal(emu.log[0].authorization, `Bearer ${emu.adminToken}`);

    const bare = makeClient({ log: (l) => lines.push(l) });
    emu.injectFaults({ match: { path: ME }, times: 1, kind: 'redirect', location: `${other.url}${ME}`, status: 308 });
    const request = bare.client.request({
      method: 'GET',
      url: `${emu.url}${ME}`,
      headers: { Authorization: `Bearer ${emu.adminToken}`, Cookie: 'c=1' },
    });
    await assert.rejects(
      request,
      (e: unknown) => e instanceof HttpTransportError && e.kind === 'redirect' && e.message.includes(other.url),
    );
    assert.equal(other.log.length, 0);
    await Promise.all([client.close(), bare.client.close()]);
  });

  it('turns a POST into a GET on 302 and keeps method and body on 307', async () => {
    const { client } = kit();
    emu.injectFaults({
      match: { method: 'POST', path: GROUPS },
      times: 1,
      kind: 'redirect',
      location: `${emu.url}${ME}`,
      status: 302,
    });
    const res = await client.request({ method: 'POST', url: `${emu.url}${GROUPS}`, json: group('redirected-302') });
    assert.equal(res.status, 200);
    assert.deepEqual(
      emu.log.map((e) => [e.method, e.path]),
      [
        ['POST', GROUPS],
        ['GET', ME],
      ],
    );
    assert.equal(emu.log[1].body, undefined);

    emu.clearLog();
    emu.injectFaults({
      match: { method: 'POST', path: GROUPS },
      times: 1,
      kind: 'redirect',
      location: `${emu.url}${GROUPS}`,
      status: 307,
    });
    const kept = await client.request({ method: 'POST', url: `${emu.url}${GROUPS}`, json: group('redirected-307') });
    assert.ok(kept.status === 201 || kept.status === 200);
    assert.deepEqual(
      emu.log.map((e) => e.method),
      ['POST', 'POST'],
    );
    assert.deepEqual(emu.log[1].body, group('redirected-307'));
    await client.close();
  });

  it('stops after 5 redirects (kind redirect)', async () => {
    const k = kit();
    emu.injectFaults({ match: { path: ME }, times: 6, kind: 'redirect', location: `${emu.url}${ME}`, status: 302 });
    const error = await k.failure(k.client.request({ method: 'GET', url: `${emu.url}${ME}` }));
    assert.ok(error instanceof HttpTransportError);
    assert.equal(error.kind, 'redirect');
    assert.equal(emu.log.length, 6);
    await k.client.close();
  });

  it('refuses a redirect to a non-loopback http:// URL (kind insecure) without following it', async () => {
    const proxy = await startForwardingProxy();
    const k = kit({ proxy: proxy.url });
    emu.injectFaults({
      match: { path: ME },
      times: 1,
      kind: 'redirect',
      location: 'http://adb-1.2.azuredatabricks.net/api/2.0/preview/scim/v2/Me',
      status: 302,
    });
    const error = await k.failure(k.client.request({ method: 'GET', url: `${emu.url}${ME}` }));
    assert.ok(error instanceof HttpTransportError);
    assert.equal(error.kind, 'insecure');
    assert.match(error.message, /use https:\/\/adb-1\.2\.azuredatabricks\.net/);
    // The proxy saw the tunnel to the emulator and nothing for the refused host.
    assert.deepEqual(
      proxy.log.map((e) => e.target),
      [new URL(emu.url).host],
    );
    await k.client.close();
    await proxy.close();
  });

  it('refuses http:// to a non-loopback host before sending anything (kind insecure)', async () => {
    const proxy = await startForwardingProxy();
    const k = kit({ proxy: proxy.url });
    const error = await k.failure(
      k.client.request({ method: 'GET', url: 'http://adb-1.2.azuredatabricks.net/api/2.0/preview/scim/v2/Me' }),
    );
    assert.ok(error instanceof HttpTransportError);
    assert.equal(error.kind, 'insecure');
    assert.match(error.message, /use https:\/\//);
    assert.equal(proxy.log.length, 0, 'nothing reached the proxy');
    assert.match(k.lines[0], / insecure \d+ms attempts=0$/);
    await k.client.close();
    await proxy.close();
  });
});
