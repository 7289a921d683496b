import { strict as assert } from 'node:assert';
import * as net from 'node:net';
import { HttpRetryError, HttpTransportError } from '../../src/core/http/errors';
import type { Emulator } from '../emulator/types';
import { emulatorClientKits } from './support/httpClientKit';

const ME = '/api/2.0/preview/scim/v2/Me';
const GROUPS = '/api/2.0/preview/scim/v2/Groups';
const group = (displayName: string) => ({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName });

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function assertKind(error: Error, kind: HttpTransportError['kind']): void {
  assert.ok(error instanceof HttpTransportError, `${error.name}: ${error.message}`);
  assert.equal(error.kind, kind, error.message);
}

describe('http client: cancellation and timeouts (against the emulator)', () => {
  let emu: Emulator;
  const kit = emulatorClientKits((started) => (emu = started));

  it('rejects at once without sending when the signal is already aborted', async () => {
    const k = kit();
    const error = await k.failure(
      k.client.request({ method: 'GET', url: `${emu.url}${ME}`, signal: AbortSignal.abort() }),
    );
    assertKind(error, 'aborted');
    assert.equal(emu.log.length, 0);
    assert.match(k.lines[0], / aborted \d+ms attempts=0$/);
    await k.client.close();
  });

  it('rejects promptly when cancelled during a backoff wait, even if the sleep ignores the signal', async () => {
    const sleeps: number[] = [];
    const k = kit({
      sleep: (ms) => {
        sleeps.push(ms);
        return new Promise<void>(() => undefined);
      },
    });
    emu.injectFaults({ match: { path: ME }, times: 1, kind: 'status', status: 429, retryAfter: '30' });
    const controller = new AbortController();
    const pending = k.failure(k.client.request({ method: 'GET', url: `${emu.url}${ME}`, signal: controller.signal }));
    await until(() => sleeps.length === 1, 'the backoff wait');
    const t0 = performance.now();
    controller.abort();
    const error = await pending;
    // Bounds below are far from the alternative (a wait that never ends or lasts seconds), so
    // they prove promptness without measuring the machine's load.
    assert.ok(performance.now() - t0 < 1000);
    assertKind(error, 'aborted');
    assert.deepEqual(sleeps, [20_000]);
    assert.equal(emu.log.length, 1, 'never retried');
    await k.client.close();
  });

  it('rejects promptly when cancelled while the response body trickles in', async () => {
    const k = kit();
    emu.injectFaults({ match: { path: ME }, times: 1, kind: 'slowBody', ms: 10_000 });
    const controller = new AbortController();
    const pending = k.failure(k.client.request({ method: 'GET', url: `${emu.url}${ME}`, signal: controller.signal }));
    await until(() => emu.log.length === 1, 'the request to arrive');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const t0 = performance.now();
    controller.abort();
    const error = await pending;
    assert.ok(performance.now() - t0 < 2000, 'prompt');
    assertKind(error, 'aborted');
    assert.deepEqual(k.sleeps, [], 'an abort is never retried');
    assert.equal(emu.log.length, 1);
    await k.client.close();
  });

  it('rejects promptly when cancelled while queued for a concurrency slot; the queued request is never sent', async () => {
    const k = kit({ maxConcurrency: 1 });
    emu.injectFaults({ match: { path: ME }, times: 1, kind: 'delay', ms: 300 });
    const first = k.client.request({ method: 'GET', url: `${emu.url}${ME}` });
    const controller = new AbortController();
    const second = k.failure(
      k.client.request({ method: 'GET', url: `${emu.url}${GROUPS}`, signal: controller.signal }),
    );
    await until(() => emu.log.length === 1, 'the first request');
    controller.abort();
    assertKind(await second, 'aborted');
    assert.equal((await first).status, 200);
    assert.deepEqual(
      emu.log.map((e) => e.path),
      [ME],
    );
    await k.client.close();
  });

  it('rejects promptly when cancelled while waiting for the rate limiter', async () => {
    const k = kit({ ratePerSecond: 0.2, sleep: undefined });
    await k.client.request({ method: 'GET', url: `${emu.url}${ME}` });
    const controller = new AbortController();
    const t0 = performance.now();
    const pending = k.failure(k.client.request({ method: 'GET', url: `${emu.url}${ME}`, signal: controller.signal }));
    setTimeout(() => controller.abort(), 30);
    assertKind(await pending, 'aborted');
    assert.ok(performance.now() - t0 < 2500, 'did not wait out the rate limit (5 s)');
    assert.equal(emu.log.length, 1);
    await k.client.close();
  });

  it('times out waiting for headers (kind timeout), and does not retry a POST', async () => {
    const k = kit({ timeouts: { headersMs: 100 } });
    emu.injectFaults({ match: { method: 'POST' }, times: 1, kind: 'delay', ms: 5000 });
    const t0 = performance.now();
    const error = await k.failure(
      k.client.request({ method: 'POST', url: `${emu.url}${GROUPS}`, json: group('slow-headers') }),
    );
    assertKind(error, 'timeout');
    assert.match(error.message, /no response headers within 100 ms/);
    assert.ok(performance.now() - t0 < 2500);
    assert.deepEqual(k.sleeps, []);
    await k.client.close();
  });

  it('retries a headers timeout for GET like a reset', async () => {
    const k = kit({ timeouts: { headersMs: 100 } });
    emu.injectFaults({ match: { path: ME }, times: 1, kind: 'delay', ms: 1000 });
    const res = await k.client.request({ method: 'GET', url: `${emu.url}${ME}` });
    assert.equal(res.status, 200);
    assert.equal(res.attempts, 2);
    assert.equal(k.sleeps.length, 1);
    await k.client.close();
  });

  it('times out when the body stalls longer than bodyMs', async () => {
    const k = kit({ timeouts: { bodyMs: 100 } });
    emu.injectFaults({ match: { method: 'POST' }, times: 1, kind: 'slowBody', ms: 5000 });
    const t0 = performance.now();
    const error = await k.failure(
      k.client.request({ method: 'POST', url: `${emu.url}${GROUPS}`, json: group('slow-body') }),
    );
    assertKind(error, 'timeout');
    assert.match(error.message, /body stalled for more than 100 ms/);
    assert.ok(performance.now() - t0 < 2500);
    await k.client.close();
  });

  it('times out connecting (kind timeout) when the TLS handshake never completes, and retries even a POST', async () => {
    // A TCP listener that never answers: the connection opens, the TLS handshake hangs. Nothing
    // was sent, so the retry is safe for any method.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => {
      sockets.push(socket);
      socket.on('error', () => undefined);
    });
    let connections = 0;
    silent.on('connection', () => connections++);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const k = kit({ timeouts: { connectMs: 100 }, retry: { maxAttempts: 2 } });
    const t0 = performance.now();
    const error = await k.failure(k.client.request({ method: 'POST', url: `https://127.0.0.1:${port}/x`, json: {} }));
    // undici runs connect timeouts on its coarse clock: up to about a second each.
    assert.ok(performance.now() - t0 < 3000);
    assert.ok(error instanceof HttpRetryError, error.message);
    assertKind(error.lastError ?? new Error('no lastError'), 'timeout');
    assert.match(error.message, /could not connect within 100 ms/);
    assert.equal(error.attempts, 2);
    assert.equal(connections, 2);
    await k.client.close();
    sockets.forEach((socket) => socket.destroy());
    silent.close();
  });
});
