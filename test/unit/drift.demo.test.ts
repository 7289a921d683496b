// The drift of the whole demo org, over real HTTP against both emulators (Databricks `demo` and
// the Graph emulator's `demo` org), equals a list written out by hand from the drift cases
// documented in test/emulator/data/entra.ts — never computed by the code under test.
import assert from 'node:assert/strict';
import { HttpClient } from '../../src/core/http/client';
import { GraphClient } from '../../src/core/graph/client';
import { ScimClient } from '../../src/core/scim/client';
import { driftJson, type DriftJson } from '../../src/core/drift/report';
import {
  compareTargets,
  findDriftTargets,
  type DriftClients,
  type WorkspaceDriftOptions,
} from '../../src/core/drift/workspaceDrift';
import { startEmulator, startGraphEmulator, type Emulator, type GraphEmulator } from '../emulator';

/** A group of the --json document without `complete` / `notCompared`, which driftOf checks itself. */
type Group = Omit<DriftJson['groups'][number], 'complete' | 'notCompared'>;

/**
 * entra.ts cases, transitive, userKey = userPrincipalName. Databricks groups without an Entra
 * counterpart (admins, users, contractors: case 12) are not compared. Data-platform (case 11):
 * Databricks holds data-eng and analysts, which mirror the nested Entra groups, so nesting
 * covers their members: no finding.
 */
const EXPECTED_DEMO_DRIFT: Group[] = [
  {
    databricksGroup: 'all-employees',
    entraGroup: 'all-employees',
    findings: [
      {
        kind: 'caseMismatch',
        principalType: 'user',
        key: 'grace.liu@contoso.com',
        displayName: 'Grace Liu',
        connectorWillFix: false,
      }, // case 2
    ],
  },
  { databricksGroup: 'analysts', entraGroup: 'analysts', findings: [] }, // case 13 (+ case 1: finance-analysts matched by externalId)
  {
    databricksGroup: 'bi-developers',
    entraGroup: 'bi-developers',
    findings: [
      {
        kind: 'missing',
        principalType: 'servicePrincipal',
        key: 'e1dcf94a-3343-5010-a64a-a5d9e0fcc312',
        displayName: 'airflow-scheduler',
        connectorWillFix: false,
      }, // case 10
    ],
  },
  {
    databricksGroup: 'data-eng',
    entraGroup: 'data-eng',
    findings: [
      {
        kind: 'caseMismatch',
        principalType: 'user',
        key: 'grace.liu@contoso.com',
        displayName: 'Grace Liu',
        connectorWillFix: false,
      }, // case 2; case 3: SPs not extra
    ],
  },
  { databricksGroup: 'data-platform', entraGroup: 'data-platform', findings: [] }, // case 11
  {
    databricksGroup: 'finance-analysts',
    entraGroup: 'Finance Analysts',
    findings: [
      {
        kind: 'renamed',
        principalType: 'group',
        key: 'finance-analysts',
        displayName: 'Finance Analysts',
        connectorWillFix: false,
      }, // case 1
    ],
  },
  { databricksGroup: 'ml-engineers', entraGroup: 'ml-engineers', findings: [] }, // case 13
  {
    databricksGroup: 'platform-ops',
    entraGroup: 'platform-ops',
    findings: [
      // platform-ops has no externalId: the connector did not create it, so it fixes nothing here (entra.ts).
      {
        kind: 'notProvisioned',
        principalType: 'user',
        key: 'priya.nair@contoso.com',
        displayName: 'Priya Nair',
        connectorWillFix: false,
      }, // case 8
      {
        kind: 'notProvisioned',
        principalType: 'servicePrincipal',
        key: '2b8f6e3a-91d4-4c7e-a5b0-6d3f8e1c2a94',
        displayName: 'terraform-runner',
        connectorWillFix: false,
      }, // case 9
      {
        kind: 'extra',
        principalType: 'user',
        key: 'george.evans@contoso.com',
        displayName: 'George Evans',
        connectorWillFix: false,
      }, // case 7
    ],
  },
  {
    databricksGroup: 'security-reviewers',
    entraGroup: 'security-reviewers',
    findings: [
      {
        kind: 'missing',
        principalType: 'user',
        key: 'nora.jensen@contoso.com',
        displayName: 'Nora Jensen',
        connectorWillFix: true,
      }, // case 4
      {
        kind: 'notProvisioned',
        principalType: 'group',
        key: 'soc-analysts',
        displayName: 'soc-analysts',
        connectorWillFix: false,
      }, // case 5
      {
        kind: 'nestedOnly',
        principalType: 'user',
        key: 'chloe.dubois@contoso.com',
        displayName: 'Chloe Dubois',
        via: ['soc-analysts'],
        connectorWillFix: false,
      }, // case 5
      {
        kind: 'nestedOnly',
        principalType: 'user',
        key: 'liam.oconnor@contoso.com',
        displayName: "Liam O'Connor",
        via: ['soc-analysts'],
        connectorWillFix: false,
      }, // case 5
    ],
  },
];

/** Order-free comparison: the oracle fixes the content, not the code's sort policy. */
function canonical(groups: readonly Group[]): string[] {
  return groups.map((g) => JSON.stringify({ ...g, findings: g.findings.map((f) => JSON.stringify(f)).sort() })).sort();
}

describe('drift of the demo org (both emulators, real HTTP)', () => {
  let databricks: Emulator;
  let graph: GraphEmulator;
  let clients: DriftClients;
  const transports: HttpClient[] = [];

  before(async () => {
    [databricks, graph] = await Promise.all([startEmulator({ dataset: 'demo' }), startGraphEmulator({ org: 'demo' })]);
    const scimHttp = new HttpClient({ auth: { origin: databricks.url, getToken: async () => databricks.adminToken } });
    const graphHttp = new HttpClient({ auth: { origin: graph.url, getToken: async () => graph.token } });
    transports.push(scimHttp, graphHttp);
    clients = {
      scim: new ScimClient({ host: databricks.url, http: scimHttp }),
      graph: new GraphClient({ endpoint: graph.url, http: graphHttp }),
    };
  });
  after(async () => {
    await Promise.all(transports.map((t) => t.close()));
    await Promise.all([databricks.close(), graph.close()]);
  });

  /** The drift document; every demo group reads completely (the default emulator token may read every member). */
  async function driftOf(names?: string[], opts: WorkspaceDriftOptions = {}): Promise<{ groups: Group[] }> {
    const found = await findDriftTargets(clients, names, opts);
    const doc = driftJson(await compareTargets(clients, found.targets, opts));
    return {
      groups: doc.groups.map(({ complete, notCompared, ...g }) => {
        assert.deepEqual([complete, notCompared], [true, []], `${g.databricksGroup ?? g.entraGroup} is complete`);
        return g;
      }),
    };
  }

  it('equals the hand-written list of every documented case', async () => {
    const actual = await driftOf();
    assert.deepEqual(canonical(actual.groups), canonical(EXPECTED_DEMO_DRIFT));
  });

  it('reads the Databricks side without writing anything', async () => {
    databricks.clearLog();
    await driftOf();
    assert.deepEqual(
      databricks.log.filter((e) => e.method !== 'GET'),
      [],
    );
    // Graph's POSTs here only read: $batch of GETs and getByIds.
    assert.deepEqual(
      graph.log.filter((e) => e.method !== 'GET' && !/\/(\$batch|directoryObjects\/getByIds)$/.test(e.path)),
      [],
    );
  });

  it('names an Entra group without a Databricks group: groupMissing, not an error (case 6)', async () => {
    const actual = await driftOf(['soc-analysts']);
    assert.deepEqual(actual.groups, [
      {
        databricksGroup: null,
        entraGroup: 'soc-analysts',
        findings: [
          {
            kind: 'groupMissing',
            principalType: 'group',
            key: 'soc-analysts',
            displayName: 'soc-analysts',
            connectorWillFix: false,
          },
        ],
      },
    ]);
  });

  it('finds a renamed group by its Entra name through the externalId link (case 1)', async () => {
    const actual = await driftOf(['Finance Analysts']);
    assert.deepEqual(actual.groups, [
      {
        databricksGroup: 'finance-analysts',
        entraGroup: 'Finance Analysts',
        findings: [
          {
            kind: 'renamed',
            principalType: 'group',
            key: 'finance-analysts',
            displayName: 'Finance Analysts',
            connectorWillFix: false,
          },
        ],
      },
    ]);
  });

  it('with userKey mail, Grace matches by her lower-case mail: no caseMismatch (case 2)', async () => {
    const actual = await driftOf(['data-eng'], { userKey: 'mail' });
    assert.deepEqual(actual.groups, [{ databricksGroup: 'data-eng', entraGroup: 'data-eng', findings: [] }]);
  });

  it('without transitive, the members of a nested Entra group are not compared (case 5)', async () => {
    const actual = await driftOf(['security-reviewers'], { transitive: false });
    assert.deepEqual(
      canonical(actual.groups),
      canonical([
        {
          databricksGroup: 'security-reviewers',
          entraGroup: 'security-reviewers',
          findings: [
            {
              kind: 'missing',
              principalType: 'user',
              key: 'nora.jensen@contoso.com',
              displayName: 'Nora Jensen',
              connectorWillFix: true,
            },
            {
              kind: 'notProvisioned',
              principalType: 'group',
              key: 'soc-analysts',
              displayName: 'soc-analysts',
              connectorWillFix: false,
            },
          ],
        },
      ]),
    );
  });

  it('a mapping pairs groups whose names differ', async () => {
    // contractors has no Entra group (case 12); mapped to soc-analysts, both members are extra there
    // … and chloe.dubois, liam.oconnor are missing from it.
    const actual = await driftOf(['contractors'], { mappings: { contractors: 'soc-analysts' } });
    assert.equal(actual.groups.length, 1);
    const g = actual.groups[0];
    assert.equal(g?.databricksGroup, 'contractors');
    assert.equal(g?.entraGroup, 'soc-analysts');
    assert.deepEqual(g?.findings.map((f) => `${f.kind}:${f.key}`).sort(), [
      'extra:andre.silva@contoso.com',
      'extra:ivan.horvat@contoso.com',
      'extra:mateo.garcia@contoso.com',
      'extra:quinn.murphy@contoso.com',
      'missing:chloe.dubois@contoso.com',
      'missing:liam.oconnor@contoso.com',
    ]);
  });
});
