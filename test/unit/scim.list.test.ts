// Listing over real HTTP against the emulator: projection, page cap, parallel fetch, changes
// between pages, groups never listed with members.

import { strict as assert } from 'node:assert';
import { collectAll } from '../../src/core/scim/paging';
import type { ScimUser } from '../../src/core/scim/types';
import { startHarness, type ScimHarness } from './support/builders';
import { forEachTest } from './support/lifecycle';

/** Whether some list request started before a position already requested: the pager stepped back. */
function steppedBack(starts: number[]): boolean {
  return starts.some((s, i) => i > 0 && s < Math.max(...starts.slice(0, i)));
}

describe('scim listing against the emulator', function () {
  this.timeout(20000);
  let h: ScimHarness;
  forEachTest(
    () => startHarness({ dataset: 'demo', pageSize: 7, concurrency: 3 }),
    (started) => (h = started),
  );

  it('lists every user once, asks only for the default attributes and returns only those', async () => {
    const users = await collectAll(h.scim.listAll('user'));
    const expected = h.emulator.state.users.map((u) => u.id);
    assert.deepEqual(users.map((u) => u.id).sort(), [...expected].sort());
    const gets = h.scimRequests('/Users', 'GET');
    assert.ok(gets.length >= Math.ceil(expected.length / 7));
    for (const g of gets) {
      assert.equal(g.query['attributes'], 'id,userName,displayName,active');
      assert.equal(g.query['excludedAttributes'], undefined);
    }
    for (const u of users) {
      assert.deepEqual(
        Object.keys(u).filter((k) => !['id', 'userName', 'displayName', 'active'].includes(k)),
        [],
        `extra fields on ${u.id}`,
      );
    }
    const quinn = users.find((u) => u.userName === 'quinn.murphy@contoso.com');
    assert.equal(quinn?.active, false);
  });

  it('custom projection reaches the server and shapes the answer', async () => {
    const page = await h.scim.listPage('user', { attributes: ['id', 'userName', 'entitlements'], count: 100 });
    assert.equal(h.scimRequests('/Users', 'GET')[0]?.query['attributes'], 'id,userName,entitlements');
    assert.ok(page.items.every((u) => u.displayName === undefined && u.active === undefined));
    const aisha = page.items.find((u) => u.userName === 'aisha.khan@contoso.com');
    assert.deepEqual(aisha?.entitlements?.sort(), ['allow-cluster-create', 'allow-instance-pool-create']);
  });

  it('never lists groups with members, whatever is asked', async () => {
    const groups = await collectAll(h.scim.listAll('group'));
    assert.equal(groups.length, h.emulator.state.groups.length);
    assert.ok(
      groups.every((g) => g.members === undefined),
      'no members in a group list',
    );
    assert.ok(
      groups.every((g) => g.source !== undefined),
      'meta.resourceType came back',
    );
    assert.equal(groups.find((g) => g.displayName === 'all-employees')?.source, 'account');
    assert.equal(groups.find((g) => g.displayName === 'data-eng')?.source, 'workspace');
    assert.equal(h.scimRequests('/Groups', 'GET')[0]?.query['attributes'], 'id,displayName,externalId,meta');

    h.emulator.clearLog();
    const asked = await h.scim.listPage('group', { attributes: ['id', 'displayName', 'members'] });
    assert.equal(h.scimRequests('/Groups', 'GET')[0]?.query['attributes'], 'id,displayName');
    assert.ok(asked.items.every((g) => g.members === undefined));

    h.emulator.clearLog();
    const full = await h.scim.listPage('group', { attributes: null });
    const q = h.scimRequests('/Groups', 'GET')[0]?.query;
    assert.equal(q?.['attributes'], undefined);
    assert.equal(q?.['excludedAttributes'], 'members');
    assert.ok(full.items.every((g) => g.members === undefined));
  });

  it('service principals list with their default projection', async () => {
    const sps = await collectAll(h.scim.listAll('servicePrincipal'));
    assert.equal(sps.length, h.emulator.state.servicePrincipals.length);
    assert.equal(
      h.scimRequests('/ServicePrincipals', 'GET')[0]?.query['attributes'],
      'id,applicationId,displayName,active',
    );
    for (const sp of sps) assert.match(sp.applicationId, /^[0-9a-f-]{36}$/i);
  });

  it('follows a page cap smaller than the requested count', async () => {
    h.emulator.setKnobs({ pageCap: 4 });
    const users = await collectAll(h.scim.listAll('user', { pageSize: 50 }));
    assert.equal(users.length, h.emulator.state.users.length);
    assert.equal(new Set(users.map((u) => u.id)).size, users.length);
    const gets = h.scimRequests('/Users', 'GET');
    assert.equal(gets[0]?.query['count'], '50');
    assert.ok(
      gets.slice(1).every((g) => g.query['count'] === '4'),
      'later pages ask for the cap',
    );
    assert.equal(gets.length, Math.ceil(users.length / 4));
  });

  it('fetches the pages after the first in parallel once totalResults is known', async () => {
    // With 1 s per answer, requests sent one after another would arrive >= 1 s apart; requests
    // 2..5 arriving within that second were in flight together.
    h.emulator.setKnobs({ latencyMs: 1000 });
    const users = await collectAll(h.scim.listAll('user', { pageSize: 10, concurrency: 4 }));
    const gets = h.scimRequests('/Users', 'GET');
    assert.equal(gets.length, Math.ceil(users.length / 10));
    const burst = gets.slice(1, 5).map((g) => g.receivedAt);
    assert.ok(
      Math.max(...burst) - Math.min(...burst) < 1000,
      `requests 2-5 spread over ${Math.max(...burst) - Math.min(...burst)} ms`,
    );
  });

  it('a change between pages: nothing that existed throughout is lost, nothing repeats', async () => {
    const before = h.emulator.state.users.toArray();
    const iter = h.scim.listAll('user', { pageSize: 5, concurrency: 2 })[Symbol.asyncIterator]();
    const seen: ScimUser[] = [];
    const first = await iter.next();
    assert.ok(!first.done);
    seen.push(...first.value.items);
    // Users already read are deleted (everything after them shifts left) and new ones appear.
    const deleted = before.slice(1, 4).map((u) => u.id);
    for (const id of deleted) h.emulator.state.deletePrincipal(id);
    const added = [0, 1].map((i) => h.emulator.state.createUser({ userName: `late.${i}@contoso.com` }).id);
    for (let r = await iter.next(); !r.done; r = await iter.next()) seen.push(...r.value.items);

    const ids = seen.map((u) => u.id);
    assert.equal(new Set(ids).size, ids.length, 'no user yielded twice');
    for (const u of before) {
      if (deleted.includes(u.id)) continue;
      assert.ok(ids.includes(u.id), `${u.userName} existed throughout and was missed`);
    }
    for (const id of added) assert.ok(ids.includes(id), 'users appended during the listing are read too');
    assert.ok(
      steppedBack(h.scimRequests('/Users', 'GET').map((g) => Number(g.query['startIndex']))),
      'the change was noticed',
    );
  });

  it('a change while pages are in flight (delete window)', async () => {
    const before = h.emulator.state.users.toArray();
    h.emulator.setKnobs({ latencyMs: 40 });
    const iter = h.scim.listAll('user', { pageSize: 5, concurrency: 3 })[Symbol.asyncIterator]();
    const seen: ScimUser[] = [];
    const collect = (async () => {
      for (let r = await iter.next(); !r.done; r = await iter.next()) seen.push(...r.value.items);
    })();
    // Delete users from the front as soon as the parallel pages are out (first page answered).
    while (h.scimRequests('/Users', 'GET').length < 2) await new Promise((r) => setTimeout(r, 1));
    const deleted = before
      .slice(0, 6)
      .map((u) => u.id)
      .filter((id) => id !== h.emulator.state.adminUser.id);
    for (const id of deleted) h.emulator.state.deletePrincipal(id);
    await collect;
    const ids = seen.map((u) => u.id);
    assert.equal(new Set(ids).size, ids.length, 'no user yielded twice');
    for (const u of before) if (!deleted.includes(u.id)) assert.ok(ids.includes(u.id), `${u.userName} missed`);
    assert.ok(
      steppedBack(h.scimRequests('/Users', 'GET').map((g) => Number(g.query['startIndex']))),
      'the change was noticed',
    );
  });

  it('an empty result: one request, Resources absent or empty', async () => {
    for (const omit of [true, false]) {
      h.emulator.clearLog();
      h.emulator.setKnobs({ omitEmptyResources: omit });
      const pages = [];
      for await (const p of h.scim.listAll('user', { filter: 'userName eq "nobody@nowhere.example"' })) pages.push(p);
      assert.equal(pages.length, 1);
      assert.equal(pages[0]?.items.length, 0);
      assert.equal(pages[0]?.totalResults, 0);
      assert.equal(h.scimRequests('/Users', 'GET').length, 1);
    }
  });

  it('sortBy and sortOrder reach the server', async () => {
    const page = await h.scim.listPage('user', { sortBy: 'userName', sortOrder: 'descending', count: 3 });
    const q = h.scimRequests('/Users', 'GET')[0]?.query;
    assert.equal(q?.['sortBy'], 'userName');
    assert.equal(q?.['sortOrder'], 'descending');
    const names = h.emulator.state.users
      .map((u) => u.userName)
      .sort()
      .reverse()
      .slice(0, 3);
    assert.deepEqual(
      page.items.map((u) => u.userName),
      names,
    );
    assert.throws(() => h.scim.listAll('user', { sortBy: 'userName desc' }), /Not a valid SCIM attribute name/);
  });
});
