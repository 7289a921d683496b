// The drift of the whole demo org (Databricks `demo`, the Graph emulator's `demo` org), written out
// by hand from the drift cases documented in test/emulator/data/entra.ts — never computed by the code
// under test. The oracle of the drift tests through the core (drift.demo) and the CLI (cli.drift).
import type { DriftJson } from '../../../src/core/drift/report';

/** A group of the --json document without `complete` / `notCompared`, which each test checks itself. */
export type DemoDriftGroup = Omit<DriftJson['groups'][number], 'complete' | 'notCompared'>;
type DemoFinding = DemoDriftGroup['findings'][number];

/** Case 2: Grace's Entra UPN (Grace.Liu@contoso.com) differs from her userName in case only. */
const GRACE_CASE_MISMATCH: DemoFinding = {
  kind: 'caseMismatch',
  principalType: 'user',
  key: 'grace.liu@contoso.com',
  displayName: 'Grace Liu',
  connectorWillFix: false,
};

/**
 * entra.ts cases, transitive, userKey = userPrincipalName. Databricks groups without an Entra
 * counterpart (admins, users, contractors: case 12) are not compared. Data-platform (case 11):
 * Databricks holds data-eng and analysts, which mirror the nested Entra groups, so nesting
 * covers their members: no finding.
 */
export const EXPECTED_DEMO_DRIFT: DemoDriftGroup[] = [
  {
    databricksGroup: 'all-employees',
    entraGroup: 'all-employees',
    findings: [
      GRACE_CASE_MISMATCH, // case 2
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
      GRACE_CASE_MISMATCH, // case 2; case 3: SPs not extra
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

/** Case 6: an Entra group named without a Databricks group is a finding, not an error. */
export const SOC_ANALYSTS_GROUP_MISSING: DemoDriftGroup = {
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
};

/** The expected drift of this Databricks group (throws when absent, so tests read plainly). */
export function expectedDemoGroup(databricksGroup: string): DemoDriftGroup {
  const g = EXPECTED_DEMO_DRIFT.find((e) => e.databricksGroup === databricksGroup);
  if (!g) throw new Error(`no expected drift for ${databricksGroup}`);
  return g;
}

/** One expected finding of this Databricks group, by its key (throws when absent). */
export function expectedDemoFinding(databricksGroup: string, key: string): DemoFinding {
  const f = expectedDemoGroup(databricksGroup).findings.find((e) => e.key === key);
  if (!f) throw new Error(`no expected finding ${key} in ${databricksGroup}`);
  return f;
}
