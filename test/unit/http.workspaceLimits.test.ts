// The client under a workspace's limits, over real HTTP against the emulator with its limit knobs
// on: refusals for load are retried for every method, the shared adaptive concurrency stays at
// or under what the workspace took after its first refusal, and the GET bucket keeps a long run
// under the workspace's GET rate.
import assert from 'node:assert/strict';
import { HttpClient } from '../../src/core/http/client';
import { HostLimitsRegistry, type HostLimitsOptions, type LimitEvent } from '../../src/core/http/hostLimits';
import type { RetryOptions } from '../../src/core/http/types';
import { ScimClient } from '../../src/core/scim/client';
import { collectAll } from '../../src/core/scim/paging';
import { startEmulator, type Emulator } from '../emulator';
import { FAST_RETRY, SCIM_BASE } from './support/builders';

const CONCURRENT_500 = (id: string): string =>
  `{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"detail":"REQUEST_LIMIT_EXCEEDED: Workspace ${id} exceeded the concurrent limit of 4 requests.","status":"500"}`;

interface Rig {
  emulator: Emulator;
  http: HttpClient;
  scim: ScimClient;
  limits: HostLimitsRegistry;
  lines: string[];
  events: LimitEvent[];
  close(): Promise<void>;
}

async function rig(
  knobs: Parameters<typeof startEmulator>[0] = {},
  limitOpts: HostLimitsOptions = {},
  retry: Partial<RetryOptions> = { ...FAST_RETRY, maxAttempts: 8 },
): Promise<Rig> {
  const emulator = await startEmulator({ dataset: 'demo', ...knobs });
  const lines: string[] = [];
  const events: LimitEvent[] = [];
  const limits = new HostLimitsRegistry({ log: (l) => lines.push(l), ...limitOpts });
  limits.onChange((e) => events.push(e));
  const http = new HttpClient({
    auth: { origin: emulator.url, getToken: async () => emulator.adminToken },
    noProxyFromEnv: true,
    retry,
    maxConcurrency: 16,
    hostLimits: limits,
  });
  const scim = new ScimClient({ host: emulator.url, http, limitEvents: limits });
  return {
    emulator,
    http,
    scim,
    limits,
    lines,
    events,
    close: async () => (await http.close(), await emulator.close()),
  };
}

describe('workspace limits: refusals for load', () => {
  let r: Rig;
  afterEach(async () => r?.close());

  it('the 500 REQUEST_LIMIT_EXCEEDED SCIM body is retried for GET and for PATCH, and the PATCH is applied once', async () => {
    r = await rig();
    const body = CONCURRENT_500(r.emulator.workspaceId);
    const group = r.emulator.state.findGroup('analysts');
    const user = r.emulator.state.findUser('ben.carter@contoso.com');
    assert.ok(group && user);
    r.emulator.injectFaults({
      kind: 'status',
      status: 500,
      body,
      contentType: 'application/json',
      match: { method: 'GET' },
      times: 2,
    });
    r.emulator.injectFaults({
      kind: 'status',
      status: 500,
      body,
      contentType: 'application/json',
      match: { method: 'PATCH' },
      times: 2,
    });
    const got = await r.scim.get('user', user.id);
    assert.equal(got.id, user.id);
    await r.scim.addMembers(group.id, [user.id]);
    const gets = r.emulator.log.filter((e) => e.method === 'GET').map((e) => e.status);
    const patches = r.emulator.log.filter((e) => e.method === 'PATCH').map((e) => e.status);
    assert.deepEqual(gets, [500, 500, 200]);
    assert.deepEqual(patches, [500, 500, 204]);
    assert.ok(r.emulator.state.groups.get(group.id)?.members.has(user.id));
  });

  it('the 400 form and the token-bucket text are refusals too, for a POST as well', async () => {
    r = await rig();
    const id = r.emulator.workspaceId;
    r.emulator.injectFaults({
      kind: 'status',
      status: 400,
      contentType: 'application/json',
      match: { method: 'POST' },
      body: `{"error_code":"REQUEST_LIMIT_EXCEEDED","message":"Workspace ${id} exceeded the concurrent limit of 4 requests."}`,
    });
    r.emulator.injectFaults({
      kind: 'status',
      status: 500,
      contentType: 'application/json',
      match: { method: 'POST' },
      body: '{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"detail":"REQUEST_LIMIT_EXCEEDED: GetUserPermissionsRequest RPC token bucket limit has been exceeded.","status":"500"}',
    });
    const created = await r.scim.createGroup({ displayName: 'made-under-load' });
    assert.equal(created.displayName, 'made-under-load');
    assert.deepEqual(
      r.emulator.log.filter((e) => e.method === 'POST').map((e) => e.status),
      [400, 500, 201],
    );
    assert.equal(r.emulator.state.groups.filter((g) => g.displayName === 'made-under-load').length, 1);
  });

  it('an ordinary 500 or 400 is still not repeated for a write', async () => {
    r = await rig();
    r.emulator.injectFaults({ kind: 'status', status: 500, match: { method: 'POST' } });
    await assert.rejects(r.scim.createGroup({ displayName: 'not-retried' }));
    assert.equal(r.emulator.log.filter((e) => e.method === 'POST').length, 1);
  });

  it('says in the log and to listeners that the host slowed the client down, and why', async () => {
    r = await rig();
    const [a, b, c] = r.emulator.state.users.toArray();
    assert.ok(a && b && c);
    r.emulator.injectFaults({
      kind: 'status',
      status: 500,
      body: CONCURRENT_500(r.emulator.workspaceId),
      contentType: 'application/json',
      match: { method: 'GET' },
    });
    const heard: LimitEvent[] = [];
    const stop = r.scim.onLimitChange((e) => heard.push(e));
    // Three at once, so the refused one was sent with the limit (3) full.
    await Promise.all([a, b, c].map((u) => r.scim.get('user', u.id)));
    stop();
    const host = new URL(r.emulator.url).origin;
    assert.deepEqual(r.lines, [`throttled by ${host} (REQUEST_LIMIT_EXCEEDED): concurrency 3 → 1`]);
    assert.equal(heard.length, 1);
    assert.equal(heard[0]?.reason, 'REQUEST_LIMIT_EXCEEDED');
    assert.deepEqual([heard[0]?.from, heard[0]?.to], [3, 1]);
  });
});

describe('workspace limits: adaptive concurrency against the concurrency knob', () => {
  let r: Rig;
  afterEach(async () => r?.close());

  it('after the first refusal, never more requests in flight than the workspace takes; every page still arrives', async () => {
    // Growth after every 2 clean answers takes the client past the workspace's 4 quickly.
    r = await rig(
      { knobs: { concurrencyLimit: 4, latencyMs: 15 } },
      { maxConcurrency: 8, growAfter: 2, getsPerMinute: 0 },
    );
    const limit = r.limits.for(new URL(r.emulator.url).origin).concurrency;
    let firstRefusalAt: number | undefined;
    let alreadySent = 0;
    r.limits.onChange((e) => {
      if (!e.reason || firstRefusalAt !== undefined) return;
      firstRefusalAt = r.emulator.log.length;
      // Requests the client had under way when it heard (the refused one included) may still
      // arrive after this point: they were sent under the old limit.
      alreadySent = limit.inFlight;
    });
    const expected = r.emulator.state.users.size;
    const runs = await Promise.all([
      collectAll(r.scim.listAll('user', { pageSize: 1, concurrency: 8 })),
      collectAll(r.scim.listAll('group', { pageSize: 1, concurrency: 8 })),
      ...r.emulator.state.users
        .toArray()
        .slice(0, 10)
        .map((u) => r.scim.get('user', u.id)),
    ]);
    assert.equal((runs[0] as unknown[]).length, expected);
    assert.ok(
      r.emulator.stats.concurrencyRefused >= 1,
      `the run reached the workspace limit at least once: ${r.lines.join('; ')} peak ${r.emulator.stats.peakConcurrency}`,
    );
    assert.ok(firstRefusalAt !== undefined);
    const after = r.emulator.log.slice(firstRefusalAt + alreadySent).filter((e) => e.path.startsWith(SCIM_BASE));
    assert.ok(after.length > 20, `enough traffic after the refusal to tell (${after.length})`);
    const over = after.filter((e) => (e.concurrency ?? 0) > 4);
    assert.deepEqual(
      over.map((e) => e.concurrency),
      [],
    );
    assert.ok(limit.limit <= 4);
  });

  it('one registry is one limit: two clients of the same host together stay at the start limit of 3', async () => {
    r = await rig({ knobs: { latencyMs: 20 } }, { growAfter: 1000 });
    const second = new HttpClient({
      auth: { origin: r.emulator.url, getToken: async () => r.emulator.adminToken },
      noProxyFromEnv: true,
      hostLimits: r.limits,
    });
    const other = new ScimClient({ host: r.emulator.url, http: second });
    const ids = r.emulator.state.users
      .toArray()
      .slice(0, 12)
      .map((u) => u.id);
    await Promise.all(ids.map((id, i) => (i % 2 ? r.scim : other).get('user', id)));
    await second.close();
    assert.equal(r.emulator.stats.peakConcurrency, 3);
  });
});

describe('workspace limits: the GET bucket against the GET rate knob', () => {
  let r: Rig;
  afterEach(async () => r?.close());

  it('300 GETs within a workspace rate of 100 per second: no 429, all answered', async () => {
    // 80 per second with a burst of 5: at most 85 in any second, under the workspace's 100, with
    // room for the event loop to stall ~150 ms (a busy test run) and release a few GETs together.
    r = await rig({ knobs: { getRateLimit: 100, getRateWindowMs: 1000 } }, { getsPerMinute: 80 * 60, getBurst: 5 });
    const ids = r.emulator.state.users.toArray().map((u) => u.id);
    const all = Array.from({ length: 300 }, (_, i) => ids[i % ids.length] as string);
    const users = await Promise.all(all.map((id) => r.scim.get('user', id)));
    assert.equal(users.length, 300);
    assert.equal(r.emulator.stats.rateLimited, 0);
    assert.equal(r.emulator.log.filter((e) => e.method === 'GET').length, 300);
  });

  it('without the bucket the same workspace answers 429 (the control for the test above)', async () => {
    // Retry-After (1 s) is honoured here, so the refused GETs end up answered.
    const retry = { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 2000, budgetMs: 10_000 };
    r = await rig({ knobs: { getRateLimit: 100, getRateWindowMs: 1000 } }, { getsPerMinute: 0 }, retry);
    const ids = r.emulator.state.users.toArray().map((u) => u.id);
    await Promise.all(Array.from({ length: 150 }, (_, i) => r.scim.get('user', ids[i % ids.length] as string)));
    assert.ok(r.emulator.stats.rateLimited > 0);
    assert.ok(
      r.lines.some((l) => /\(HTTP 429\)/.test(l)),
      r.lines.join('\n'),
    );
  });
});
