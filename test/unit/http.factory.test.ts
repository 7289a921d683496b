// createHttpClient: the one way the extension and the CLI build a transport. Over real HTTP: who
// is calling reaches the server as the User-Agent, the token only its own origin, and the user's
// timeout setting bounds a silent server.

import { strict as assert } from 'node:assert';
import { HttpTransportError } from '../../src/core/http/errors';
import { createHttpClient, USER_AGENTS } from '../../src/core/http/factory';
import { startInstrumentedServer, type InstrumentedServer } from './support/instrumentedServer';
import { forSuite } from './support/lifecycle';

describe('http: createHttpClient', () => {
  let server: InstrumentedServer;
  let silent = false;
  forSuite(
    () =>
      startInstrumentedServer((_req, res) => {
        if (silent) return; // never answers: only a timeout ends the request
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      }),
    (started) => (server = started),
  );

  it('names the caller in the User-Agent and sends the token to its origin', async () => {
    for (const caller of ['vscode', 'cli'] as const) {
      const client = createHttpClient({ auth: { origin: server.url, getToken: async () => 'tok-1234' }, caller });
      try {
        const res = await client.request({ method: 'GET', url: `${server.url}/ping-${caller}` });
        assert.equal(res.status, 200);
      } finally {
        await client.close();
      }
      const seen = server.requests.find((r) => r.url === `/ping-${caller}`);
      assert.equal(seen?.headers['user-agent'], USER_AGENTS[caller]);
      assert.equal(seen?.headers['authorization'], 'Bearer tok-1234');
    }
  });

  it("applies the user's timeout setting", async () => {
    silent = true;
    const client = createHttpClient({
      auth: { origin: server.url, getToken: async () => 'tok-1234' },
      caller: 'cli',
      deadlines: { timeoutMs: 300 },
    });
    try {
      const started = Date.now();
      await assert.rejects(
        client.request({ method: 'POST', url: `${server.url}/silent`, retry: { maxAttempts: 1 } }),
        (err: unknown) => err instanceof HttpTransportError && err.kind === 'timeout',
      );
      assert.ok(Date.now() - started < 5_000, 'ended by the 300 ms timeout, not the 30 s default');
    } finally {
      silent = false;
      await client.close();
    }
  });
});
