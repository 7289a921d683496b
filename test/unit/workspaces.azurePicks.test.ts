// Add Workspaces from Azure, the decisions without VS Code: how a discovered workspace reads in the
// QuickPick, which `pick` entries mean which workspace, what is added or skipped and which hosts need
// which yes, how unreadable subscriptions are reported, and where the Resource Manager token may go.
import { strict as assert } from 'node:assert';
import type { DiscoveredWorkspace } from '../../src/core/azure/types';
import type { WorkspaceConfig } from '../../src/ui/common/connection';
import {
  armEndpointOrigin,
  armSessionScopes,
  demoTokenFor,
  matchPicks,
  newHostsQuestion,
  planAdditions,
  problemsText,
  workspaceItemText,
} from '../../src/ui/workspaces/azurePicks';

function ws(name: string, workspaceUrl: string, extra: Partial<DiscoveredWorkspace> = {}): DiscoveredWorkspace {
  return {
    name,
    location: 'westeurope',
    sku: 'premium',
    subscriptionId: 'sub-1',
    subscriptionName: 'Contoso Data Platform',
    workspaceUrl,
    workspaceId: '1234567890123456',
    resourceId: `/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/${name}`,
    isUcEnabled: true,
    ...extra,
  };
}

const ADB = 'https://adb-1234567890123456.7.azuredatabricks.net';
const ADB2 = 'https://adb-2234567890123456.2.azuredatabricks.net';
const LOCAL = 'http://127.0.0.1:4100';

describe('Add Workspaces from Azure: items, picks and host decisions', () => {
  it('an item reads name / region · subscription · SKU / URL, and says when it is already added', () => {
    assert.deepEqual(workspaceItemText(ws('dbw-prod', ADB)), {
      label: 'dbw-prod',
      description: 'westeurope · Contoso Data Platform · Premium',
      detail: ADB,
    });
    const configured: WorkspaceConfig = { name: 'prod', host: ADB, auth: 'pat' };
    assert.equal(workspaceItemText(ws('dbw-prod', ADB), configured).detail, `${ADB} — already added as "prod"`);
    // Missing facts are said, not left as empty separators.
    assert.equal(
      workspaceItemText(ws('x', ADB, { location: '', sku: '', subscriptionName: '' })).description,
      'region unknown · sub-1 · SKU unknown',
    );
  });

  it('picks match an ARM name (any case) or a URL in any form; a miss or an ambiguous name is refused', () => {
    const a = ws('dbw-prod', ADB);
    const b = ws('dbw-dev', ADB2, { subscriptionName: 'Analytics' });
    const found = [a, b];
    assert.deepEqual(matchPicks(found, ['DBW-PROD']), [a]);
    assert.deepEqual(matchPicks(found, ['adb-2234567890123456.2.azuredatabricks.net']), [b]);
    assert.deepEqual(matchPicks(found, [`${ADB2}/?o=2`, 'dbw-prod', 'dbw-dev']), [b, a]);
    assert.throws(() => matchPicks(found, ['nope']), /"nope".*Found: dbw-prod, dbw-dev/);
    const twin = ws('dbw-prod', LOCAL, { subscriptionName: 'Sandbox' });
    assert.throws(() => matchPicks([a, twin], ['dbw-prod']), /names 2 workspaces.*by its URL/);
    assert.deepEqual(matchPicks([a, twin], [LOCAL]), [twin]);
    // A loopback host without scheme, as ARM writes it, is the http:// one.
    assert.deepEqual(matchPicks([a, twin], ['127.0.0.1:4100']), [twin]);
  });

  it('plans Entra workspaces for new hosts, skips configured ones, and marks hosts that need the Entra yes', () => {
    const configured: WorkspaceConfig[] = [
      { name: 'prod', host: ADB, auth: 'pat' },
      { name: 'dbw-dev', host: 'https://elsewhere.example.com', auth: 'pat' },
    ];
    const plan = planAdditions(
      [
        ws('dbw-prod', ADB),
        ws('dbw-dev', ADB2),
        ws('local', LOCAL),
        ws('odd', 'https://dbx.example.com'),
        ws('aws', 'https://dbc-1.cloud.databricks.com'),
      ],
      configured,
    );
    assert.deepEqual(plan.skipped, [{ name: 'dbw-prod', host: ADB, reason: 'already added as "prod"' }]);
    assert.deepEqual(
      plan.add.map((a) => [a.workspace, a.kind, a.needsEntraConfirm]),
      [
        // A name another workspace has gets its subscription appended.
        [{ name: 'dbw-dev (Contoso Data Platform)', host: ADB2, auth: 'entra' }, 'azureDatabricks', false],
        [{ name: 'local', host: LOCAL, auth: 'entra' }, 'loopback', false],
        [{ name: 'odd', host: 'https://dbx.example.com', auth: 'entra' }, 'unknown', true],
        [{ name: 'aws', host: 'https://dbc-1.cloud.databricks.com', auth: 'entra' }, 'otherDatabricks', true],
      ],
    );
  });

  it('asks one question naming every new host', () => {
    const plan = planAdditions([ws('a', ADB), ws('b', LOCAL), ws('c', 'https://dbx.example.com')], []);
    const q = newHostsQuestion(plan.add);
    assert.equal(q.message, 'Add 3 workspaces? Tokens will be sent to each of them.');
    assert.deepEqual(q.detail.split('\n'), [
      `• a: ${ADB}`,
      `• b: ${LOCAL} (this machine)`,
      '• c: https://dbx.example.com (not an Azure Databricks host)',
      'They sign in with Microsoft Entra ID; only add workspaces you trust.',
    ]);
    assert.match(newHostsQuestion(plan.add.slice(0, 1)).message, new RegExp(`^Add workspace a \\(${ADB}\\)\\?`));
  });

  it('reports unreadable subscriptions by name with the reason', () => {
    assert.equal(problemsText([]), undefined);
    const text = problemsText([
      { subscriptionId: 's3', subscriptionName: 'Contoso Finance', message: 'Denied. The Reader role … lets you.' },
    ]);
    assert.equal(
      text,
      'One subscription could not be read completely, so its workspaces may be missing. Contoso Finance: Denied. The Reader role … lets you.',
    );
    assert.match(
      problemsText([
        { subscriptionId: 's3', subscriptionName: '', message: 'x' },
        { subscriptionId: 's4', subscriptionName: 'B', message: 'y' },
      ]) ?? '',
      /^2 subscriptions .* s3: x B: y$/,
    );
  });

  it('the Resource Manager endpoint is https or loopback http; the scope and the demo token follow it', () => {
    assert.equal(armEndpointOrigin('https://management.azure.com/'), 'https://management.azure.com');
    assert.equal(armEndpointOrigin('management.usgovcloudapi.net'), 'https://management.usgovcloudapi.net');
    assert.equal(armEndpointOrigin('http://127.0.0.1:4300/x'), 'http://127.0.0.1:4300');
    assert.throws(() => armEndpointOrigin('http://arm.example.com'), /must start with https:\/\//);
    assert.deepEqual(armSessionScopes('https://management.azure.com'), ['https://management.azure.com/.default']);
    assert.deepEqual(armSessionScopes('https://management.azure.com', ' contoso.onmicrosoft.com '), [
      'https://management.azure.com/.default',
      'VSCODE_TENANT:contoso.onmicrosoft.com',
    ]);
    assert.equal(demoTokenFor('http://127.0.0.1:4300', ' t '), 't');
    assert.equal(demoTokenFor('https://management.azure.com', 't'), undefined);
    assert.equal(demoTokenFor('http://127.0.0.1:4300', undefined), undefined);
  });
});
