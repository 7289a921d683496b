import assert from 'node:assert/strict';
import { SCIM, groupIdOf, spIdOf, useEmulator, userIdOf, type ScimErrorBody, type ScimRef } from './emulator.helpers';

function byDisplay(refs: ScimRef[] | undefined): Record<string, string | undefined> {
  return Object.fromEntries((refs ?? []).map((g) => [g.display ?? '', g.type]));
}

describe('emulator: nested groups, system groups and account groups', () => {
  const { emu, api } = useEmulator({ dataset: 'demo' });

  it('computes direct and indirect groups through two levels of nesting', async () => {
    const kavya = await api().get(`${SCIM}/Users/${userIdOf(emu(), 'kavya.reddy@contoso.com')}`);
    assert.deepEqual(byDisplay(kavya.body.groups), {
      users: 'direct',
      'ml-engineers': 'direct',
      'all-employees': 'direct',
      'data-eng': 'indirect',
      'data-platform': 'indirect',
    });
    const sp = await api().get(`${SCIM}/ServicePrincipals/${spIdOf(emu(), 'powerbi-refresh')}`);
    assert.deepEqual(byDisplay(sp.body.groups), {
      'finance-analysts': 'direct',
      'bi-developers': 'direct',
      analysts: 'indirect',
      'data-platform': 'indirect',
    });
  });

  it('a principal both direct and indirect in a group is listed once, as direct', async () => {
    const aisha = userIdOf(emu(), 'aisha.khan@contoso.com');
    emu().state.addMember(groupIdOf(emu(), 'data-eng'), aisha);
    const r = await api().get(`${SCIM}/Users/${aisha}`);
    const platform = (r.body.groups ?? []).filter((g) => g.display === 'data-platform');
    assert.equal(platform.length, 1);
    assert.equal(platform[0]?.type, 'direct');
  });

  it('nesting changes show up at once in groups of members', async () => {
    const contractors = groupIdOf(emu(), 'contractors');
    const r = await api().patch(`${SCIM}/Groups/${groupIdOf(emu(), 'security-reviewers')}`, [
      { op: 'add', path: 'members', value: [{ value: contractors }] },
    ]);
    assert.equal(r.status, 204);
    const andre = await api().get(`${SCIM}/Users/${userIdOf(emu(), 'andre.silva@contoso.com')}`);
    assert.equal(byDisplay(andre.body.groups)['security-reviewers'], 'indirect');
  });

  it('rejects a nesting cycle with 400', async () => {
    const platform = groupIdOf(emu(), 'data-platform');
    const r = await api().patch<ScimErrorBody>(`${SCIM}/Groups/${groupIdOf(emu(), 'ml-engineers')}`, [
      { op: 'add', path: 'members', value: [{ value: platform }] },
    ]);
    assert.equal(r.status, 400);
    assert.match(r.body.detail, /cycle/);
    const self = await api().patch<ScimErrorBody>(`${SCIM}/Groups/${platform}`, [
      { op: 'add', path: 'members', value: [{ value: platform }] },
    ]);
    assert.equal(self.status, 400);
    assert.ok(!emu().state.findGroup('ml-engineers')?.members.has(platform));
  });

  it('rejects nesting deeper than 10 levels', async () => {
    let child = emu().state.createGroup({ displayName: 'level-1' });
    for (let level = 2; level <= 10; level++) {
      child = emu().state.createGroup({ displayName: `level-${level}`, members: [child.id] });
    }
    const top = await api().post(`${SCIM}/Groups`, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'level-11',
      members: [{ value: child.id }],
    });
    assert.equal(top.status, 400);
    const holder = emu().state.createGroup({ displayName: 'holder' });
    const r = await api().patch(`${SCIM}/Groups/${holder.id}`, [
      { op: 'add', path: 'members', value: [{ value: child.id }] },
    ]);
    assert.equal(r.status, 400);
  });

  it('protects the system groups users and admins from delete and rename', async () => {
    for (const name of ['users', 'admins']) {
      const id = groupIdOf(emu(), name);
      const del = await api().delete<ScimErrorBody>(`${SCIM}/Groups/${id}`);
      assert.equal(del.status, 400);
      assert.match(del.body.detail, new RegExp(`system group ${name}`));
      const rename = await api().patch<ScimErrorBody>(`${SCIM}/Groups/${id}`, [
        { op: 'replace', path: 'displayName', value: 'x' },
      ]);
      assert.equal(rename.status, 400);
      const put = await api().put<ScimErrorBody>(`${SCIM}/Groups/${id}`, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: `${name}-renamed`,
      });
      assert.equal(put.status, 400);
      assert.ok(emu().state.findGroup(name));
    }
    // Membership of a system group can still be changed.
    const add = await api().patch(`${SCIM}/Groups/${groupIdOf(emu(), 'admins')}`, [
      { op: 'add', path: 'members', value: [{ value: userIdOf(emu(), 'ben.carter@contoso.com') }] },
    ]);
    assert.equal(add.status, 204);
  });

  it('shows account groups but refuses PUT, PATCH and DELETE on them', async () => {
    const id = groupIdOf(emu(), 'all-employees');
    const before = emu().state.findGroup('all-employees');
    const attempts = [
      await api().patch<ScimErrorBody>(`${SCIM}/Groups/${id}`, [
        { op: 'add', path: 'members', value: [{ value: userIdOf(emu(), 'quinn.murphy@contoso.com') }] },
      ]),
      await api().put<ScimErrorBody>(`${SCIM}/Groups/${id}`, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'all-employees',
      }),
      await api().delete<ScimErrorBody>(`${SCIM}/Groups/${id}`),
    ];
    for (const r of attempts) {
      assert.equal(r.status, 400);
      assert.equal(r.body.status, '400');
      assert.match(
        r.body.detail,
        /all-employees is an account group and cannot be modified through the workspace SCIM API/,
      );
    }
    assert.equal(emu().state.findGroup('all-employees'), before);
  });

  it('refuses to put a user into an account group through POST or PUT of the user', async () => {
    const acct = groupIdOf(emu(), 'all-employees');
    const r = await api().post<ScimErrorBody>(`${SCIM}/Users`, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'new.hire@contoso.com',
      groups: [{ value: acct }],
    });
    assert.equal(r.status, 400);
    assert.equal(emu().state.findUser('new.hire@contoso.com'), undefined);
  });

  it('state helpers build groups with nesting for test setup', () => {
    const child = emu().state.createGroup({
      displayName: 'child',
      members: [userIdOf(emu(), 'nora.jensen@contoso.com')],
    });
    const parent = emu().state.createGroup({ displayName: 'parent', members: [child.id], externalId: 'ext-1' });
    assert.ok(emu().state.groups.get(parent.id)?.members.has(child.id));
    emu().state.removeMember(parent.id, child.id);
    assert.equal(emu().state.groups.get(parent.id)?.members.size, 0);
    assert.throws(() => emu().state.createGroup({ displayName: 'child' }), /Group with name child already exists\./);
  });
});
