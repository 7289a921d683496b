// Where an incomplete comparison shows up in the editor, checked on the pure pieces the extension
// renders from: the tree's group mark (description and tooltip), the Markdown drift report and the
// reconcile plan. An incomplete group with no finding must still look "not in sync".
import { strict as assert } from 'node:assert';
import { computeDrift } from '../../src/core/drift/computeDrift';
import { planReconcile } from '../../src/core/drift/plan';
import type { GroupDrift } from '../../src/core/drift/types';
import { problemMessage } from '../../src/ui/drift/problemText';
import { driftReport, planReport } from '../../src/ui/drift/reportText';
import { groupMarkOf } from '../../src/ui/explorer/driftLens';
import type { GroupNode } from '../../src/ui/explorer/nodes';
import type { RowState } from '../../src/ui/explorer/rowState';
import { descriptionOf, tooltipMarkdown } from '../../src/ui/explorer/presentation';
import { ENTRA_GROUP, dUser, dbxGroup, dbxGroupNode, directory, eUser } from './drift.fixtures';

const HOST = 'https://adb-1.2.azuredatabricks.net';

/** jane is compared; u2 came back as an id-only user, so bob cannot be told apart from them. */
function incompleteDrift(): GroupDrift {
  return computeDrift({
    databricksGroup: dbxGroup([dUser('1', 'jane@contoso.com'), dUser('2', 'bob@contoso.com')]),
    directory: directory(),
    entraGroup: ENTRA_GROUP,
    entraMembers: [eUser('u1', 'jane@contoso.com'), { id: 'u2', type: 'user' }],
  });
}

/** A group row as the tree shows it after this comparison: the node and its row state. */
function groupRow(drift: GroupDrift): [GroupNode, RowState] {
  const mark = groupMarkOf(drift);
  return [dbxGroupNode(HOST), mark ? { drift: mark } : {}];
}

describe('incomplete drift in the tree, report and plan', () => {
  it('tree: the group description says "incomplete", the tooltip lists the members not compared', () => {
    const [node, state] = groupRow(incompleteDrift());
    assert.match(descriptionOf(node, state) ?? '', /1 not in Entra · incomplete: 1 not compared/);
    const tooltip = tooltipMarkdown(node, state) ?? '';
    assert.match(tooltip, /Not compared: `u2: Microsoft Graph returned only its object id.*User\.ReadBasic\.All/);
  });

  it('tree: incomplete without any finding still gets a mark; complete and in sync gets none', () => {
    const noFinding = computeDrift({
      databricksGroup: dbxGroup([]),
      directory: directory(),
      entraGroup: ENTRA_GROUP,
      entraMembers: [{ id: 'u2', type: 'user' }],
    });
    assert.deepEqual(noFinding.findings, []);
    assert.match(groupMarkOf(noFinding)?.summary ?? '', /^incomplete: 1 not compared$/);
    const inSync = computeDrift({
      databricksGroup: dbxGroup([dUser('1', 'jane@contoso.com')]),
      directory: directory(),
      entraGroup: ENTRA_GROUP,
      entraMembers: [eUser('u1', 'jane@contoso.com')],
    });
    assert.equal(groupMarkOf(inSync), undefined);
  });

  it('report: the group is listed as incomplete, with a "Not compared" section naming each member and why', () => {
    const { text } = driftReport('Entra drift', HOST, [
      { host: HOST, key: '900', drift: incompleteDrift(), comparedAt: new Date(0) },
    ]);
    assert.match(text, /incomplete: 1 not compared/);
    assert.match(text, /\*\*Incomplete\*\*: 1 Entra member could not be compared .* reconcile removes nobody/);
    // Server-derived text is escaped in the Markdown source (User\.ReadBasic\.All renders as User.ReadBasic.All).
    assert.match(
      text,
      /### Not compared\n\n- u2 \(`u2`\): Microsoft Graph returned only its object id.*User\\\.ReadBasic\\\.All/,
    );
  });

  it('Problems: an entry that says incomplete and names the members not compared, also without findings', () => {
    assert.match(
      problemMessage(incompleteDrift()) ?? '',
      /differs from Entra group "data-eng": 1 not in Entra — incomplete, not compared: u2 \(Microsoft Graph returned only its object id.*User\.ReadBasic\.All/,
    );
    const noFinding = computeDrift({
      databricksGroup: dbxGroup([]),
      directory: directory(),
      entraGroup: ENTRA_GROUP,
      entraMembers: [{ id: 'u2', type: 'user' }],
    });
    assert.match(problemMessage(noFinding) ?? '', /no difference among the members compared — incomplete/);
  });

  it('a Databricks group whose Entra group was deleted: report and Problems say so', () => {
    const drift = computeDrift({
      databricksGroup: dbxGroup([dUser('1', 'jane@contoso.com')]),
      directory: directory(),
      entraGroup: ENTRA_GROUP,
      entraMembers: [],
      entraGroupDeleted: true,
    });
    assert.deepEqual(
      drift.findings.map((f) => `${f.kind}:${f.key}`),
      ['groupMissing:data-eng'],
    );
    assert.match(
      problemMessage(drift) ?? '',
      /linked \(externalId e0000000-.*\) to an Entra group that no longer exists/,
    );
    const { text } = driftReport('Entra drift', HOST, [{ host: HOST, key: '900', drift, comparedAt: new Date(0) }]);
    assert.match(text, /\| Entra group no longer exists \| group \| `data-eng` \|/);
  });

  it('plan: no removal, the reason, and the members not compared', () => {
    const plan = planReconcile(incompleteDrift(), { allowRemovals: true });
    const text = planReport('data-eng', plan);
    assert.match(text, /0 to remove/);
    assert.doesNotMatch(text, /\*\*remove\*\*/);
    assert.match(text, /\*\*Incomplete\.\*\* No member is removed\\: 1 Entra member could not be compared/);
    assert.match(text, /### Not compared/);
  });
});
