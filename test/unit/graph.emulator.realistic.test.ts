// Graph emulator realism: casts on /transitiveMembers as advanced queries, the v1.0
// servicePrincipal cast that lists nothing (while /beta does), $batch (≤ 20 requests) and
// directoryObjects/getByIds (≤ 1,000 ids), object ids that are not GUIDs, and the realistic profile.
import assert from 'node:assert/strict';
import {
  MAX_BATCH_REQUESTS,
  MAX_GET_BY_IDS,
  graphProfiles,
  startGraphEmulator,
  type GraphEmulator,
} from '../emulator/graph';

type Obj = Record<string, unknown>;

describe('graph emulator: realism knobs, $batch and getByIds', () => {
  let emu: GraphEmulator;
  before(async () => {
    emu = await startGraphEmulator({ org: 'demo' });
  });
  after(() => emu.close());
  afterEach(() => emu.setKnobs({ castsNeedAdvancedQuery: false, emptyV1ServicePrincipalCast: false, rate429: 0 }));

  async function call(
    method: 'GET' | 'POST',
    path: string,
    opts: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: Obj }> {
    const headers: Record<string, string> = { authorization: `Bearer ${emu.token}`, ...opts.headers };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${emu.url}${path}`, {
      method,
      headers,
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Obj };
  }
  const id = (name: string) => emu.state.findGroup(name)?.id ?? '';
  const code = (body: Obj) => (body['error'] as Obj | undefined)?.['code'];
  const values = (body: Obj) => body['value'] as Obj[];

  it('castsNeedAdvancedQuery: a cast on /transitiveMembers needs ConsistencyLevel: eventual and $count=true', async () => {
    emu.setKnobs({ castsNeedAdvancedQuery: true });
    const path = `/v1.0/groups/${id('data-platform')}/transitiveMembers/microsoft.graph.servicePrincipal`;
    const bare = await call('GET', path);
    assert.deepEqual([bare.status, code(bare.body)], [400, 'Request_UnsupportedQuery']);
    const noCount = await call('GET', path, { headers: { ConsistencyLevel: 'eventual' } });
    assert.deepEqual([noCount.status, code(noCount.body)], [400, 'Request_UnsupportedQuery']);
    const ok = await call('GET', `${path}?$count=true`, { headers: { ConsistencyLevel: 'eventual' } });
    assert.equal(ok.status, 200);
    assert.ok(
      values(ok.body).length > 0 && ok.body['@odata.count'] === values(ok.body).length,
      'the service principals of the nested groups, counted',
    );
    assert.equal(
      (await call('GET', `/v1.0/groups/${id('data-platform')}/members/microsoft.graph.group`)).status,
      200,
      'casts on /members stay plain',
    );
  });

  it('emptyV1ServicePrincipalCast: the v1.0 /members cast lists nothing; /beta lists the service principals', async () => {
    emu.setKnobs({ emptyV1ServicePrincipalCast: true });
    const v1 = await call('GET', `/v1.0/groups/${id('data-eng')}/members/microsoft.graph.servicePrincipal`);
    assert.deepEqual([v1.status, v1.body], [200, { value: [] }]);
    const beta = await call('GET', `/beta/groups/${id('data-eng')}/members/microsoft.graph.servicePrincipal`);
    assert.deepEqual(
      values(beta.body)
        .map((v) => v['displayName'])
        .sort(),
      ['airflow-scheduler', 'etl-pipeline'],
    );
  });

  it('$batch answers each request by id, in the Graph shape, and refuses more than 20', async () => {
    const requests = [
      { id: 'a', method: 'GET', url: `/groups/${id('data-eng')}/members?$select=id,displayName` },
      { id: 'b', method: 'GET', url: 'groups/00000000-0000-4000-8000-000000000000' },
      { id: 'c', method: 'GET', url: `/groups?$filter=displayName eq 'analysts'` },
    ];
    const { status, body } = await call('POST', '/v1.0/$batch', { body: { requests } });
    assert.equal(status, 200);
    const responses = body['responses'] as Obj[];
    assert.deepEqual(
      responses.map((r) => [r['id'], r['status']]),
      [
        ['a', 200],
        ['b', 404],
        ['c', 200],
      ],
    );
    assert.equal(code(responses[1]?.['body'] as Obj), 'Request_ResourceNotFound');
    assert.deepEqual(
      values(responses[2]?.['body'] as Obj).map((g) => g['displayName']),
      ['analysts'],
    );
    const items = emu.log.filter((e) => e.inBatch);
    assert.ok(items.length >= 3 && emu.log.some((e) => e.batchSize === 3), 'the batch and its requests are logged');
    const tooMany = Array.from({ length: MAX_BATCH_REQUESTS + 1 }, (_, i) => ({
      id: String(i),
      method: 'GET',
      url: '/groups',
    }));
    const refused = await call('POST', '/v1.0/$batch', { body: { requests: tooMany } });
    assert.deepEqual([refused.status, code(refused.body)], [400, 'BadRequest']);
  });

  it('$batch throttles single requests with the rate429 knob: 429 and Retry-After inside a 200', async () => {
    emu.setKnobs({ rate429: 1, retryAfter: '2' });
    const { status, body } = await call('POST', '/v1.0/$batch', {
      body: { requests: [{ id: '1', method: 'GET', url: '/groups' }] },
    });
    const item = (body['responses'] as Obj[])[0] as Obj;
    assert.deepEqual(
      [status, item['status'], (item['headers'] as Obj)['Retry-After']],
      [200, 429, '2'],
      'the batch itself is answered; its request is throttled',
    );
  });

  it('getByIds needs Directory.Read.All; returns the known objects of the asked types, leaves unknown ids out, and refuses more than 1,000', async () => {
    const ids = [id('data-eng'), '00000000-0000-4000-8000-000000000000', id('analysts').toUpperCase()];
    const denied = await call('POST', '/v1.0/directoryObjects/getByIds', { body: { ids, types: ['group'] } });
    assert.deepEqual(
      [denied.status, code(denied.body)],
      [403, 'Authorization_RequestDenied'],
      'the default token reads groups, not the directory',
    );
    const directory = { authorization: `Bearer ${emu.issueToken(['GroupMember.Read.All', 'Directory.Read.All'])}` };
    const { status, body } = await call('POST', '/v1.0/directoryObjects/getByIds', {
      body: { ids, types: ['group'] },
      headers: directory,
    });
    assert.equal(status, 200);
    assert.deepEqual(
      values(body)
        .map((g) => g['displayName'])
        .sort(),
      ['analysts', 'data-eng'],
    );
    const many = Array.from(
      { length: MAX_GET_BY_IDS + 1 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    assert.equal(
      (await call('POST', '/v1.0/directoryObjects/getByIds', { body: { ids: many }, headers: directory })).status,
      400,
    );
  });

  it('an id that is not a GUID is a 400 (not an object id at all), a GUID that names nothing a 404', async () => {
    const bad = await call('GET', '/v1.0/groups/not-a-guid');
    assert.deepEqual([bad.status, code(bad.body)], [400, 'Request_BadRequest']);
    assert.equal(
      (await call('GET', `/v1.0/groups/${id('data-eng').toUpperCase()}`)).status,
      200,
      'ids compare without case',
    );
  });

  it('the realistic profile turns on latency, the cast rule and the empty v1.0 cast', async () => {
    assert.deepEqual(graphProfiles.realistic, {
      latencyMs: 30,
      castsNeedAdvancedQuery: true,
      emptyV1ServicePrincipalCast: true,
    });
    const real = await startGraphEmulator({ org: 'demo', profile: 'realistic', knobs: { latencyMs: 0 } });
    try {
      const res = await fetch(
        `${real.url}/v1.0/groups/${real.state.findGroup('data-eng')?.id ?? ''}/transitiveMembers/microsoft.graph.servicePrincipal`,
        { headers: { authorization: `Bearer ${real.token}` } },
      );
      assert.equal(res.status, 400);
    } finally {
      await real.close();
    }
  });
});
