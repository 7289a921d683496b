// The Graph emulator itself (over fetch, not our client) and its data: the Entra demo org is the
// Databricks demo org plus the documented drift cases, and the scale org's 20,000 nested members
// are exactly the members of the Databricks 20k group.

import { strict as assert } from 'node:assert';
import { ENTRA_SCALE } from '../emulator/data/entra';
import { startEmulator, type Emulator } from '../emulator';
import { startGraphEmulator, type GraphEmulator } from '../emulator/graph';
import { rawGet } from './graph.helpers';

type Obj = Record<string, unknown>;
const values = (body: Obj): Obj[] => body['value'] as Obj[];
const errorCode = (body: Obj): string => (body['error'] as { code: string }).code;

describe('graph emulator', function () {
  this.timeout(20000);
  let emu: GraphEmulator;
  let dbx: Emulator;
  before(async () => {
    emu = await startGraphEmulator({ org: 'demo' });
    dbx = await startEmulator({ dataset: 'demo' });
  });
  after(async () => {
    await emu.close();
    await dbx.close();
  });
  beforeEach(() => {
    emu.setKnobs({ hideServicePrincipalsInMembers: true, deniedPermissions: [] });
  });

  it('the demo org is the Databricks demo org plus the documented drift', () => {
    const s = emu.state;
    const db = dbx.state;
    // Every Entra user but one exists in Databricks (case-insensitively); priya.nair is Entra-only.
    const notInDatabricks = [...s.users.values()]
      .filter((u) => !db.findUser(u.userPrincipalName.toLowerCase()))
      .map((u) => u.userPrincipalName);
    assert.deepEqual(notInDatabricks, ['priya.nair@contoso.com']);
    assert.equal(s.findUser('grace.liu@contoso.com')?.userPrincipalName, 'Grace.Liu@contoso.com');
    // Connector-provisioned Databricks groups carry the Entra object id; one was renamed in Entra.
    for (const g of db.groups.filter((x) => x.externalId !== undefined))
      assert.ok(s.groups.has(g.externalId as string), g.displayName);
    assert.equal(s.groups.get(db.findGroup('finance-analysts')?.externalId ?? '')?.displayName, 'Finance Analysts');
    assert.equal(db.findGroup('soc-analysts'), undefined, 'an Entra group without a Databricks group');
    const names = (groupName: string): string[] =>
      s
        .directMembers(s.findGroup(groupName)?.id ?? '')
        .map((m) => (m.kind === 'user' ? m.userPrincipalName : m.displayName));
    assert.ok(
      !names('platform-ops').includes('george.evans@contoso.com'),
      'george was added by hand in Databricks only',
    );
    assert.ok(
      names('platform-ops').includes('priya.nair@contoso.com') && names('platform-ops').includes('terraform-runner'),
    );
    assert.ok(
      names('security-reviewers').includes('nora.jensen@contoso.com') &&
        names('security-reviewers').includes('soc-analysts'),
    );
    assert.ok(names('bi-developers').includes('airflow-scheduler'));
    assert.deepEqual(names('ml-engineers').sort(), [
      'kavya.reddy@contoso.com',
      'kenji.sato@contoso.com',
      'nikhil.sharma@contoso.com',
      'wen.zhang@contoso.com',
    ]);
  });

  it('casts filter members by type; v1.0 /members hides service principals, /beta does not', async () => {
    const id = emu.state.findGroup('data-eng')?.id ?? '';
    const types = async (path: string): Promise<string[]> =>
      [...new Set(values((await rawGet(emu, path)).body).map((v) => String(v['@odata.type'])))].sort();
    assert.deepEqual(await types(`/v1.0/groups/${id}/members`), ['#microsoft.graph.group', '#microsoft.graph.user']);
    assert.deepEqual(await types(`/beta/groups/${id}/members`), [
      '#microsoft.graph.group',
      '#microsoft.graph.servicePrincipal',
      '#microsoft.graph.user',
    ]);
    assert.deepEqual(await types(`/v1.0/groups/${id}/members/microsoft.graph.servicePrincipal`), [
      '#microsoft.graph.servicePrincipal',
    ]);
    assert.deepEqual(await types(`/v1.0/groups/${id}/members/microsoft.graph.user`), ['#microsoft.graph.user']);
    assert.deepEqual(await types(`/v1.0/groups/${id}/transitiveMembers/microsoft.graph.group`), [
      '#microsoft.graph.group',
    ]);
    const bad = await rawGet(emu, `/v1.0/groups/${id}/transitiveMembers/microsoft.graph.device`);
    assert.deepEqual([bad.status, errorCode(bad.body)], [400, 'Request_UnsupportedQuery']);
    const strict = await rawGet(
      emu,
      `/v1.0/groups/${id}/members/microsoft.graph.servicePrincipal?$select=id,userPrincipalName`,
    );
    assert.equal(strict.status, 400, 'a cast only knows its own properties');
  });

  it('pages with $top (default 100, at most 999) and an absolute nextLink; $count needs ConsistencyLevel', async () => {
    const members = Array.from(
      { length: 150 },
      (_, i) => emu.state.addUser({ userPrincipalName: `p${i}@contoso.com` }).id,
    );
    const g = emu.state.addGroup({ displayName: 'paging', members });
    const first = await rawGet(emu, `/v1.0/groups/${g.id}/members`);
    assert.equal(values(first.body).length, 100);
    const next = String(first.body['@odata.nextLink']);
    assert.ok(next.startsWith(`${emu.url}/v1.0/groups/${g.id}/members?`) && next.includes('$skiptoken='));
    const second = await rawGet(emu, next.slice(emu.url.length));
    assert.equal(values(second.body).length, 50);
    assert.equal(second.body['@odata.nextLink'], undefined);
    assert.equal((await rawGet(emu, `/v1.0/groups/${g.id}/members?$top=1000`)).status, 400);
    assert.equal((await rawGet(emu, `/v1.0/groups/${g.id}/members?$count=true`)).status, 400);
    const counted = await rawGet(emu, `/v1.0/groups/${g.id}/members?$count=true&$top=5`, {
      ConsistencyLevel: 'eventual',
    });
    assert.equal(counted.body['@odata.count'], 150);
    assert.equal((await rawGet(emu, `/v1.0/groups/${g.id}/members?$skiptoken=forged`)).status, 400);
  });

  it('filters groups by eq and startswith; answers 404, 401 and 403 in Graph error shape', async () => {
    const starts = await rawGet(emu, `/v1.0/groups?$filter=${encodeURIComponent("startswith(displayName,'data')")}`);
    assert.deepEqual(
      values(starts.body)
        .map((g) => g['displayName'])
        .sort(),
      ['data-eng', 'data-platform'],
    );
    const unsupported = await rawGet(emu, `/v1.0/groups?$filter=${encodeURIComponent("description eq 'x'")}`);
    assert.deepEqual([unsupported.status, errorCode(unsupported.body)], [400, 'Request_UnsupportedQuery']);
    const missing = await rawGet(emu, '/v1.0/groups/00000000-0000-4000-8000-000000000000');
    assert.deepEqual([missing.status, errorCode(missing.body)], [404, 'Request_ResourceNotFound']);
    const res = await fetch(`${emu.url}/v1.0/groups`, { headers: { authorization: 'Bearer wrong' } });
    assert.deepEqual([res.status, errorCode((await res.json()) as Obj)], [401, 'InvalidAuthenticationToken']);
    emu.setKnobs({ deniedPermissions: ['GroupMember.Read.All'] });
    const denied = await rawGet(emu, '/v1.0/groups');
    assert.deepEqual([denied.status, errorCode(denied.body)], [403, 'Authorization_RequestDenied']);
    emu.setKnobs({ deniedPermissions: ['Application.Read.All'] });
    const limited = values(
      (await rawGet(emu, `/beta/groups/${emu.state.findGroup('data-eng')?.id ?? ''}/members`)).body,
    );
    const sp = limited.find((v) => v['@odata.type'] === '#microsoft.graph.servicePrincipal');
    assert.deepEqual(
      [typeof sp?.['id'], sp?.['appId'], sp?.['displayName']],
      ['string', null, null],
      'limited information',
    );
  });

  it('logs every request with its ConsistencyLevel and answers 429 with Retry-After from the knob', async () => {
    emu.clearLog();
    emu.setKnobs({ rate429: 1, retryAfter: '3' });
    const throttled = await rawGet(emu, '/v1.0/groups', { ConsistencyLevel: 'eventual' });
    emu.setKnobs({ rate429: 0 });
    assert.deepEqual([throttled.status, errorCode(throttled.body)], [429, 'TooManyRequests']);
    assert.deepEqual(
      [emu.log[0]?.status, emu.log[0]?.retryAfter, emu.log[0]?.fault, emu.log[0]?.consistencyLevel],
      [429, '3', 'rate429', 'eventual'],
    );
  });
});

describe('graph emulator scale org', function () {
  this.timeout(60000);
  it('nests the 20,000 members of the Databricks all-engineering group in 20 groups of 1,000', async () => {
    const dbx = await startEmulator({ dataset: 'scale' });
    const emu = await startGraphEmulator({ org: 'scale', databricksScale: dbx.state });
    try {
      const parent = emu.state.groups.get(ENTRA_SCALE.groupId);
      assert.equal(parent?.displayName, dbx.state.findGroup('all-engineering')?.displayName);
      assert.equal(parent?.members.length, 20);
      assert.ok(
        emu.state
          .directMembers(ENTRA_SCALE.groupId)
          .every((m) => m.kind === 'group' && emu.state.directMembers(m.id).length === 1000),
      );
      const entra = emu.state
        .transitiveMembers(ENTRA_SCALE.groupId)
        .flatMap((m) => (m.kind === 'user' ? [m.userPrincipalName] : []));
      const databricks = [...(dbx.state.findGroup('all-engineering')?.members ?? [])].map((id) => {
        const p = dbx.state.getPrincipal(id);
        return p?.kind === 'user' ? p.userName : '';
      });
      assert.equal(entra.length, 20_000);
      assert.deepEqual(new Set(entra), new Set(databricks));
    } finally {
      await emu.close();
      await dbx.close();
    }
  });
});
