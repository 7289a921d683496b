import assert from 'node:assert/strict';
import {
  DEFAULT_KNOBS,
  DEMO_GROUPS,
  DEMO_SERVICE_PRINCIPALS,
  DEMO_USERS,
  SCALE,
  startEmulator,
  type Emulator,
} from '../emulator';
import { ListCache } from '../emulator/listing';
import { Api, SCIM } from './emulator.helpers';

describe('emulator: data sets', () => {
  it('empty: only the admin user and the admins and users system groups', async () => {
    const e = await startEmulator({ dataset: 'empty' });
    try {
      const api = new Api(e);
      assert.equal((await api.list('Users')).body.totalResults, 1);
      assert.equal((await api.list('ServicePrincipals')).body.totalResults, 0);
      const groups = await api.list('Groups');
      assert.deepEqual((groups.body.Resources ?? []).map((g) => g.displayName).sort(), ['admins', 'users']);
      assert.equal(e.state.adminUser.userName, 'admin@contoso.com');
    } finally {
      await e.close();
    }
  });

  it('demo: contoso with ~40 users, nested groups, 4 service principals, one account group', async () => {
    const e = await startEmulator({ dataset: 'demo' });
    try {
      assert.equal(e.state.users.size, DEMO_USERS.length + 1);
      assert.equal(DEMO_USERS.length, 40);
      assert.equal(e.state.groups.size, DEMO_GROUPS.length);
      assert.equal(e.state.groups.filter((g) => g.displayName !== 'users' && g.displayName !== 'admins').length, 10);
      assert.equal(e.state.servicePrincipals.size, DEMO_SERVICE_PRINCIPALS.length);
      assert.ok(e.state.users.toArray().every((u) => /^[a-z.']+@contoso\.com$/.test(u.userName)));
      assert.deepEqual(
        e.state.groups.filter((g) => g.accountGroup).map((g) => g.displayName),
        ['all-employees'],
      );
      assert.ok(e.state.groups.filter((g) => g.externalId !== undefined).length >= 5);
      assert.ok(e.state.users.filter((u) => u.entitlements.length > 0).length >= 3);
      assert.ok(e.state.servicePrincipals.toArray().every((sp) => /^[0-9a-f-]{36}$/.test(sp.applicationId)));
    } finally {
      await e.close();
    }
  });

  it('ids are 16-digit strings and the same on every start of a data set', async () => {
    const a = await startEmulator({ dataset: 'demo' });
    const b = await startEmulator({ dataset: 'demo', knobs: { seed: 99 } });
    try {
      const idsA = a.state.users.map((u) => u.id);
      assert.ok(idsA.every((id) => /^[1-9]\d{15}$/.test(id)));
      assert.deepEqual(
        b.state.users.map((u) => u.id),
        idsA,
      );
      assert.deepEqual(
        b.state.groups.map((g) => g.id),
        a.state.groups.map((g) => g.id),
      );
      assert.notEqual(a.adminToken, b.adminToken);
    } finally {
      await a.close();
      await b.close();
    }
  });

  describe('scale', function () {
    this.timeout(60_000);
    let e: Emulator;
    let api: Api;
    let startMs = 0;
    before(async () => {
      const t = Date.now();
      e = await startEmulator({ dataset: 'scale' });
      startMs = Date.now() - t;
      api = new Api(e);
    });
    after(async () => {
      await e.close();
    });

    it('builds 100,000 users, 5,000 groups and a 20,000-member group', async () => {
      // Build time (about 1 s on an idle machine) is reported, not asserted: timing belongs to
      // `npm run bench`, and a loaded CI box must not fail this suite.
      assert.ok(startMs > 0);
      assert.equal((await api.list('Users', { count: 1 })).body.totalResults, SCALE.users);
      assert.equal(SCALE.users, 100_000);
      assert.equal((await api.list('Groups', { count: 1, attributes: 'id' })).body.totalResults, 5_000);
      const big = e.state.findGroup(SCALE.bigGroupName);
      assert.equal(big?.members.size, 20_000);
      const others = e.state.groups.filter((g) => g.displayName !== SCALE.bigGroupName);
      assert.ok(others.every((g) => g.members.size <= 6));
      assert.ok(e.state.servicePrincipals.size >= 3);
    });

    it('pages through all users without gaps or repeats', async () => {
      const seen = new Set<string>();
      for (let start = 1; start <= 100_000; start += 10_000) {
        const page = await api.list('Users', { startIndex: start, count: 10_000, attributes: 'id' });
        assert.equal(page.body.itemsPerPage, 10_000);
        for (const u of page.body.Resources ?? []) seen.add(u.id);
      }
      assert.equal(seen.size, 100_000);
      const sorted1 = await api.list('Users', { count: 2, sortBy: 'userName' });
      const sorted2 = await api.list('Users', { count: 2, startIndex: 3, sortBy: 'userName' });
      assert.ok((sorted1.body.Resources?.[1]?.userName ?? '') <= (sorted2.body.Resources?.[0]?.userName ?? ''));
    });

    it('serves pages from one cached filtered+sorted list until the next write', () => {
      const cache = new ListCache();
      const knobs = { ...DEFAULT_KNOBS };
      const dir = e.state.listView();
      const sorted = cache.select(dir, 'user', { sortBy: 'userName' }, knobs);
      assert.equal(sorted.length, e.state.users.size);
      assert.equal(cache.select(dir, 'user', { sortBy: 'userName', startIndex: '501', count: '100' }, knobs), sorted);
      const filtered = cache.select(dir, 'user', { filter: 'userName sw "ada."' }, knobs);
      assert.equal(cache.select(dir, 'user', { filter: 'userName sw "ada."' }, knobs), filtered);
      e.state.createUser({ userName: 'ada.zzz@contoso.com' });
      const after = cache.select(dir, 'user', { filter: 'userName sw "ada."' }, knobs);
      assert.notEqual(after, filtered);
      assert.equal(after.length, filtered.length + 1);
    });

    it('GET of the 20,000-member group returns all members with $ref', async () => {
      const big = e.state.findGroup(SCALE.bigGroupName);
      assert.ok(big);
      const r = await api.get(`${SCIM}/Groups/${big.id}`);
      assert.equal(r.body.members?.length, 20_000);
      assert.ok(r.body.members?.every((m) => m.$ref === `Users/${m.value}`));
    });

    it('a write shows up in the next list response', async () => {
      const before = (await api.list('Users', { count: 1 })).body.totalResults;
      e.state.createUser({ userName: 'one.more@contoso.com' });
      assert.equal((await api.list('Users', { count: 1 })).body.totalResults, before + 1);
    });
  });
});
