import assert from 'node:assert/strict';
import { call, idOf, useAccountEmulator, type Json } from './emulator.account.helpers';

describe('emulator account: group rule sets (group managers)', () => {
  const emu = useAccountEmulator();
  const rulePath = (): string => `/api/2.0/preview/accounts/${emu().account.id}/access-control/rule-sets`;
  const nameOf = (groupId: string): string => `accounts/${emu().account.id}/groups/${groupId}/ruleSets/default`;
  const get = (token: string, name: string) =>
    call(emu().account.url, token, 'GET', `${rulePath()}?name=${encodeURIComponent(name)}&etag=`);
  const put = (token: string, name: string, etag: string | undefined, principals: string[]) =>
    call(emu().account.url, token, 'PUT', rulePath(), {
      name,
      rule_set: {
        name,
        ...(etag !== undefined ? { etag } : {}),
        grant_rules: [{ role: 'roles/group.manager', principals }],
      },
    });

  it('reads the demo manager of data-science with an etag', async () => {
    const r = await get(emu().entraToken(), nameOf(idOf(emu(), 'data-science')));
    assert.equal(r.status, 200);
    assert.equal(typeof r.body.etag, 'string');
    assert.deepEqual(r.body.grant_rules, [
      { role: 'roles/group.manager', principals: ['users/ben.carter@contoso.com'] },
    ]);
  });

  it('PUT needs the current etag: stale → 409, missing → 400, current → 200 with a new etag', async () => {
    const admin = emu().entraToken();
    const name = nameOf(idOf(emu(), 'lakehouse-readers'));
    const first = await get(admin, name);
    const etag = String(first.body.etag);
    const ok = await put(admin, name, etag, ['users/uma.patel@contoso.com', 'groups/data-science']);
    assert.equal(ok.status, 200);
    assert.notEqual(ok.body.etag, etag);
    const stale = await put(admin, name, etag, ['users/uma.patel@contoso.com']);
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error_code, 'RESOURCE_CONFLICT');
    const missing = await put(admin, name, undefined, []);
    assert.equal(missing.status, 400);
    const back = await get(admin, name);
    assert.deepEqual((back.body.grant_rules as Json[])[0]?.principals, [
      'users/uma.patel@contoso.com',
      'groups/data-science',
    ]);
  });

  it('a group manager may change the rule set of that group; other non-admins get 403', async () => {
    const name = nameOf(idOf(emu(), 'data-science'));
    const ben = emu().entraToken('ben.carter@contoso.com');
    const etag = String((await get(ben, name)).body.etag);
    const byManager = await put(ben, name, etag, ['users/ben.carter@contoso.com', 'users/maria.rossi@contoso.com']);
    assert.equal(byManager.status, 200);
    const other = emu().entraToken('uma.patel@contoso.com');
    const refused = await put(other, name, String(byManager.body.etag), ['users/uma.patel@contoso.com']);
    assert.equal(refused.status, 403);
  });

  it('the workspace proxy reads and writes the same rule set', async () => {
    const name = nameOf(idOf(emu(), 'data-science'));
    const ben = emu().entraToken('ben.carter@contoso.com');
    const proxy = '/api/2.0/preview/accounts/access-control/rule-sets';
    const ws1 = (emu().workspaces[0] as { url: string }).url;
    const read = await call(ws1, ben, 'GET', `${proxy}?name=${encodeURIComponent(name)}&etag=`);
    assert.equal(read.status, 200);
    const written = await call(ws1, ben, 'PUT', proxy, {
      name,
      rule_set: {
        name,
        etag: read.body.etag,
        grant_rules: [{ role: 'roles/group.manager', principals: ['users/wen.zhang@contoso.com'] }],
      },
    });
    assert.equal(written.status, 200);
    const viaAccount = await get(emu().entraToken(), name);
    assert.equal(viaAccount.body.etag, written.body.etag);
    assert.deepEqual((viaAccount.body.grant_rules as Json[])[0]?.principals, ['users/wen.zhang@contoso.com']);
  });

  it('refuses unknown principals, other roles and workspace-local groups', async () => {
    const admin = emu().entraToken();
    const name = nameOf(idOf(emu(), 'data-science'));
    const etag = String((await get(admin, name)).body.etag);
    assert.equal((await put(admin, name, etag, ['users/nobody@contoso.com'])).status, 400);
    assert.equal((await get(admin, nameOf(idOf(emu(), 'data-eng')))).status, 404);
    const role = await call(emu().account.url, admin, 'PUT', rulePath(), {
      name,
      rule_set: { name, etag, grant_rules: [{ role: 'roles/account.admin', principals: [] }] },
    });
    assert.equal(role.status, 400);
  });
});
