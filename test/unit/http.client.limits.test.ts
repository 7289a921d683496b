import { strict as assert } from 'node:assert';
import { HttpTransportError } from '../../src/core/http/errors';
import { startEmulator } from '../emulator/index';
import type { Emulator } from '../emulator/types';
import { makeClient } from './support/httpClientKit';
import { startInstrumentedServer, type InstrumentedServer } from './support/instrumentedServer';

const ME = '/api/2.0/preview/scim/v2/Me';

describe('http client: concurrency, rate limit and keep-alive', () => {
  let emu: Emulator;
  let server: InstrumentedServer;

  before(async () => {
    emu = await startEmulator({ dataset: 'demo' });
    server = await startInstrumentedServer(async (_req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  beforeEach(() => {
    emu.clearLog();
    server.requests.length = 0;
    server.maxInFlight = 0;
  });
  after(async () => {
    await emu.close();
    await server.close();
  });

  it('keeps at most maxConcurrency requests in flight (emulator log shows waves)', async () => {
    const { client } = makeClient({
      auth: { origin: emu.url, getToken: async () => emu.adminToken },
      maxConcurrency: 3,
    });
    emu.injectFaults({ match: { path: ME }, times: 9, kind: 'delay', ms: 150 });
    const results = await Promise.all(
      Array.from({ length: 9 }, () => client.request({ method: 'GET', url: `${emu.url}${ME}` })),
    );
    assert.ok(results.every((r) => r.status === 200));
    // A request holds its slot for at least 150 ms, so requests that arrived less than 100 ms
    // apart were in flight together.
    const arrivals = emu.log.map((e) => e.receivedAt);
    const overlapping = arrivals.map((t) => arrivals.filter((u) => Math.abs(u - t) < 100).length);
    assert.equal(Math.max(...overlapping), 3);
    await client.close();
  });

  it('never exceeds maxConcurrency in flight at the server, and uses all of it', async () => {
    const { client } = makeClient({ maxConcurrency: 4 });
    await Promise.all(
      Array.from({ length: 16 }, (_, i) => client.request({ method: 'GET', url: `${server.url}/r/${i}` })),
    );
    assert.equal(server.requests.length, 16);
    assert.equal(server.maxInFlight, 4);
    await client.close();
  });

  it('spaces requests by the rate limit once the burst is spent (recorded waits)', async () => {
    const { client, sleeps } = makeClient({ ratePerSecond: 5, maxConcurrency: 16 });
    await Promise.all(Array.from({ length: 8 }, () => client.request({ method: 'GET', url: `${server.url}/rate` })));
    assert.equal(sleeps.length, 3);
    [200, 400, 600].forEach((expected, i) => assert.ok(Math.abs(sleeps[i] - expected) <= 10, `${i}: ${sleeps[i]}`));
    await client.close();
  });

  it('holds the real request rate (real timer)', async () => {
    const { client } = makeClient({
      ratePerSecond: 20,
      maxConcurrency: 32,
      sleep: undefined,
      auth: { origin: emu.url, getToken: async () => emu.adminToken },
    });
    await Promise.all(Array.from({ length: 24 }, () => client.request({ method: 'GET', url: `${emu.url}${ME}` })));
    const arrivals = emu.log.map((e) => e.receivedAt).sort((a, b) => a - b);
    assert.equal(arrivals.length, 24);
    // 20 in the burst, then one every 50 ms: the last cannot arrive earlier than ~200 ms after the
    // first. Only this lower bound is asserted; an upper bound would measure the machine's load.
    assert.ok(arrivals[23] - arrivals[0] >= 170, `span ${arrivals[23] - arrivals[0]} ms`);
    await client.close();
  });

  it('reuses one keep-alive connection for sequential requests', async () => {
    const before = server.connections;
    const { client } = makeClient();
    for (let i = 0; i < 10; i++) {
      const res = await client.request({ method: 'GET', url: `${server.url}/seq/${i}` });
      assert.equal(res.status, 200);
    }
    assert.equal(server.connections - before, 1);
    await client.close();
  });

  it('opens no more connections than the concurrency limit for parallel bursts', async () => {
    const before = server.connections;
    const { client } = makeClient({ maxConcurrency: 3 });
    for (let round = 0; round < 3; round++) {
      await Promise.all(Array.from({ length: 6 }, () => client.request({ method: 'GET', url: `${server.url}/burst` })));
    }
    assert.equal(server.connections - before, 3);
    await client.close();
  });

  it('refuses requests after close()', async () => {
    const k = makeClient();
    await k.client.request({ method: 'GET', url: `${server.url}/x` });
    await k.client.close();
    const error = await k.failure(k.client.request({ method: 'GET', url: `${server.url}/x` }));
    assert.ok(error instanceof HttpTransportError);
    assert.match(error.message, /closed/);
  });
});
