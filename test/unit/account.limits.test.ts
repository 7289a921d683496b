// The account API's published request limits, enforced by the emulator: a client that mixes reads,
// listings, PATCHes and other writes at full speed is paced by the shared host limits so that the
// service never has to refuse one of them.

import { strict as assert } from 'node:assert';
import { WorkspaceAssignments } from '../../src/core/account/assignments';
import { collectAll } from '../../src/core/scim/paging';
import { startAccountRig, type AccountRig } from './support/accountRig';
import { forSuite } from './support/lifecycle';

describe("account rate limits (the emulator's realistic profile)", function () {
  this.timeout(60000);
  let r: AccountRig;
  forSuite(
    () => startAccountRig({ profile: 'realistic' }),
    (started) => (r = started),
  );

  it('the emulator refuses a burst past the limit (so the next test can fail)', async () => {
    const token = r.emu.entraToken();
    const url = `${r.emu.account.url}/api/2.0/accounts/${r.emu.account.id}/scim/v2/Groups/1`;
    const statuses = await Promise.all(
      Array.from(
        { length: 25 },
        async () => (await fetch(url, { headers: { Authorization: `Bearer ${token}` } })).status,
      ),
    );
    assert.ok(statuses.includes(429), statuses.join(','));
    // Let the window pass before the paced run.
    await new Promise((resolve) => setTimeout(resolve, 1100));
  });

  it('reads, listings, PATCHes and PUT/DELETEs at once are never refused', async () => {
    for (let i = 0; i < 230; i++) r.emu.state.createUser({ userName: `paced${i}@contoso.com` });
    const users = r.emu.state.users.toArray();
    const groups = Array.from({ length: 5 }, (_, i) =>
      r.emu.state.createGroup({ displayName: `paced-${i}`, accountGroup: true }),
    );
    const client = r.client();
    const assignments = new WorkspaceAssignments(client.connection);
    r.emu.clearLog();
    const started = Date.now();
    await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => client.get('user', users[i % users.length]?.id ?? '')),
      collectAll(client.listAll('user')),
      ...Array.from({ length: 6 }, () => client.listPage('group', { count: 100 })),
      ...groups.map((g, i) => client.addMembers(g.id, [users[i]?.id ?? ''])),
      ...Array.from({ length: 8 }, (_, i) => assignments.assign(r.emu.workspaceId, users[i]?.id ?? '', ['USER'])),
    ]);
    const elapsed = Date.now() - started;
    const refused = r.emu.log.filter((e) => e.status === 429);
    assert.deepEqual(
      refused.map((e) => `${e.method} ${e.path}`),
      [],
    );
    const patches = r.emu.log.filter((e) => e.method === 'PATCH');
    assert.equal(patches.length, 5);
    // 5 PATCHes at under 2 a second cannot take less than ~2 s: the pacing is real, not luck.
    assert.ok(elapsed > 2000, `took ${elapsed} ms`);
  });
});
