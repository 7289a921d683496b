// The unauthenticated look at a host before a token is asked for: a workspace (the emulator, in
// both of its "no token" answer styles) is reachable; a closed port, a name that does not resolve,
// a silent server, another site's page and a server that answers without asking for a token are
// not, each with a reason a person can act on.
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient } from '../../src/core/http/client';
import { PROBE_PATH, probeWorkspace } from '../../src/core/workspaces/probe';
import { startEmulator } from '../emulator';

function client(): HttpClient {
  return new HttpClient({ noProxyFromEnv: true, timeouts: { connectMs: 2000, headersMs: 2000 } });
}

async function server(
  handler: http.RequestListener,
): Promise<{ url: string; close(): Promise<void>; closeAll(): void }> {
  const s = http.createServer(handler);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => s.close(() => resolve())),
    closeAll: () => s.closeAllConnections(),
  };
}

describe('workspace probe (no credentials)', function () {
  this.timeout(20000);

  for (const errorStyle of ['json', 'html'] as const) {
    it(`finds the emulator's workspace (${errorStyle} "no token" answer) without sending a token`, async () => {
      const emu = await startEmulator({ dataset: 'empty', knobs: { errorStyle } });
      const http = client();
      try {
        const result = await probeWorkspace(http, `${emu.url}/some/path?o=1`);
        assert.deepEqual(result, { reachable: true, status: 403 });
        const seen = emu.log.filter((e) => e.path === PROBE_PATH);
        assert.equal(seen.length, 1);
        assert.equal(seen[0]?.authorization, undefined, 'the probe sent credentials');
      } finally {
        await http.close();
        await emu.close();
      }
    });
  }

  it('a closed port is not reachable, and says why', async () => {
    const gone = await server((_req, res) => res.end());
    const url = gone.url;
    await gone.close();
    const http = client();
    try {
      const result = await probeWorkspace(http, url);
      assert.equal(result.reachable, false);
      assert.ok(!result.reachable && /refused/i.test(result.reason), JSON.stringify(result));
    } finally {
      await http.close();
    }
  });

  it('a name that does not resolve is not reachable, and says so', async () => {
    const http = client();
    try {
      // .invalid never resolves (RFC 2606), online or not.
      const result = await probeWorkspace(http, 'https://no-such-workspace.invalid');
      assert.deepEqual(result, { reachable: false, reason: 'the host name does not resolve' });
    } finally {
      await http.close();
    }
  });

  it('a server that never answers is not reachable: no answer in time', async () => {
    const silent = await server(() => undefined);
    const http = new HttpClient({ noProxyFromEnv: true, timeouts: { connectMs: 1000, headersMs: 300 } });
    try {
      assert.deepEqual(await probeWorkspace(http, silent.url), { reachable: false, reason: 'no answer in time' });
    } finally {
      await http.close();
      silent.closeAll();
      await silent.close();
    }
  });

  it("another site's page is not a workspace, even when it says 403", async () => {
    const site = await server((req, res) => {
      const forbidden = req.url?.startsWith('/api/') ?? false;
      res.writeHead(forbidden ? 403 : 200, { 'content-type': 'text/html' });
      res.end('<html><body><h1>Welcome to nginx</h1></body></html>');
    });
    const http = client();
    try {
      const result = await probeWorkspace(http, site.url);
      assert.equal(result.reachable, false);
      assert.ok(!result.reachable && /web page/.test(result.reason), JSON.stringify(result));
    } finally {
      await http.close();
      await site.close();
    }
  });

  it('a server that answers /Me without a token is not a workspace', async () => {
    const open = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"userName":"anyone"}');
    });
    const http = client();
    try {
      const result = await probeWorkspace(http, open.url);
      assert.equal(result.reachable, false);
      assert.ok(!result.reachable && /without asking for a token/.test(result.reason), JSON.stringify(result));
    } finally {
      await http.close();
      await open.close();
    }
  });
});
