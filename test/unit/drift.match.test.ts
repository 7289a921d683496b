// matchGroups: mapping beats externalId beats displayName; unresolved mappings; renamed.

import { strict as assert } from 'node:assert';
import { matchGroups, type DatabricksGroupRef } from '../../src/core/drift/matchGroups';
import type { EntraGroupRef } from '../../src/core/drift/types';

const E_ANALYSTS: EntraGroupRef = { id: 'aaaaaaaa-0000-0000-0000-000000000001', displayName: 'analysts' };
const E_BI: EntraGroupRef = { id: 'aaaaaaaa-0000-0000-0000-000000000002', displayName: 'BI Team' };
const E_SALES: EntraGroupRef = { id: 'aaaaaaaa-0000-0000-0000-000000000003', displayName: 'Sales Team' };
const E_SALES_NAME: EntraGroupRef = { id: 'aaaaaaaa-0000-0000-0000-000000000004', displayName: 'sales' };

const summary = (m: ReturnType<typeof matchGroups>) =>
  m.pairs.map((p) => `${p.databricks.displayName}→${p.entra.displayName}:${p.matchedBy}${p.renamed ? ':renamed' : ''}`);

describe('drift matchGroups', () => {
  it('mapping beats externalId, externalId beats displayName', () => {
    const dbx: DatabricksGroupRef[] = [
      // externalId says analysts, the mapping says BI Team: the mapping wins
      { id: '1', displayName: 'analytics', externalId: E_ANALYSTS.id },
      // no mapping: externalId links it to "Sales Team" although an Entra group is named "sales"
      { id: '2', displayName: 'sales', externalId: E_SALES.id },
      // no mapping, no externalId: name
      { id: '3', displayName: 'Analysts' },
    ];
    const m = matchGroups(dbx, [E_ANALYSTS, E_BI, E_SALES, E_SALES_NAME], { analytics: 'BI Team' });
    assert.deepEqual(summary(m), [
      'Analysts→analysts:displayName',
      'analytics→BI Team:mapping',
      'sales→Sales Team:externalId:renamed',
    ]);
    assert.deepEqual(m.entraOnly, [E_SALES_NAME]);
    assert.deepEqual(m.databricksOnly, []);
    assert.deepEqual(m.unresolvedMappings, []);
  });

  it('a mapping may name the Entra group by object id, in any case', () => {
    const m = matchGroups([{ id: '1', displayName: 'dbx-bi' }], [E_BI], { 'dbx-bi': E_BI.id.toUpperCase() });
    assert.deepEqual(summary(m), ['dbx-bi→BI Team:mapping']);
  });

  it('a mapping to a missing Entra group is reported and does not fall back to name or externalId', () => {
    const m = matchGroups([{ id: '1', displayName: 'analysts', externalId: E_ANALYSTS.id }], [E_ANALYSTS], {
      analysts: 'no-such-group',
    });
    assert.deepEqual(m.pairs, []);
    assert.deepEqual(m.unresolvedMappings, [
      { databricksGroup: 'analysts', entraGroup: 'no-such-group', reason: 'entraGroupNotFound' },
    ]);
    assert.deepEqual(m.entraOnly, [E_ANALYSTS]);
  });

  it('a mapping from a Databricks group that does not exist is reported', () => {
    const m = matchGroups([], [E_BI], { ghost: 'BI Team' });
    assert.deepEqual(m.unresolvedMappings, [
      { databricksGroup: 'ghost', entraGroup: 'BI Team', reason: 'databricksGroupNotFound' },
    ]);
    assert.deepEqual(m.entraOnly, [E_BI]);
  });

  it('several Databricks groups may map to one Entra group', () => {
    const m = matchGroups(
      [
        { id: '1', displayName: 'bi-prod' },
        { id: '2', displayName: 'bi-dev' },
      ],
      [E_BI],
      { 'bi-prod': 'BI Team', 'bi-dev': 'bi team' },
    );
    assert.deepEqual(summary(m), ['bi-dev→BI Team:mapping', 'bi-prod→BI Team:mapping']);
  });

  it('displayName: case-insensitive, exact case preferred, a remaining tie matches nothing', () => {
    const exact = matchGroups(
      [
        { id: '1', displayName: 'Analysts' },
        { id: '2', displayName: 'analysts' },
      ],
      [E_ANALYSTS],
    );
    assert.deepEqual(summary(exact), ['analysts→analysts:displayName']);
    const tie = matchGroups(
      [
        { id: '1', displayName: 'ANALYSTS' },
        { id: '2', displayName: 'Analysts' },
      ],
      [E_ANALYSTS],
    );
    assert.deepEqual(tie.pairs, []);
    assert.equal(tie.databricksOnly.length, 2);
  });

  it('renamed: only for an externalId link with different names; a name match is never renamed', () => {
    const m = matchGroups(
      [
        { id: '1', displayName: 'bi-old', externalId: E_BI.id },
        { id: '2', displayName: 'ANALYSTS' },
      ],
      [E_BI, E_ANALYSTS],
    );
    assert.deepEqual(summary(m), ['ANALYSTS→analysts:displayName', 'bi-old→BI Team:externalId:renamed']);
  });

  it('a Databricks group without an Entra counterpart is databricksOnly, not drift', () => {
    const m = matchGroups([{ id: '1', displayName: 'local-only' }], []);
    assert.deepEqual(m.databricksOnly, [{ id: '1', displayName: 'local-only' }]);
    assert.deepEqual(m.pairs, []);
  });
});
