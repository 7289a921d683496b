// Drift of all groups by listings and batches (driftAllGroups) must say exactly what the per-group
// plan says (findDriftTargets + compareTargets), on the demo org and on a generated org full of
// edge cases, over real HTTP against both emulators — and with far fewer requests. Under the
// realistic profiles (Graph casts as advanced queries, the empty v1.0 servicePrincipal cast,
// Databricks limits and refused id filters) it still says the same as the per-group plan without them.
import assert from 'node:assert/strict';
import { HttpClient } from '../../src/core/http/client';
import { GraphClient } from '../../src/core/graph/client';
import { ScimClient } from '../../src/core/scim/client';
import { driftAllGroups, type WorkspaceDrift } from '../../src/core/drift/allGroupsDrift';
import {
  compareTargets,
  findDriftTargets,
  type DriftClients,
  type WorkspaceDriftOptions,
} from '../../src/core/drift/workspaceDrift';
import { createPrng } from '../emulator/prng';
import {
  DEFAULT_GRAPH_SCOPES,
  startEmulator,
  startGraphEmulator,
  type Emulator,
  type GraphEmulator,
} from '../emulator';

interface Pair {
  dbx: Emulator;
  graph: GraphEmulator;
  clients: DriftClients;
  logLines: string[];
  close(): Promise<void>;
}

async function pair(
  dataset: 'demo' | 'empty',
  realistic = false,
  build?: (dbx: Emulator, graph: GraphEmulator) => void,
  scopes?: readonly string[],
): Promise<Pair> {
  const dbx = await startEmulator({
    dataset,
    ...(realistic ? { profile: 'realistic' as const, knobs: { latencyMs: 0 } } : {}),
  });
  const graph = await startGraphEmulator({
    org: dataset === 'demo' ? 'demo' : 'empty',
    ...(scopes ? { scopes } : {}),
    ...(realistic ? { profile: 'realistic' as const, knobs: { latencyMs: 0 } } : {}),
  });
  build?.(dbx, graph);
  const scimHttp = new HttpClient({
    auth: { origin: dbx.url, getToken: async () => dbx.adminToken },
    noProxyFromEnv: true,
  });
  const graphHttp = new HttpClient({
    auth: { origin: graph.url, getToken: async () => graph.token },
    noProxyFromEnv: true,
  });
  const logLines: string[] = [];
  return {
    dbx,
    graph,
    logLines,
    clients: {
      scim: new ScimClient({ host: dbx.url, http: scimHttp }),
      graph: new GraphClient({ endpoint: graph.url, http: graphHttp, log: (l) => logLines.push(l) }),
    },
    async close() {
      await Promise.all([scimHttp.close(), graphHttp.close()]);
      await Promise.all([dbx.close(), graph.close()]);
    },
  };
}

async function perGroup(clients: DriftClients, opts: WorkspaceDriftOptions = {}): Promise<WorkspaceDrift> {
  const found = await findDriftTargets(clients, undefined, opts);
  return {
    targets: found.targets,
    drifts: await compareTargets(clients, found.targets, opts),
    unresolved: found.unresolved,
  };
}

/** A generated org: 400 users, 7 service principals, 150 groups with every matching and finding case, seeded. */
function generate(dbx: Emulator, graph: GraphEmulator): void {
  const random = createPrng(2026);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const users = Array.from({ length: 400 }, (_, i) => `gen.user${i}@contoso.com`);
  const dbxUser = new Map(
    users.filter((_, i) => i % 41 !== 0).map((u) => [u, dbx.state.createUser({ userName: u }).id]),
  );
  // Every 13th UPN differs in case only: caseMismatch where compared.
  const entraUser = new Map(
    users.map((u, i) => [
      u,
      graph.state.addUser({ userPrincipalName: i % 13 === 0 ? u.toUpperCase() : u, mail: u }).id,
    ]),
  );
  const apps = Array.from({ length: 7 }, (_, i) => `0000000${i}-aaaa-4bbb-8ccc-00000000000${i}`);
  const dbxSp = new Map(
    apps
      .slice(0, 5)
      .map((a, i) => [a, dbx.state.createServicePrincipal({ displayName: `gen-sp-${i}`, applicationId: a }).id]),
  );
  const entraSp = new Map(
    apps.map((a, i) => [a, graph.state.addServicePrincipal({ displayName: `gen-sp-${i}`, appId: a }).id]),
  );
  const dbxGroups: string[] = [];
  const entraGroups: string[] = [];
  for (let i = 0; i < 150; i++) {
    const name = `gen-group-${String(i).padStart(3, '0')}`;
    const members = [...new Set(Array.from({ length: Math.floor(random() * 12) }, () => pick(users)))];
    const sps = i % 9 === 0 ? [pick(apps)] : [];
    const nested = i > 10 && i % 4 === 0 ? [Math.floor(random() * i)] : [];
    const entraMembers = [...members];
    if (i % 5 === 0) entraMembers.push(pick(users)); // missing, or notProvisioned for a user Databricks lacks
    if (i % 7 === 0) entraMembers.shift(); // extra
    const absent = i % 23 === 0;
    const entraName = i % 29 === 0 ? name.toUpperCase() : name;
    let entraId: string | undefined;
    if (!absent) {
      entraId = graph.state.addGroup({
        displayName: entraName,
        members: [
          ...entraMembers.map((u) => entraUser.get(u) as string),
          ...sps.map((a) => entraSp.get(a) as string),
          ...nested.flatMap((n) => (entraGroups[n] ? [entraGroups[n] as string] : [])),
        ],
      }).id;
    }
    // A second Entra group of that name: ambiguous unless linked.
    if (i % 31 === 0) graph.state.addGroup({ displayName: name });
    entraGroups.push(entraId ?? '');
    const externalId =
      i % 3 === 0
        ? (entraId ?? '5ca1ab1e-0000-4000-8000-000000000001')
        : i % 37 === 0
          ? 'not-an-object-id'
          : i % 43 === 0
            ? '5ca1ab1e-0000-4000-8000-000000000002'
            : undefined;
    const dbxMembers = [
      ...members.flatMap((u) => (dbxUser.has(u) ? [dbxUser.get(u) as string] : [])),
      ...sps.flatMap((a) => (dbxSp.has(a) && i % 2 === 0 ? [dbxSp.get(a) as string] : [])),
      ...nested.flatMap((n) => (dbxGroups[n] ? [dbxGroups[n] as string] : [])),
    ];
    dbxGroups.push(
      dbx.state.createGroup({ displayName: name, members: dbxMembers, ...(externalId ? { externalId } : {}) }).id,
    );
  }
}

describe('drift of all groups: listings and batches say what the per-group plan says', function () {
  this.timeout(60_000);

  for (const [label, dataset, build] of [
    ['the demo org', 'demo', undefined],
    ['a generated org of 150 groups', 'empty', generate],
  ] as const) {
    it(`${label}: identical targets, drifts and unresolved groups, in fewer requests`, async () => {
      const p = await pair(dataset, false, build);
      try {
        for (const opts of [
          {},
          { userKey: 'mail' as const },
          { transitive: false },
          { mappings: { 'gen-group-004': 'gen-group-005', 'no-such-group': 'gen-group-006' } },
        ] as WorkspaceDriftOptions[]) {
          p.dbx.clearLog();
          p.graph.clearLog();
          const expected = await perGroup(p.clients, opts);
          const naive = { dbx: p.dbx.log.length, graph: p.graph.log.filter((e) => !e.inBatch).length };
          p.dbx.clearLog();
          p.graph.clearLog();
          const actual = await driftAllGroups(p.clients, opts);
          const bulk = { dbx: p.dbx.log.length, graph: p.graph.log.filter((e) => !e.inBatch).length };
          assert.deepEqual(actual, expected, JSON.stringify(opts));
          const kinds = new Set(expected.drifts.flatMap((d) => d.findings.map((f) => f.kind)));
          assert.ok(kinds.has('missing') && kinds.has('extra'), `the org has drift to find: ${[...kinds].join(', ')}`);
          if (dataset === 'empty' && Object.keys(opts).length === 0) {
            // The generated org holds every lookup case: deleted link, non-id externalId (not compared),
            // ambiguous name, case-only name.
            assert.ok(
              ['groupMissing', 'nestedOnly', 'notProvisioned', 'caseMismatch', 'renamed'].every((k) =>
                kinds.has(k as never),
              ),
              [...kinds].join(', '),
            );
            assert.ok(
              expected.unresolved.length === 0 && expected.drifts.length < 150,
              'groups without a single Entra match are left out, not unresolved',
            );
            assert.ok(
              expected.targets.some((t) => t.entraGroupDeleted) &&
                expected.targets.some(
                  (t) => t.matchedBy === 'displayName' && t.entra.displayName !== t.databricks?.displayName,
                ),
            );
          }
          assert.ok(
            bulk.dbx < naive.dbx && bulk.graph < naive.graph,
            `fewer requests: ${JSON.stringify({ bulk, naive })}`,
          );
        }
      } finally {
        await p.close();
      }
    });
  }

  it('with Directory.Read.All, linked groups come through getByIds, 1,000 a call; the same drift', async () => {
    const p = await pair('empty', false, generate, [...DEFAULT_GRAPH_SCOPES, 'Directory.Read.All']);
    try {
      const expected = await perGroup(p.clients);
      p.graph.clearLog();
      assert.deepEqual(await driftAllGroups(p.clients), expected);
      assert.equal(p.graph.log.filter((e) => e.path.endsWith('/directoryObjects/getByIds')).length, 1);
      assert.ok(!p.graph.log.some((e) => e.inBatch && /^\/v1\.0\/groups\/[^/]+$/.test(e.path)), 'no group read by id');
      assert.deepEqual(p.logLines, []);
    } finally {
      await p.close();
    }
  });

  it('one named group costs no more Graph requests than the walk of a request or two per group did', async () => {
    const p = await pair('demo');
    try {
      // Before: the lookup, then /members and the servicePrincipal cast of every group in the tree
      // (platform-ops 3, security-reviewers 5, data-eng 5).
      for (const [name, most] of [
        ['platform-ops', 3],
        ['security-reviewers', 3],
        ['data-eng', 4],
      ] as const) {
        p.graph.clearLog();
        const found = await findDriftTargets(p.clients, [name]);
        await compareTargets(p.clients, found.targets);
        const http = p.graph.log.filter((e) => !e.inBatch);
        assert.ok(http.length <= most, `${name}: ${http.map((e) => `${e.method} ${e.path}`).join(', ')}`);
      }
    } finally {
      await p.close();
    }
  });

  it('under both realistic profiles, the same drift as the per-group plan without limits; /beta named in the log', async () => {
    const lenient = await pair('empty', false, generate);
    const real = await pair('empty', true, generate);
    try {
      const expected = await perGroup(lenient.clients);
      const actual = await driftAllGroups(real.clients);
      assert.deepEqual(actual, expected);
      assert.deepEqual(
        real.dbx.log.filter((e) => e.status >= 400),
        [],
        'no refused request: no id filter, never more than the concurrency limit',
      );
      assert.equal(real.clients.graph.servicePrincipalRoute, 'beta');
      assert.ok(real.logLines.some((l) => l.includes('/beta/groups/{id}/members/microsoft.graph.servicePrincipal')));
    } finally {
      await Promise.all([lenient.close(), real.close()]);
    }
  });
});
