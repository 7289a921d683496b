import assert from 'node:assert/strict';
import { ACCOUNT_RATE_LIMITS, realisticKnobs } from '../emulator';
import { accountApi, idOf, patchOps, useAccountEmulator, type Json } from './emulator.account.helpers';

/** The documented limits with minute-long windows, so a slow test machine cannot slip out of a window. */
const LIMITS_PER_MINUTE = {
  get: { limit: ACCOUNT_RATE_LIMITS.get.limit, windowMs: 60_000 },
  list: { limit: ACCOUNT_RATE_LIMITS.list.limit, windowMs: 60_000 },
  patch: { limit: ACCOUNT_RATE_LIMITS.patch.limit, windowMs: 60_000 },
  write: { limit: ACCOUNT_RATE_LIMITS.write.limit, windowMs: 60_000 },
};

describe('emulator account: rate limits and the realistic profile', () => {
  const emu = useAccountEmulator({ knobs: { accountRateLimits: LIMITS_PER_MINUTE } });

  it('a third PATCH within the window is refused with 429 and Retry-After, and not applied', async () => {
    const api = accountApi(emu());
    const gid = idOf(emu(), 'data-science');
    const ids = ['nora.jensen@contoso.com', 'uma.patel@contoso.com', 'victor.nguyen@contoso.com'].map((u) =>
      idOf(emu(), u),
    );
    const answers = [];
    for (const id of ids) {
      answers.push(
        await api.scim('PATCH', `/Groups/${gid}`, patchOps([{ op: 'add', path: 'members', value: [{ value: id }] }])),
      );
    }
    assert.deepEqual(
      answers.map((a) => a.status),
      [204, 204, 429],
    );
    const refused = answers[2];
    const retryAfter = Number(refused?.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.equal(refused?.body.error_code, 'REQUEST_LIMIT_EXCEEDED');
    assert.equal(
      emu()
        .state.directory.groups.get(gid)
        ?.members.has(ids[2] as string),
      false,
    );
  });

  it('GET by id takes 20 per window; lists count against their own limit', async () => {
    const api = accountApi(emu());
    const gid = idOf(emu(), 'data-science');
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await api.scim('GET', `/Groups/${gid}`)).status);
    assert.deepEqual(statuses.slice(0, 20), Array(20).fill(200));
    assert.equal(statuses[20], 429);
    assert.equal((await api.scim('GET', '/Groups')).status, 200, 'a list is not a GET by id');
  });

  it('POST, PUT and DELETE share 5 per window', async () => {
    const api = accountApi(emu());
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await api.scim<Json>('POST', '/Groups', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: `burst-${i}`,
      });
      statuses.push(r.status);
    }
    assert.deepEqual(statuses, [201, 201, 201, 201, 201, 429]);
    assert.equal(emu().state.findGroup('burst-5'), undefined);
  });

  it('the realistic profile turns on the account limits, the page cap, member-less lists, strict removes and AIM', () => {
    assert.equal(realisticKnobs.accountPageCap, 100);
    assert.equal(realisticKnobs.accountListMembers, false);
    assert.equal(realisticKnobs.strictMemberRemove, true);
    assert.equal(realisticKnobs.accountRateLimits, ACCOUNT_RATE_LIMITS);
    assert.equal(realisticKnobs.aim, true);
    assert.equal(realisticKnobs.identityV2, false);
  });
});

describe('emulator account: silent no-op membership writes by probability', () => {
  const emu = useAccountEmulator({ knobs: { silentNoOpMembershipWrites: 0.5, seed: 7 } });

  it('drops some membership writes (2xx each time) and applies the others', async () => {
    const api = accountApi(emu());
    const gid = idOf(emu(), 'lakehouse-readers');
    const users = emu()
      .state.users.filter((u) => u.active && !emu().state.directory.groups.get(gid)?.members.has(u.id))
      .slice(0, 12);
    for (const u of users) {
      const r = await api.scim(
        'PATCH',
        `/Groups/${gid}`,
        patchOps([{ op: 'add', path: 'members', value: [{ value: u.id }] }]),
      );
      assert.equal(r.status, 204);
    }
    const group = emu().state.directory.groups.get(gid);
    const applied = users.filter((u) => group?.members.has(u.id)).length;
    assert.ok(applied > 0 && applied < users.length, `applied ${applied} of ${users.length}`);
  });
});
