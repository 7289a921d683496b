// The words of drift for an account group (identity federation): the account-level connector
// provisions it by the same rules, and with Automatic Identity Management a nested Entra group that
// Databricks does not hold yet is "not yet used" — an added --json field, the kind unchanged.

import { strict as assert } from 'node:assert';
import { computeDrift } from '../../src/core/drift/computeDrift';
import { FINDING_LABELS, findingLabel } from '../../src/core/drift/labels';
import { driftJson } from '../../src/core/drift/report';
import type { DriftOptions } from '../../src/core/drift/types';
import { ENTRA_GROUP, dbxGroup, directory, eGroup, eUser } from './drift.fixtures';

const SOC = eGroup('e0000000-0000-0000-0000-0000000000aa', 'soc-analysts');
const NEW_USER = eUser('u1', 'new.hire@contoso.com');

function drift(source: 'account' | 'workspace', options: DriftOptions) {
  return computeDrift({
    databricksGroup: dbxGroup([], { source }),
    directory: directory(),
    entraGroup: ENTRA_GROUP,
    entraMembers: [SOC, NEW_USER],
    options,
  });
}

describe('drift words for account groups', () => {
  it('account group: the connector rules are the same (a direct user is provisioned, a group is not)', () => {
    const findings = drift('account', {}).findings;
    assert.deepEqual(
      findings.map((f) => [f.kind, f.key, f.connectorWillFix, f.notYetUsed]),
      [
        ['notProvisioned', 'new.hire@contoso.com', true, undefined],
        ['notProvisioned', 'soc-analysts', false, undefined],
      ],
    );
  });

  it('with Automatic Identity Management a missing Entra group under an account group is "not yet used"', () => {
    const d = drift('account', { automaticIdentityManagement: true });
    const soc = d.findings.find((f) => f.key === 'soc-analysts');
    assert.ok(soc);
    assert.equal(soc.kind, 'notProvisioned', 'the --json kind is unchanged');
    assert.equal(soc.notYetUsed, true);
    assert.equal(d.findings.find((f) => f.key === 'new.hire@contoso.com')?.notYetUsed, undefined);
    assert.match(findingLabel(soc).one, /not yet used/);
    assert.match(findingLabel(soc).meaning, /Automatic Identity Management/);
    const json = driftJson([d]).groups[0]?.findings.find((f) => f.key === 'soc-analysts');
    assert.deepEqual(json && Object.keys(json), [
      'kind',
      'principalType',
      'key',
      'displayName',
      'connectorWillFix',
      'notYetUsed',
    ]);
  });

  it('a workspace-local group, or no Automatic Identity Management: the usual words, no added field', () => {
    for (const d of [drift('workspace', { automaticIdentityManagement: true }), drift('account', {})]) {
      const soc = d.findings.find((f) => f.key === 'soc-analysts');
      assert.ok(soc && soc.notYetUsed === undefined);
      assert.equal(findingLabel(soc), FINDING_LABELS.notProvisioned);
      assert.ok(!('notYetUsed' in (driftJson([d]).groups[0]?.findings[0] ?? {})));
    }
  });
});
