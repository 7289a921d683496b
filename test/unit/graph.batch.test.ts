// Reading many groups in few requests, against the Graph emulator over real HTTP: $batch in
// chunks of 20 with throttled items sent again, getByIds in chunks of 1,000, member lists of many
// groups (batched first pages, nextLinks for big groups), and the route taken for service
// principals when the v1.0 cast lists none — said in the log.
import assert from 'node:assert/strict';
import { GraphClient } from '../../src/core/graph/client';
import { batchGet, getGroupsByIds, lookupGroupsByIds } from '../../src/core/graph/batch';
import { loadMemberLists } from '../../src/core/graph/memberLists';
import { loadEntraSide, type LoadEntraOptions } from '../../src/core/drift/entraSide';
import { DEFAULT_GRAPH_SCOPES } from '../emulator/graph';
import { addBigGroup, startGraphHarness, type GraphHarness } from './graph.helpers';

describe('graph: batched reads', () => {
  let h: GraphHarness;
  beforeEach(async () => {
    h = await startGraphHarness({ org: 'demo' });
  });
  afterEach(() => h.close());

  const posts = (suffix: string) =>
    h.emu.log.filter((e) => e.method === 'POST' && e.path.endsWith(suffix) && !e.inBatch);

  /** A client of its own, since what it learns (getByIds refused, the service-principal route) is kept per client. */
  const loggingClient = () => {
    const lines: string[] = [];
    return { lines, graph: new GraphClient({ endpoint: h.emu.url, http: h.http, log: (l) => lines.push(l) }) };
  };

  /** The names of the service principals loadEntraSide finds among the group's members, sorted. */
  const servicePrincipalsOf = async (graph: GraphClient, group: string, opts?: LoadEntraOptions) => {
    const side = await loadEntraSide(graph, { id: h.group(group).id, displayName: group }, opts);
    return side.members
      .filter((m) => m.type === 'servicePrincipal')
      .map((m) => m.displayName)
      .sort();
  };

  it('batchGet sends 45 requests as 3 batches and answers each in input order', async () => {
    const ids = [...h.emu.state.groups.keys()];
    const requests = Array.from({ length: 45 }, (_, i) => ({
      url: `/groups/${ids[i % ids.length] ?? ''}?$select=id,displayName`,
    }));
    const answers = await batchGet(h.graph, requests);
    assert.equal(posts('/$batch').length, 3);
    assert.deepEqual(
      answers.map((a) => (a.body as { id: string }).id),
      requests.map((_, i) => ids[i % ids.length]),
    );
  });

  it('batchGet sends throttled items again after their Retry-After, in a later batch', async () => {
    h.emu.setKnobs({ rate429: 0.3, retryAfter: '0', seed: 7 });
    const id = h.group('data-eng').id;
    const answers = await batchGet(
      h.graph,
      Array.from({ length: 40 }, () => ({ url: `/groups/${id}` })),
    );
    h.emu.setKnobs({ rate429: 0 });
    assert.ok(
      answers.every((a) => a.status === 200),
      'every item answered in the end',
    );
    assert.ok(
      h.emu.log.some((e) => e.inBatch && e.status === 429),
      'some items were throttled on the way',
    );
  });

  it('getGroupsByIds (with Directory.Read.All) resolves 2,500 ids in 3 calls and leaves unknown ids out', async () => {
    const d = await startGraphHarness({ org: 'demo', scopes: [...DEFAULT_GRAPH_SCOPES, 'Directory.Read.All'] });
    try {
      const known = [...d.emu.state.groups.keys()];
      const unknown = Array.from(
        { length: 2500 - known.length },
        (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      );
      const groups = await getGroupsByIds(d.graph, [...known, ...unknown]);
      assert.equal(d.emu.log.filter((e) => e.path.endsWith('/directoryObjects/getByIds')).length, 3);
      assert.deepEqual(groups.map((g) => g.id).sort(), [...known].sort());
    } finally {
      await d.close();
    }
  });

  it('lookupGroupsByIds without Directory.Read.All: one refused getByIds, said once in the log, then GET /groups/{id} 20 a batch', async () => {
    const { lines, graph } = loggingClient();
    const known = [...h.emu.state.groups.keys()];
    const ids = [...known, '00000000-0000-4000-8000-00000000dead', 'not-an-object-id'];
    for (let round = 0; round < 2; round++) {
      const found = await lookupGroupsByIds(graph, ids);
      assert.deepEqual(
        known.map((id) => (found.get(id) as { id: string }).id),
        known,
      );
      assert.deepEqual(
        [found.get('00000000-0000-4000-8000-00000000dead'), found.get('not-an-object-id')],
        ['missing', 'invalid'],
      );
    }
    assert.equal(posts('/directoryObjects/getByIds').length, 1, 'learnt once per client');
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? '', /getByIds needs Directory\.Read\.All/);
  });

  it("loadMemberLists reads 25 groups, one of 2,500 members, in 2 batches plus the big group's nextLinks", async () => {
    const big = addBigGroup(h.emu, 'big', 2500);
    const roots = [
      big.id,
      ...[...h.emu.state.groups.values()]
        .filter((g) => g.id !== big.id)
        .slice(0, 24)
        .map((g) => g.id),
    ];
    h.emu.clearLog();
    const lists = await loadMemberLists(h.graph, roots, { transitive: false });
    assert.equal(lists.get(big.id)?.length, 2500);
    for (const id of roots)
      assert.equal(
        lists.get(id)?.filter((m) => m.type !== 'servicePrincipal').length,
        h.emu.state.directMembers(id).filter((m) => m.kind !== 'servicePrincipal').length,
      );
    const pages = h.emu.log.filter((e) => !e.inBatch && e.method === 'GET');
    assert.equal(pages.length, 2, 'ceil(2500 / 999) − 1 nextLinks');
  });

  it('when the v1.0 cast lists no service principal but /transitiveMembers does, /beta is read and the log says so', async () => {
    h.emu.setKnobs({ emptyV1ServicePrincipalCast: true, castsNeedAdvancedQuery: true });
    const { lines, graph } = loggingClient();
    assert.deepEqual(await servicePrincipalsOf(graph, 'data-eng'), ['airflow-scheduler', 'etl-pipeline']);
    assert.equal(graph.servicePrincipalRoute, 'beta');
    assert.equal(lines.length, 1);
    assert.match(
      lines[0] ?? '',
      /v1\.0 \/members\/microsoft\.graph\.servicePrincipal cast listed none of the 2 service principal\(s\).*\/beta lists them.*\/beta\/groups\/\{id\}\/members\/microsoft\.graph\.servicePrincipal from now on/,
    );
    assert.ok(
      h.emu.log.some(
        (e) => e.inBatch && e.path.startsWith('/beta/groups/') && e.path.endsWith('/microsoft.graph.servicePrincipal'),
      ),
    );
    // Learnt once: the next read goes straight to /beta without a word more.
    await loadEntraSide(graph, { id: h.group('bi-developers').id, displayName: 'bi-developers' });
    assert.equal(lines.length, 1);
  });

  it('without nesting (transitive: false) the silent v1.0 cast is noticed the same way', async () => {
    h.emu.setKnobs({ emptyV1ServicePrincipalCast: true, castsNeedAdvancedQuery: true });
    const graph = new GraphClient({ endpoint: h.emu.url, http: h.http });
    assert.deepEqual(await servicePrincipalsOf(graph, 'bi-developers', { transitive: false }), [
      'airflow-scheduler',
      'powerbi-refresh',
    ]);
    assert.equal(graph.servicePrincipalRoute, 'beta');
  });

  it('once v1.0 /members lists service principals itself, an empty cast is no reason to leave v1.0', async () => {
    h.emu.setKnobs({ emptyV1ServicePrincipalCast: true, hideServicePrincipalsInMembers: false });
    const { lines, graph } = loggingClient();
    assert.deepEqual(await servicePrincipalsOf(graph, 'data-eng'), ['airflow-scheduler', 'etl-pipeline']);
    assert.deepEqual([graph.servicePrincipalRoute, lines], ['v1.0', []]);
  });

  it('a batch answer without "responses" is an error, never read as groups without members', async () => {
    h.emu.injectFaults({
      kind: 'status',
      status: 200,
      body: '{"value": []}',
      match: { method: 'POST', path: '/v1.0/$batch' },
    });
    await assert.rejects(
      loadMemberLists(h.graph, [h.group('data-eng').id, h.group('analysts').id]),
      (e: Error & { code?: string }) => e.code === 'InvalidResponse',
    );
  });

  it('a failed item fails the read with the message a plain request would give: 403 on the cast names Application.Read.All', async () => {
    h.emu.setKnobs({ deniedPermissions: ['Application.Read.All'] });
    await assert.rejects(
      loadMemberLists(h.graph, [h.group('data-eng').id, h.group('analysts').id]),
      (e: Error & { userMessage?: string; status?: number }) =>
        e.status === 403 && /Application\.Read\.All/.test(e.userMessage ?? ''),
    );
    h.emu.setKnobs({ deniedPermissions: [] });
    const missing = '00000000-0000-4000-8000-00000000dead';
    await assert.rejects(
      loadMemberLists(h.graph, [missing, h.group('analysts').id]),
      (e: Error & { status?: number; userMessage?: string }) =>
        e.status === 404 && e.userMessage?.includes(missing) === true,
    );
  });

  it('a group without service principals costs no cast at all: the transitive answer is empty', async () => {
    h.emu.clearLog();
    await loadEntraSide(h.graph, { id: h.group('security-reviewers').id, displayName: 'security-reviewers' });
    assert.deepEqual(
      h.emu.log.filter((e) => e.path.endsWith('/members/microsoft.graph.servicePrincipal')),
      [],
    );
    assert.equal(h.graph.servicePrincipalRoute, 'v1.0');
  });
});
