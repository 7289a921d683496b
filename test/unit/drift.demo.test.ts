// The drift of the whole demo org, over real HTTP against both emulators (Databricks `demo` and
// the Graph emulator's `demo` org), equals the list written out by hand in support/demoDrift.ts.
import assert from 'node:assert/strict';
import { HttpClient } from '../../src/core/http/client';
import { GraphClient } from '../../src/core/graph/client';
import { ScimClient } from '../../src/core/scim/client';
import { driftJson } from '../../src/core/drift/report';
import {
  compareTargets,
  findDriftTargets,
  type DriftClients,
  type WorkspaceDriftOptions,
} from '../../src/core/drift/workspaceDrift';
import { startEmulator, startGraphEmulator, type Emulator, type GraphEmulator } from '../emulator';
import {
  EXPECTED_DEMO_DRIFT,
  SOC_ANALYSTS_GROUP_MISSING,
  expectedDemoGroup,
  type DemoDriftGroup,
} from './support/demoDrift';

/** Order-free comparison: the oracle fixes the content, not the code's sort policy. */
function canonical(groups: readonly DemoDriftGroup[]): string[] {
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
  async function driftOf(names?: string[], opts: WorkspaceDriftOptions = {}): Promise<{ groups: DemoDriftGroup[] }> {
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
    assert.deepEqual(actual.groups, [SOC_ANALYSTS_GROUP_MISSING]);
  });

  it('finds a renamed group by its Entra name through the externalId link (case 1)', async () => {
    const actual = await driftOf(['Finance Analysts']);
    assert.deepEqual(actual.groups, [expectedDemoGroup('finance-analysts')]);
  });

  it('with userKey mail, Grace matches by her lower-case mail: no caseMismatch (case 2)', async () => {
    const actual = await driftOf(['data-eng'], { userKey: 'mail' });
    assert.deepEqual(actual.groups, [{ databricksGroup: 'data-eng', entraGroup: 'data-eng', findings: [] }]);
  });

  it('without transitive, the members of a nested Entra group are not compared (case 5)', async () => {
    const actual = await driftOf(['security-reviewers'], { transitive: false });
    // The transitive findings but the nestedOnly ones: nora.jensen missing, soc-analysts not provisioned.
    const transitive = expectedDemoGroup('security-reviewers');
    const direct = { ...transitive, findings: transitive.findings.filter((f) => f.kind !== 'nestedOnly') };
    assert.deepEqual(canonical(actual.groups), canonical([direct]));
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
