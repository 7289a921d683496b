import { strict as assert } from 'node:assert';
import { HttpClient } from '../../src/core/http/client';
import { HttpTransportError } from '../../src/core/http/errors';
import { Redactor } from '../../src/core/http/redact';
import { startEmulator } from '../emulator/index';
import type { Emulator } from '../emulator/types';
import { makeClient } from './support/httpClientKit';
import { startInstrumentedServer, type InstrumentedServer } from './support/instrumentedServer';

const ME = '/api/2.0/preview/scim/v2/Me';
const GROUPS = '/api/2.0/preview/scim/v2/Groups';

describe('http client: requests, headers and bodies', () => {
  let emu: Emulator;
  let server: InstrumentedServer;
  let bigBody = '';
  let chunked = false;

  before(async () => {
    emu = await startEmulator({ dataset: 'demo' });
    server = await startInstrumentedServer((req, res) => {
      if (req.url?.startsWith('/big')) {
        if (chunked) {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.write(bigBody.slice(0, 600));
          res.end(bigBody.slice(600));
        } else {
          res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(bigBody.length) }).end(bigBody);
        }
        return;
      }
      res.writeHead(201, { 'X-Mixed-Case': 'yes', 'set-cookie': ['a=1', 'b=2'] }).end('plain text ✓');
    });
  });
  beforeEach(() => {
    emu.clearLog();
    server.requests.length = 0;
  });
  after(async () => {
    await emu.close();
    await server.close();
  });

  it('sends json as application/json with Accept and the default User-Agent', async () => {
    const { client } = makeClient({ auth: { origin: emu.url, getToken: async () => emu.adminToken } });
    const json = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'basics-json' };
    const res = await client.request({ method: 'POST', url: `${emu.url}${GROUPS}`, json });
    assert.ok(res.status === 201 || res.status === 200);
    assert.deepEqual(emu.log[0].body, json);
    assert.equal(JSON.parse(res.bodyText).displayName, 'basics-json');

    const plain = makeClient().client;
    const named = makeClient({ userAgent: 'dbx-scim-cli/1.0' }).client;
    await plain.request({ method: 'POST', url: `${server.url}/echo`, json: { a: 1 } });
    await named.request({ method: 'GET', url: `${server.url}/get` });
    await Promise.all([plain.close(), named.close()]);
    const [post, get] = server.requests;
    assert.equal(post.headers['content-type'], 'application/json');
    assert.equal(post.headers['accept'], 'application/json');
    assert.equal(post.headers['user-agent'], 'databricks-scim-explorer');
    assert.equal(get.headers['content-type'], undefined, 'no Content-Type without a body');
    assert.equal(get.headers['user-agent'], 'dbx-scim-cli/1.0');
    await client.close();
  });

  it('lets caller headers override Accept and Content-Type, and ignores reserved ones', async () => {
    const { client } = makeClient();
    await client.request({
      method: 'PATCH',
      url: `${server.url}/p`,
      json: { Operations: [] },
      headers: {
        Accept: 'application/scim+json',
        'Content-Type': 'application/scim+json',
        Host: 'evil.example',
        'X-Trace': 't1',
      },
    });
    const { headers } = server.requests[0];
    assert.equal(headers['accept'], 'application/scim+json');
    assert.equal(headers['content-type'], 'application/scim+json');
    assert.equal(headers['host'], new URL(server.url).host);
    assert.equal(headers['x-trace'], 't1');
    await client.close();
  });

  it('returns status, lower-cased headers, the body as text, the final URL and attempts', async () => {
    const { client } = makeClient();
    const res = await client.request({ method: 'GET', url: new URL(`${server.url}/h?x=1`) });
    assert.equal(res.status, 201);
    assert.equal(res.headers['x-mixed-case'], 'yes');
    assert.equal(res.headers['set-cookie'], 'a=1, b=2');
    assert.equal(res.bodyText, 'plain text ✓');
    assert.equal(res.url, `${server.url}/h?x=1`);
    assert.equal(res.attempts, 1);
    await client.close();
  });

  it('refuses a response body over maxBodyBytes, declared or streamed', async () => {
    bigBody = 'x'.repeat(2000);
    for (const mode of [false, true]) {
      chunked = mode;
      const k = makeClient({ maxBodyBytes: 1024 });
      const error = await k.failure(k.client.request({ method: 'GET', url: `${server.url}/big` }));
      assert.ok(error instanceof HttpTransportError);
      assert.equal(error.kind, 'connection');
      assert.match(error.message, /larger than/);
      await k.client.close();
    }
    const ok = makeClient({ maxBodyBytes: 4096 });
    assert.equal((await ok.client.request({ method: 'GET', url: `${server.url}/big` })).bodyText.length, 2000);
    await ok.client.close();
  });

  it('sends the token only to the TokenProvider origin, asking for it per attempt', async () => {
    let calls = 0;
    const { client } = makeClient({
      auth: {
        origin: `${emu.url}/`,
        getToken: async () => {
          calls++;
          return emu.adminToken;
        },
      },
    });
    emu.injectFaults({ match: { path: ME }, times: 1, kind: 'status', status: 503, retryAfter: '0' });
    assert.equal((await client.request({ method: 'GET', url: `${emu.url}${ME}` })).status, 200);
    assert.equal(calls, 2);
    assert.deepEqual(
      emu.log.map((e) => e.authorization),
      [`Bearer ${emu.adminToken}`, `Bearer ${emu.adminToken}`],
    );
    await client.request({ method: 'GET', url: `${server.url}/elsewhere` });
    assert.equal(server.requests[0].headers['authorization'], undefined);
    assert.equal(calls, 2);
    await client.close();
  });

  it('shares a redactor passed in, and registers every token it sends', async () => {
    const redactor = new Redactor();
    const client = new HttpClient({
      redactor,
      noProxyFromEnv: true,
      auth: { origin: emu.url, getToken: async () => emu.adminToken },
    });
    assert.equal(client.redactor, redactor);
    await client.request({ method: 'GET', url: `${emu.url}${ME}` });
    assert.ok(!redactor.redact(`x ${emu.adminToken} y`).includes(emu.adminToken));
    await client.close();
  });

  it('rejects a relative URL with a TypeError', async () => {
    const { client } = makeClient();
    await assert.rejects(client.request({ method: 'GET', url: '/api/2.0/preview/scim/v2/Me' }), TypeError);
    await client.close();
  });
});
