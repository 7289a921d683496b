// A redirect to another origin is refused, not followed without the token: the other origin's
// answer must never be read as the workspace's. Over real HTTP: the emulator redirects, a second
// server stands ready to answer "this group is empty" and must never be asked.
import { strict as assert } from 'node:assert';
import { HttpTransportError } from '../../src/core/http/errors';
import { crossOriginRefusal } from '../../src/core/http/redirects';
import { ScimClient } from '../../src/core/scim/client';
import { startEmulator } from '../emulator/index';
import type { Emulator } from '../emulator/types';
import { assertNoLeaks, makeClient } from './support/httpClientKit';
import { startInstrumentedServer, type InstrumentedServer } from './support/instrumentedServer';

const ME = '/api/2.0/preview/scim/v2/Me';
const GROUPS = '/api/2.0/preview/scim/v2/Groups';

describe('http client: redirects to another origin are refused', () => {
  let emu: Emulator;
  let foreign: InstrumentedServer;
  const lines: string[] = [];

  before(async () => {
    emu = await startEmulator({ dataset: 'demo' });
    // Answers like a SCIM group without members, for anything it is asked.
    foreign = await startInstrumentedServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/scim+json' }).end(
        JSON.stringify({
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
          id: 'x',
          displayName: 'platform-ops',
          members: [],
        }),
      );
    });
  });
  beforeEach(() => {
    emu.clearLog();
    foreign.requests.length = 0;
  });
  after(async () => {
    assertNoLeaks([emu.adminToken], lines);
    await Promise.all([emu.close(), foreign.close()]);
  });

  function kit(): ReturnType<typeof makeClient> {
    return makeClient({ auth: { origin: emu.url, getToken: async () => emu.adminToken }, log: (l) => lines.push(l) });
  }

  function assertRefused(error: Error): void {
    assert.ok(error instanceof HttpTransportError, String(error));
    assert.equal(error.kind, 'redirect');
    assert.ok(error.message.includes(`from ${emu.url} to another origin, ${foreign.url}`), error.message);
    assert.ok(!error.message.includes(emu.adminToken));
  }

  for (const status of [301, 302, 307, 308] as const) {
    it(`a ${status} to another origin is an error naming both origins; nothing reaches the other origin`, async () => {
      const k = kit();
      emu.injectFaults({ match: { path: ME }, times: 1, kind: 'redirect', location: `${foreign.url}${ME}`, status });
      assertRefused(await k.failure(k.client.request({ method: 'GET', url: `${emu.url}${ME}` })));
      assert.equal(foreign.requests.length, 0);
      assert.equal(emu.log.length, 1, 'not retried');
      await k.client.close();
    });
  }

  it('a write redirected elsewhere is refused before its body goes anywhere', async () => {
    const k = kit();
    emu.injectFaults({
      match: { method: 'POST', path: GROUPS },
      times: 1,
      kind: 'redirect',
      location: `${foreign.url}${GROUPS}`,
      status: 307,
    });
    const body = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'redirected-elsewhere' };
    assertRefused(await k.failure(k.client.request({ method: 'POST', url: `${emu.url}${GROUPS}`, json: body })));
    assert.equal(foreign.requests.length, 0);
    assert.equal(emu.state.findGroup('redirected-elsewhere'), undefined);
    await k.client.close();
  });

  it('a group read redirected to an origin that answers "no members" fails instead of reading as an empty group', async () => {
    const k = kit();
    const scim = new ScimClient({ host: emu.url, http: k.client });
    const group = emu.state.findGroup('platform-ops');
    assert.ok(group && group.members.size > 0, 'platform-ops has members in the demo data');
    emu.injectFaults({
      match: { path: `${GROUPS}/${group.id}` },
      times: 1,
      kind: 'redirect',
      location: `${foreign.url}${GROUPS}/${group.id}`,
      status: 307,
    });
    await assert.rejects(scim.get('group', group.id, { attributes: ['members'] }), (e: unknown) => {
      assert.ok(e instanceof Error);
      assert.match(e.message, new RegExp(`${foreign.url.replace(/[.:/]/g, '\\$&')}`));
      return true;
    });
    assert.equal(foreign.requests.length, 0);
    await k.client.close();
  });

  it('crossOriginRefusal: same origin passes; another scheme, host or port is another origin', () => {
    const from = new URL('https://adb-1.2.azuredatabricks.net/api/2.0/preview/scim/v2/Me');
    assert.equal(crossOriginRefusal(from, new URL('https://adb-1.2.azuredatabricks.net/login?next=1')), undefined);
    assert.equal(crossOriginRefusal(from, new URL('https://ADB-1.2.azuredatabricks.net:443/x')), undefined);
    for (const to of [
      'http://adb-1.2.azuredatabricks.net/x',
      'https://adb-1.2.azuredatabricks.net:8443/x',
      'https://login.microsoftonline.com/x',
      'https://adb-9.9.azuredatabricks.net/x',
    ]) {
      assert.match(
        crossOriginRefusal(from, new URL(to)) ?? '',
        /^refused redirect from https:\/\/adb-1\.2\.azuredatabricks\.net to another origin, /,
        to,
      );
    }
  });
});
