import assert from 'node:assert/strict';
import {
  SCIM,
  useEmulator,
  type DatabricksErrorBody,
  type Reply,
  type ScimErrorBody,
  type ScimList,
} from './emulator.helpers';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

function concurrentLimitText(workspaceId: string, limit: number): string {
  return (
    '{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],' +
    `"detail":"REQUEST_LIMIT_EXCEEDED: Workspace ${workspaceId} exceeded the concurrent limit of ${limit} requests.","status":"500"}`
  );
}

describe('emulator: workspace limits', () => {
  const { emu, api } = useEmulator({ dataset: 'demo' });

  describe('concurrencyLimit', () => {
    it('of 10 simultaneous GETs at a limit of 4, exactly the 6 beyond it get the 500 REQUEST_LIMIT_EXCEEDED SCIM body', async () => {
      emu().setKnobs({ concurrencyLimit: 4, latencyMs: 400 });
      emu().clearLog();
      const replies = await Promise.all(Array.from({ length: 10 }, () => api().list('Groups', { count: 1 })));
      const refused = replies.filter((r) => r.status === 500);
      assert.equal(replies.filter((r) => r.status === 200).length, 4);
      assert.equal(refused.length, 6);
      for (const r of refused) {
        assert.equal(r.text, concurrentLimitText(emu().workspaceId, 4));
        assert.equal(r.headers.get('retry-after'), null);
      }
      assert.match(emu().workspaceId, /^\d{16}$/);
      assert.equal(emu().stats.peakConcurrency, 10);
      assert.equal(emu().stats.concurrencyRefused, 6);
      assert.equal(emu().stats.throttled, 6);
      assert.equal(emu().log.filter((e) => e.fault === 'concurrencyLimit' && e.status === 500).length, 6);
      assert.deepEqual(
        emu().log.map((e) => e.concurrency),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        'each request knows how many were open',
      );
      await until('every request to be closed', () => emu().stats.inFlight === 0);
      assert.equal((await api().list('Groups', { count: 1 })).status, 200, 'answered requests free their slots');
    });

    it('a client that keeps within the limit is never refused, and the peak shows it kept within', async () => {
      emu().setKnobs({ concurrencyLimit: 4, latencyMs: 50 });
      emu().resetStats();
      const worker = async (): Promise<number[]> => {
        const out: number[] = [];
        for (let i = 0; i < 3; i++) out.push((await api().list('Users', { count: 2 })).status);
        return out;
      };
      const statuses = (await Promise.all([worker(), worker(), worker(), worker()])).flat();
      assert.deepEqual(statuses, Array<number>(12).fill(200));
      assert.equal(emu().stats.throttled, 0);
      assert.ok(
        emu().stats.peakConcurrency >= 1 && emu().stats.peakConcurrency <= 4,
        `peak ${emu().stats.peakConcurrency}`,
      );
    });

    it('a refused write has not happened', async () => {
      emu().setKnobs({ concurrencyLimit: 2, latencyMs: 400 });
      const names = ['limit-a', 'limit-b', 'limit-c', 'limit-d'];
      const replies = await Promise.all(
        names.map((displayName) =>
          api().post(`${SCIM}/Groups`, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName }),
        ),
      );
      assert.deepEqual(replies.map((r) => r.status).sort(), [201, 201, 500, 500]);
      names.forEach((name, i) =>
        assert.equal(emu().state.findGroup(name) !== undefined, replies[i]?.status === 201, name),
      );
    });

    it("concurrencyAnswer 'concurrent400' refuses with 400 and REQUEST_LIMIT_EXCEEDED in the standard body", async () => {
      emu().setKnobs({ concurrencyLimit: 1, concurrencyAnswer: 'concurrent400', latencyMs: 400 });
      const replies = await Promise.all([1, 2, 3].map(() => api().get(`${SCIM}/Me`)));
      const refused = replies.filter((r) => r.status === 400);
      assert.equal(refused.length, 2);
      assert.deepEqual(refused[0]?.body as unknown as DatabricksErrorBody, {
        error_code: 'REQUEST_LIMIT_EXCEEDED',
        message: `Workspace ${emu().workspaceId} exceeded the concurrent limit of 1 requests.`,
      });
    });

    it("concurrencyAnswer 'tokenBucket500' refuses with the RPC token bucket text", async () => {
      emu().setKnobs({ concurrencyLimit: 1, concurrencyAnswer: 'tokenBucket500', latencyMs: 400 });
      const replies = await Promise.all([1, 2].map(() => api().list('Users', { count: 1 })));
      const refused = replies.find((r) => r.status === 500);
      assert.deepEqual(refused?.body as unknown as ScimErrorBody, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        detail: 'REQUEST_LIMIT_EXCEEDED: GetUserPermissionsRequest RPC token bucket limit has been exceeded.',
        status: '500',
      });
    });

    it('covers workspace SCIM only: the Token API is not refused', async () => {
      emu().setKnobs({ concurrencyLimit: 1, latencyMs: 300 });
      const replies = await Promise.all([1, 2, 3].map(() => api().get('/api/2.0/token/list')));
      assert.deepEqual(
        replies.map((r) => r.status),
        [200, 200, 200],
      );
      assert.equal(emu().stats.peakConcurrency, 0);
      assert.equal(emu().log.at(-1)?.concurrency, undefined);
    });

    it('is off by default: 10 simultaneous GETs all succeed', async () => {
      emu().setKnobs({ latencyMs: 200 });
      const replies = await Promise.all(Array.from({ length: 10 }, () => api().list('Groups', { count: 1 })));
      assert.deepEqual(
        replies.map((r) => r.status),
        Array<number>(10).fill(200),
      );
      assert.equal(emu().stats.peakConcurrency, 10, 'the peak is tracked even without a limit');
    });
  });

  describe('getRateLimit', () => {
    async function getMany(n: number, parallel = 25): Promise<Reply<ScimList>[]> {
      const out: Reply<ScimList>[] = [];
      for (let i = 0; i < n; i += parallel) {
        out.push(
          ...(await Promise.all(
            Array.from({ length: Math.min(parallel, n - i) }, () => api().list('Users', { count: 1 })),
          )),
        );
      }
      return out;
    }

    it('300 GETs at 255 per minute: the 45 beyond the bucket get 429 with Retry-After in whole seconds', async () => {
      emu().setKnobs({ getRateLimit: 255 });
      emu().clearLog();
      const replies = await getMany(300);
      assert.equal(replies.filter((r) => r.status === 200).length, 255);
      const limited = replies.filter((r) => r.status === 429);
      assert.equal(limited.length, 45);
      for (const r of limited) {
        const seconds = Number(r.headers.get('retry-after'));
        assert.ok(
          Number.isInteger(seconds) && seconds >= 1 && seconds <= 60,
          `Retry-After ${r.headers.get('retry-after')}`,
        );
        assert.equal((r.body as unknown as DatabricksErrorBody).error_code, 'REQUEST_LIMIT_EXCEEDED');
      }
      assert.equal(emu().stats.rateLimited, 45);
      assert.equal(emu().log.filter((e) => e.fault === 'getRateLimit').length, 45);
    });

    it('Retry-After is the time until the oldest GET leaves the window', async () => {
      emu().setKnobs({ getRateLimit: 2, getRateWindowMs: 60_000 });
      await getMany(2);
      const r = await api().list('Users', { count: 1 });
      assert.equal(r.status, 429);
      const seconds = Number(r.headers.get('retry-after'));
      assert.ok(seconds >= 50 && seconds <= 60, `Retry-After ${seconds}`);
    });

    it('the window slides: once the oldest GETs are older than the window, GETs are admitted again', async () => {
      emu().setKnobs({ getRateLimit: 3, getRateWindowMs: 500 });
      assert.deepEqual(
        (await getMany(4, 1)).map((r) => r.status),
        [200, 200, 200, 429],
      );
      await sleep(700);
      assert.equal((await api().list('Users', { count: 1 })).status, 200);
    });

    it('counts GETs only: writes go through while GETs are limited', async () => {
      emu().setKnobs({ getRateLimit: 1 });
      await getMany(1);
      assert.equal((await api().list('Users', { count: 1 })).status, 429);
      const created = await api().post(`${SCIM}/Groups`, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'rate-ok',
      });
      assert.equal(created.status, 201);
    });
  });
});
