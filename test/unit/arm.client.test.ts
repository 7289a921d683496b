// AzureResourceClient against the ARM emulator over real HTTP: paging by nextLink with the right
// api-versions, 403 and 401 mapped to ArmError with a next step, 429 retried after Retry-After,
// a nextLink to another host refused before the token could go there, the page guard, and how a
// scheme-less workspaceUrl becomes a host.
import assert from 'node:assert/strict';
import { AzureResourceClient } from '../../src/core/azure/client';
import { ArmError } from '../../src/core/azure/errors';
import { workspaceUrlFromArm } from '../../src/core/azure/parse';
import { HostError } from '../../src/core/workspaces/host';
import { startArmEmulator, SUB_ANALYTICS, SUB_DATA_PLATFORM, SUB_FINANCE, type ArmEmulator } from '../emulator/arm';
import { startArmHarness, type ArmHarness } from './arm.helpers';
import { rejection as rejectionOf } from './support/rejection';

const rejection = (p: Promise<unknown>) => rejectionOf(p, ArmError);

describe('AzureResourceClient', () => {
  let h: ArmHarness;
  afterEach(() => h.close());

  it('lists every subscription across pages with api-version 2022-12-01', async () => {
    h = await startArmHarness();
    const subs = await h.arm.listSubscriptions();
    assert.deepEqual(
      subs.map((s) => [s.subscriptionId, s.displayName, s.state]),
      [
        [SUB_DATA_PLATFORM, 'Contoso Data Platform', 'Enabled'],
        [SUB_ANALYTICS, 'Contoso Analytics Sandbox', 'Enabled'],
        [SUB_FINANCE, 'Contoso Finance (restricted)', 'Enabled'],
      ],
    );
    assert.equal(h.emu.log.length, 2);
    for (const e of h.emu.log) assert.equal(e.query['api-version'], '2022-12-01');
  });

  it('lists one subscription’s workspaces across three pages with api-version 2024-05-01', async () => {
    h = await startArmHarness();
    const ws = await h.arm.listDatabricksWorkspaces(SUB_DATA_PLATFORM);
    assert.equal(ws.length, 5);
    assert.equal(h.workspaceRequests(SUB_DATA_PLATFORM).length, 3);
    for (const e of h.emu.log) assert.equal(e.query['api-version'], '2024-05-01');
    assert.deepEqual(ws[0], {
      resourceId: `/subscriptions/${SUB_DATA_PLATFORM}/resourceGroups/rg-data-prod/providers/Microsoft.Databricks/workspaces/dbw-data-eng-prod`,
      name: 'dbw-data-eng-prod',
      location: 'westeurope',
      sku: 'premium',
      subscriptionId: SUB_DATA_PLATFORM,
      isUcEnabled: true,
      workspaceUrl: 'adb-4729381056472913.4.azuredatabricks.net',
      workspaceId: '4729381056472913',
      provisioningState: 'Succeeded',
    });
  });

  it('a forbidden subscription is an ArmError 403 that says which role helps', async () => {
    h = await startArmHarness();
    const e = await rejection(h.arm.listDatabricksWorkspaces(SUB_FINANCE));
    assert.equal(e.status, 403);
    assert.equal(e.code, 'AuthorizationFailed');
    assert.ok(e.isAuthProblem);
    assert.match(e.userMessage, /Reader role/);
  });

  it('retries a 429 after its Retry-After and returns the full list', async () => {
    h = await startArmHarness();
    h.emu.injectFaults({ kind: 'status', status: 429, retryAfter: '0', match: { path: '/subscriptions' }, times: 2 });
    const subs = await h.arm.listSubscriptions();
    assert.equal(subs.length, 3);
    assert.deepEqual(
      h.emu.log.map((e) => e.status),
      [429, 429, 200, 200],
    );
  });

  it('refuses a nextLink to another host: no request, no token there', async () => {
    const foreign: ArmEmulator = await startArmEmulator();
    try {
      h = await startArmHarness({ knobs: { nextLinkOrigin: foreign.url } });
      const e = await rejection(h.arm.listSubscriptions());
      assert.equal(e.code, 'ForeignNextLink');
      assert.match(e.userMessage, /was not followed and the token was not sent there/);
      assert.equal(foreign.log.length, 0);
      assert.equal(h.emu.log.length, 1);
    } finally {
      await foreign.close();
    }
  });

  it('stops a listing that goes on past maxPages', async () => {
    h = await startArmHarness({ maxPages: 2 });
    const e = await rejection(h.arm.listDatabricksWorkspaces(SUB_DATA_PLATFORM));
    assert.equal(e.code, 'InvalidResponse');
    assert.match(e.detail, /more than 2 pages/);
    assert.equal(h.emu.log.length, 2);
  });

  it('a rejected token is a 401 ArmError whose message does not carry the token', async () => {
    h = await startArmHarness();
    const wrong = h.emu.issueToken({ audience: 'https://graph.microsoft.com' });
    const arm = new AzureResourceClient({
      endpoint: h.emu.url,
      getToken: () => Promise.resolve(wrong),
      http: { noProxyFromEnv: true },
    });
    const e = await rejection(arm.listSubscriptions()).finally(() => arm.close());
    assert.equal(e.status, 401);
    assert.equal(e.code, 'InvalidAuthenticationTokenAudience');
    assert.match(e.userMessage, /Sign in to Azure again/);
    for (const text of [e.message, e.userMessage, e.detail]) assert.ok(!text.includes(wrong));
  });
});

describe('workspaceUrlFromArm', () => {
  it('adds https:// to a workspace host and normalises it', () => {
    assert.equal(workspaceUrlFromArm('ADB-123.4.AzureDatabricks.net'), 'https://adb-123.4.azuredatabricks.net');
    assert.equal(workspaceUrlFromArm('adb-123.4.azuredatabricks.net/'), 'https://adb-123.4.azuredatabricks.net');
  });

  it('a loopback host (a local emulator) gets http://, its port kept', () => {
    assert.equal(workspaceUrlFromArm('127.0.0.1:1234'), 'http://127.0.0.1:1234');
    assert.equal(workspaceUrlFromArm('localhost:8080'), 'http://localhost:8080');
    assert.equal(workspaceUrlFromArm('[::1]:9'), 'http://[::1]:9');
  });

  it('anything else gets https://, whatever its port; plain http off loopback and credentials are refused', () => {
    assert.equal(workspaceUrlFromArm('10.0.0.1:80'), 'https://10.0.0.1:80');
    assert.throws(() => workspaceUrlFromArm('http://10.0.0.1'), HostError);
    assert.throws(() => workspaceUrlFromArm('user:pw@adb-1.2.azuredatabricks.net'), HostError);
  });
});
