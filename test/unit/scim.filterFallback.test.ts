// Workspaces that refuse filter attributes (the emulator's evidenced set: users by userName and
// active, groups by displayName): the same answers come another way, the refusal is probed once
// per host and remembered, and a search narrows instead of listing everyone.
import assert from 'node:assert/strict';
import { ScimClient } from '../../src/core/scim/client';
import { eq, or, orChunks } from '../../src/core/scim/filter';
import { FilterSupport } from '../../src/core/scim/filterSupport';
import { describeMembers } from '../../src/core/scim/memberDetails';
import { collectAll } from '../../src/core/scim/paging';
import { searchPrincipals } from '../../src/ui/principals/principalSearch';
import { EVIDENCED_FILTER_ATTRIBUTES } from '../emulator';
import { forEachTest } from './support/lifecycle';
import { httpFor, SCIM_BASE, startHarness, type ScimHarness } from './support/builders';

describe('scim: filters the workspace refuses', () => {
  let h: ScimHarness;
  forEachTest(
    () => startHarness({ dataset: 'demo', knobs: { filterableAttributes: EVIDENCED_FILTER_ATTRIBUTES } }),
    (started) => (h = started),
  );

  const filtered = (attr: string) =>
    h.emulator.log.filter((e) => e.path.startsWith(SCIM_BASE) && (e.query['filter'] ?? '').includes(`${attr} `));

  it('id lookups: one refused probe, then a GET per id; the answer is the one the filter would give', async () => {
    const users = h.emulator.state.users.toArray().slice(0, 5);
    const ids = users.map((u) => u.id);
    const first = await collectAll(
      h.scim.listAll('user', { filter: orChunks('id', [...ids, '9999999999999999'])[0] as string }),
    );
    assert.deepEqual(first.map((u) => u.id).sort(), [...ids].sort());
    assert.deepEqual(first.find((u) => u.id === ids[0])?.userName, users[0]?.userName);
    const again = await collectAll(h.scim.listAll('user', { filter: eq('id', ids[1] as string) }));
    assert.deepEqual(
      again.map((u) => u.id),
      [ids[1]],
    );
    const probes = filtered('id');
    assert.equal(probes.length, 1, 'probed once');
    assert.equal(probes[0]?.status, 400);
    assert.equal(h.scim.filterSupport.accepts('user', 'id'), false);
    assert.equal(h.scim.filterSupport.accepts('user', 'userName'), undefined, 'only the refused attribute is blamed');
    // 6 lookups for the first listing (one unknown id: 404, not matched), 1 for the second.
    assert.equal(h.scimRequests('/Users/', 'GET').length, 7);
  });

  it('member details of a group with the id filter refused: same details, probes once even when listings run at once', async () => {
    const group = h.emulator.state.findGroup('data-eng');
    assert.ok(group);
    const full = await h.scim.get('group', group.id);
    const details = await Promise.all([
      describeMembers(h.scim, full.members ?? []),
      describeMembers(h.scim, full.members ?? []),
    ]);
    assert.deepEqual(details[0], details[1]);
    for (const d of details[0] ?? []) if (d.type === 'user') assert.ok(d.userName, `${d.id} has its userName`);
    assert.equal(filtered('id').filter((e) => e.path === `${SCIM_BASE}/Users`).length, 1, 'users: probed once');
    // Service principals may be filtered by id: sent as they are, each time.
    assert.ok(
      filtered('id')
        .filter((e) => e.path === `${SCIM_BASE}/ServicePrincipals`)
        .every((e) => e.status === 200),
    );
  });

  it('externalId on groups: one listing projected to id, displayName and externalId, matched here', async () => {
    const linked = h.emulator.state.groups.toArray().filter((g) => g.externalId);
    assert.ok(linked.length >= 2);
    const wanted = linked.slice(0, 2).map((g) => g.externalId as string);
    const groups = await collectAll(
      h.scim.listAll('group', {
        filter: or(...wanted.map((x) => eq('externalId', x))),
        attributes: ['id', 'displayName', 'externalId'],
      }),
    );
    assert.deepEqual(groups.map((g) => g.externalId).sort(), [...wanted].sort());
    const second = await h.scim.listPage('group', {
      filter: eq('externalId', wanted[0] as string),
      attributes: ['id', 'displayName', 'externalId'],
    });
    assert.deepEqual(
      second.items.map((g) => g.externalId),
      [wanted[0]],
    );
    assert.equal(second.totalResults, 1);
    assert.equal(filtered('externalId').length, 1);
    const scans = h.scimRequests('/Groups', 'GET').filter((e) => e.query['filter'] === undefined);
    assert.equal(scans.length, 2, 'one unfiltered listing per question');
    for (const s of scans) {
      assert.equal(s.query['attributes'], 'id,displayName,externalId');
      assert.equal(s.query['count'], '10000');
    }
  });

  it('the record is per host and shared: a second client given it does not probe again; a fresh one does', async () => {
    const shared = h.scim.filterSupport;
    const id = h.emulator.state.users.toArray()[0]?.id as string;
    await collectAll(h.scim.listAll('user', { filter: eq('id', id) }));
    const http = httpFor(h.emulator.url, h.emulator.adminToken);
    try {
      await collectAll(
        new ScimClient({ host: h.emulator.url, http, filterSupport: shared }).listAll('user', { filter: eq('id', id) }),
      );
      assert.equal(filtered('id').length, 1);
      await collectAll(
        new ScimClient({ host: h.emulator.url, http, filterSupport: new FilterSupport() }).listAll('user', {
          filter: eq('id', id),
        }),
      );
      assert.equal(filtered('id').length, 2);
    } finally {
      await http.close();
    }
  });

  it('user search by name narrows to userName after one refusal, instead of listing every user', async () => {
    const hits = await searchPrincipals(h.scim, 'ben', { kinds: ['user'] });
    assert.ok(hits.some((x) => x.userName === 'ben.carter@contoso.com'));
    await searchPrincipals(h.scim, 'carter', { kinds: ['user'] });
    const userCalls = h.scimRequests('/Users', 'GET').map((e) => e.query['filter']);
    assert.equal(userCalls.filter((f) => f?.includes('displayName')).length, 1, 'displayName probed once');
    assert.ok(
      userCalls.every((f) => f !== undefined),
      'never an unfiltered listing',
    );
    assert.equal(userCalls.length, 3);
  });

  it('an attribute no principal has keeps the server error (no listing of everyone for a typo)', async () => {
    await assert.rejects(
      collectAll(h.scim.listAll('user', { filter: eq('nickName', 'x') })),
      (e: unknown) => e instanceof Error && /filter/i.test(e.message),
    );
    assert.equal(h.scimRequests('/Users', 'GET').length, 1);
  });
});

describe('scim: filters the workspace accepts', () => {
  let h: ScimHarness;
  forEachTest(
    () => startHarness({ dataset: 'demo' }),
    (started) => (h = started),
  );

  it('are sent as they are, once, and remembered as accepted', async () => {
    const id = h.emulator.state.users.toArray()[0]?.id as string;
    assert.equal((await collectAll(h.scim.listAll('user', { filter: eq('id', id) }))).length, 1);
    assert.equal(h.scim.filterSupport.accepts('user', 'id'), true);
    assert.equal(h.scimRequests('/Users', 'GET').length, 1);
  });
});
