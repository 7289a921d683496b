import assert from 'node:assert/strict';
import { startEmulator } from '../emulator';
import { SCIM, useEmulator, type DatabricksErrorBody } from './emulator.helpers';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('emulator: knobs and faults', () => {
  const { emu, api } = useEmulator({ dataset: 'demo' });

  it('rate429 answers 429 with Retry-After and a REQUEST_LIMIT_EXCEEDED body, recorded in the log', async () => {
    emu().setKnobs({ rate429: 1 });
    emu().clearLog();
    const r = await api().list('Users');
    assert.equal(r.status, 429);
    assert.equal(r.headers.get('retry-after'), '1');
    assert.equal((r.body as unknown as DatabricksErrorBody).error_code, 'REQUEST_LIMIT_EXCEEDED');
    assert.equal(emu().log[0]?.status, 429);
    assert.equal(emu().log[0]?.retryAfter, '1');
    assert.equal(emu().log[0]?.fault, 'rate429');
    const date = 'Wed, 21 Oct 2026 07:28:00 GMT';
    emu().setKnobs({ retryAfter: date });
    assert.equal((await api().list('Users')).headers.get('retry-after'), date);
  });

  it('random knobs are reproducible for the same seed', async () => {
    async function statuses(seed: number): Promise<number[]> {
      const e = await startEmulator({ dataset: 'empty', knobs: { rate429: 0.5, seed } });
      try {
        const out: number[] = [];
        for (let i = 0; i < 20; i++) {
          const res = await fetch(`${e.url}${SCIM}/Me`, { headers: { Authorization: `Bearer ${e.adminToken}` } });
          await res.arrayBuffer();
          out.push(res.status);
        }
        return out;
      } finally {
        await e.close();
      }
    }
    const a = await statuses(7);
    assert.deepEqual(await statuses(7), a);
    assert.ok(a.includes(429) && a.includes(200), `both outcomes expected in ${a.join(',')}`);
    assert.notDeepEqual(await statuses(8), a);
  });

  it('rate5xx answers status5xx; 503 carries Retry-After, 500 does not', async () => {
    emu().setKnobs({ rate5xx: 1 });
    const r = await api().list('Users');
    assert.equal(r.status, 503);
    assert.equal(r.headers.get('retry-after'), '1');
    assert.equal((r.body as unknown as DatabricksErrorBody).error_code, 'TEMPORARILY_UNAVAILABLE');
    emu().setKnobs({ status5xx: 500 });
    const r500 = await api().list('Users');
    assert.equal(r500.status, 500);
    assert.equal(r500.headers.get('retry-after'), null);
  });

  it('a status fault hits only matching requests, `times` times, and the throttled write never happens', async () => {
    emu().injectFaults({
      kind: 'status',
      status: 429,
      retryAfter: '3',
      times: 2,
      match: { method: 'POST', path: `${SCIM}/Groups` },
    });
    const body = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'throttled' };
    assert.equal((await api().list('Groups')).status, 200);
    const first = await api().post(`${SCIM}/Groups`, body);
    assert.equal(first.status, 429);
    assert.equal(first.headers.get('retry-after'), '3');
    assert.equal(emu().state.findGroup('throttled'), undefined);
    assert.equal((await api().post(`${SCIM}/Groups`, body)).status, 429);
    assert.equal((await api().post(`${SCIM}/Groups`, body)).status, 201);
    const faulted = emu().log.filter((e) => e.fault === 'status');
    assert.equal(faulted.length, 2);
    assert.ok(faulted.every((e) => e.retryAfter === '3' && e.status === 429));
  });

  it('a status fault can carry its own body and content type; RegExp paths match', async () => {
    emu().injectFaults({
      kind: 'status',
      status: 502,
      body: '<html>bad gateway</html>',
      contentType: 'text/html',
      match: { path: /\/Me$/ },
    });
    assert.equal((await api().list('Users')).status, 200);
    const r = await api().get<string>(`${SCIM}/Me`);
    assert.equal(r.status, 502);
    assert.equal(r.text, '<html>bad gateway</html>');
    assert.match(r.headers.get('content-type') ?? '', /text\/html/);
  });

  it('reset destroys the socket without an answer', async () => {
    emu().injectFaults({ kind: 'reset' });
    await assert.rejects(api().list('Users'));
    const entry = emu().log.at(-1);
    assert.equal(entry?.fault, 'reset');
    assert.equal(entry?.status, 0);
    assert.equal((await api().list('Users')).status, 200);
    emu().setKnobs({ resetRate: 1 });
    await assert.rejects(api().list('Users'));
    assert.equal(emu().log.at(-1)?.fault, 'resetRate');
  });

  it('truncate promises a Content-Length and cuts the body short', async () => {
    emu().injectFaults({ kind: 'truncate' });
    const res = await fetch(`${emu().url}${SCIM}/Users`, { headers: { Authorization: `Bearer ${emu().adminToken}` } });
    assert.equal(res.status, 200);
    assert.ok(Number(res.headers.get('content-length')) > 100);
    await assert.rejects(res.text());
    assert.equal(emu().log.at(-1)?.fault, 'truncate');
    emu().setKnobs({ truncateRate: 1 });
    const again = await fetch(`${emu().url}${SCIM}/Users`, {
      headers: { Authorization: `Bearer ${emu().adminToken}` },
    });
    await assert.rejects(again.text());
    assert.equal(emu().log.at(-1)?.fault, 'truncateRate');
  });

  it('slowBody spaces out body chunks; the body still arrives whole', async () => {
    emu().injectFaults({ kind: 'slowBody', ms: 60 });
    const t0 = Date.now();
    const r = await api().list('Users', { count: 5 });
    assert.ok(Date.now() - t0 >= 170, `took ${Date.now() - t0} ms`);
    assert.equal(r.body.itemsPerPage, 5);
    emu().setKnobs({ slowBodyMs: 40 });
    const t1 = Date.now();
    assert.equal((await api().get(`${SCIM}/Me`)).status, 200);
    assert.ok(Date.now() - t1 >= 110);
  });

  it('delay and latencyMs hold the answer back', async () => {
    emu().injectFaults({ kind: 'delay', ms: 150 });
    let t = Date.now();
    await api().get(`${SCIM}/Me`);
    assert.ok(Date.now() - t >= 145);
    emu().setKnobs({ latencyMs: 80 });
    t = Date.now();
    await api().get(`${SCIM}/Me`);
    assert.ok(Date.now() - t >= 75);
  });

  it('redirect answers with Location and the chosen status', async () => {
    emu().injectFaults({ kind: 'redirect', location: 'https://evil.example/steal', match: { path: `${SCIM}/Users` } });
    const r = await api().list('Users');
    assert.equal(r.status, 307);
    assert.equal(r.headers.get('location'), 'https://evil.example/steal');
    emu().injectFaults({ kind: 'redirect', location: '/elsewhere', status: 301 });
    assert.equal((await api().get(`${SCIM}/Me`)).status, 301);
    assert.deepEqual(
      emu()
        .log.slice(-2)
        .map((e) => [e.fault, e.status]),
      [
        ['redirect', 307],
        ['redirect', 301],
      ],
    );
  });

  it('consistencyLagMs: GET by id sees a write at once, lists only after the lag', async () => {
    emu().setKnobs({ consistencyLagMs: 250 });
    const created = await api().post(`${SCIM}/Users`, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'lagging@contoso.com',
    });
    assert.equal(created.status, 201);
    assert.equal((await api().get(`${SCIM}/Users/${created.body.id}`)).status, 200);
    const filter = 'userName eq "lagging@contoso.com"';
    assert.equal((await api().list('Users', { filter })).body.totalResults, 0);
    await sleep(300);
    assert.equal((await api().list('Users', { filter })).body.totalResults, 1);
    assert.equal((await api().delete(`${SCIM}/Users/${created.body.id}`)).status, 204);
    assert.equal((await api().get(`${SCIM}/Users/${created.body.id}`)).status, 404);
    assert.equal((await api().list('Users', { filter })).body.totalResults, 1);
    emu().setKnobs({ consistencyLagMs: 0 });
    assert.equal((await api().list('Users', { filter })).body.totalResults, 0);
  });

  it('close() returns promptly even with a response still being held back', async () => {
    const e = await startEmulator({ dataset: 'empty', knobs: { latencyMs: 10_000 } });
    const pending = fetch(`${e.url}${SCIM}/Me`, { headers: { Authorization: `Bearer ${e.adminToken}` } }).catch(
      () => 'closed',
    );
    await sleep(50);
    const t = Date.now();
    await e.close();
    assert.ok(Date.now() - t < 3000, 'close must not wait for the held-back response');
    assert.equal(await pending, 'closed');
  });
});
