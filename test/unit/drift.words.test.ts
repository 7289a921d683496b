// The words people read about drift: the tree's summaries and ghost tooltips, the report's rows and
// what-to-do lines, the reconcile plan. Checked on the pure pieces the extension renders from.
import { strict as assert } from 'node:assert';
import { computeDrift } from '../../src/core/drift/computeDrift';
import { FINDING_LABELS } from '../../src/core/drift/labels';
import { planReconcile } from '../../src/core/drift/plan';
import { describeFindings } from '../../src/core/drift/report';
import { FINDING_KINDS } from '../../src/core/drift/types';
import { driftReport, planReport } from '../../src/ui/drift/reportText';
import type { MissingMemberNode } from '../../src/ui/explorer/nodes';
import { descriptionOf, tooltipMarkdown } from '../../src/ui/explorer/presentation';
import { ENTRA_GROUP, dUser, dbxGroup, directory, eUser, via } from './drift.fixtures';

const HOST = 'https://adb-1.2.azuredatabricks.net';
const RAW_IDS = /nestedOnly|notProvisioned|caseMismatch|groupMissing/;
const NESTED = { id: 'e0000000-0000-0000-0000-0000000000aa', displayName: 'eu-contractors' };

describe('drift in words', () => {
  it('every finding kind has a label, a meaning and a next step; none is the kind id', () => {
    for (const kind of FINDING_KINDS) {
      const label = FINDING_LABELS[kind];
      for (const text of [label.one, label.many, label.meaning, label.nextStep]) {
        assert.ok(text.length > 0 && !RAW_IDS.test(text), `${kind}: "${text}"`);
      }
    }
  });

  const drift = computeDrift({
    databricksGroup: dbxGroup([dUser('1', 'jane@contoso.com'), dUser('2', 'bob@contoso.com')]),
    directory: directory({ users: [{ id: '7', userName: 'kim@contoso.com' }] }),
    entraGroup: ENTRA_GROUP,
    entraMembers: [
      eUser('u1', 'JANE@contoso.com', { displayName: 'Jane' }),
      eUser('u3', 'kim@contoso.com', { displayName: 'Kim', ...via(NESTED) }),
      eUser('u4', 'new@contoso.com', { displayName: 'New' }),
    ],
  });

  it('the summary counts findings in words: "1 not in the workspace · 1 nested in Entra only · 1 not in Entra …"', () => {
    const summary = describeFindings(drift.findings);
    assert.match(summary, /1 not in the workspace/);
    assert.match(summary, /1 nested in Entra only/);
    assert.match(summary, /1 not in Entra/);
    assert.match(summary, /1 name differs in case/);
    assert.doesNotMatch(summary, RAW_IDS);
  });

  it('the report shows both spellings of a case difference and says what to do about each kind', () => {
    const { text } = driftReport('Entra drift', HOST, [{ host: HOST, key: '900', drift, comparedAt: new Date(0) }]);
    assert.match(
      text,
      /\| name differs in case \| user \| `jane@contoso\.com` \| Jane — Entra: `JANE@contoso\.com` \|/,
    );
    assert.match(text, /\*\*What to do\*\*/);
    assert.match(text, /- Name differs in case: Make the Entra value lower case/);
    assert.match(text, /- Not in Entra: Remove it if Entra is right/);
    assert.doesNotMatch(text, /T\d\d:\d\d:\d\d\.\d{3}Z/, 'no raw ISO time');
  });

  it('the plan names members that become direct and the setting that keeps removals off', () => {
    const text = planReport('data-eng', planReconcile(drift));
    assert.match(
      text,
      /in Entra only through nested groups and becomes a direct member here: `kim@contoso\.com` via eu-contractors/,
    );
    // Escaped Markdown source: every dot is written `\.`.
    assert.match(text, /Turn on dbxScim\\\.reconcile\\\.allowRemovals/);
  });

  it("a ghost member's description and tooltip: what it means, whether the connector fixes it, what to do", () => {
    const ghost: MissingMemberNode = {
      kind: 'missingMember',
      key: 'x',
      host: HOST,
      parent: undefined,
      groupId: '900',
      principalKind: 'user',
      principalKey: 'new@contoso.com',
      display: 'New',
      finding: 'notProvisioned',
      connectorWillFix: false,
    };
    assert.equal(descriptionOf(ghost), 'not in the workspace');
    const tooltip = tooltipMarkdown(ghost) ?? '';
    assert.match(tooltip, /does not exist in the workspace at all/);
    assert.match(tooltip, /will never fix this/);
    assert.match(tooltip, /Next: Adding it to the group creates it in the workspace first/);
  });
});
