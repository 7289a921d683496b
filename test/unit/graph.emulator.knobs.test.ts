// Graph emulator knobs that reproduce partial answers: a token without User.ReadBasic.All gets
// id-only users, a group can answer `200 {"value": []}`, users can lack `mail`.
import assert from 'node:assert/strict';
import { DEFAULT_GRAPH_SCOPES, startGraphEmulator, type GraphEmulator } from '../emulator/graph';

type Obj = Record<string, unknown>;

describe('graph emulator: knobs for partial answers', () => {
  let emu: GraphEmulator;
  before(async () => {
    emu = await startGraphEmulator({ org: 'demo' });
  });
  after(() => emu.close());
  afterEach(() => emu.setKnobs({ emptyMemberGroups: [], usersWithoutMail: [], deniedPermissions: [] }));

  async function get(path: string, token = emu.token): Promise<{ status: number; body: Obj }> {
    const res = await fetch(`${emu.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as Obj };
  }
  const users = (body: Obj) => (body['value'] as Obj[]).filter((v) => v['@odata.type'] === '#microsoft.graph.user');
  const groupId = (name: string) => emu.state.findGroup(name)?.id ?? '';

  it('the default token carries scp with User.ReadBasic.All, and users come back whole', async () => {
    const payload = JSON.parse(Buffer.from(emu.token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      scp: string;
    };
    assert.deepEqual(payload.scp.split(' '), [...DEFAULT_GRAPH_SCOPES]);
    const { body } = await get(`/v1.0/groups/${groupId('platform-ops')}/members`);
    assert.ok(users(body).every((u) => typeof u['userPrincipalName'] === 'string'));
  });

  it('a token without User.ReadBasic.All gets users with @odata.type and id only', async () => {
    const limited = emu.issueToken(['GroupMember.Read.All']);
    const { status, body } = await get(`/v1.0/groups/${groupId('platform-ops')}/members`, limited);
    assert.equal(status, 200);
    assert.ok(users(body).length > 0);
    for (const u of users(body)) assert.deepEqual(Object.keys(u).sort(), ['@odata.type', 'id']);
    // The same through the knob, with the default token.
    emu.setKnobs({ deniedPermissions: ['User.ReadBasic.All'] });
    for (const u of users((await get(`/v1.0/groups/${groupId('platform-ops')}/transitiveMembers`)).body))
      assert.deepEqual(Object.keys(u).sort(), ['@odata.type', 'id']);
  });

  it('a token without GroupMember.Read.All is refused (403), an unknown token 401', async () => {
    assert.equal((await get('/v1.0/groups', emu.issueToken(['User.ReadBasic.All']))).status, 403);
    assert.equal((await get('/v1.0/groups', 'eyJ0eXAiOiJKV1QifQ.e30.unknown')).status, 401);
  });

  it('emptyMemberGroups: members and transitiveMembers answer exactly 200 {"value": []}', async () => {
    emu.setKnobs({ emptyMemberGroups: ['Platform-Ops'] });
    for (const relation of ['members', 'transitiveMembers', 'members/microsoft.graph.servicePrincipal']) {
      const r = await get(`/v1.0/groups/${groupId('platform-ops')}/${relation}`);
      assert.deepEqual([r.status, r.body], [200, { value: [] }], relation);
    }
    assert.ok(
      users((await get(`/v1.0/groups/${groupId('data-eng')}/members`)).body).length > 0,
      'other groups answer as before',
    );
  });

  it('usersWithoutMail: the listed users (or "*") have mail null', async () => {
    emu.setKnobs({ usersWithoutMail: ['SVEN.LINDQVIST@contoso.com'] });
    const list = users((await get(`/v1.0/groups/${groupId('platform-ops')}/members`)).body);
    const sven = list.find((u) => u['userPrincipalName'] === 'sven.lindqvist@contoso.com');
    assert.equal(sven?.['mail'], null);
    assert.ok(
      list.some((u) => typeof u['mail'] === 'string'),
      'others keep their mail',
    );
    emu.setKnobs({ usersWithoutMail: ['*'] });
    assert.ok(
      users((await get(`/v1.0/groups/${groupId('platform-ops')}/members`)).body).every((u) => u['mail'] === null),
    );
  });
});
