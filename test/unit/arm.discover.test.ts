// discoverWorkspaces against the ARM emulator over real HTTP: every readable subscription walked
// (pages included), a forbidden one reported as a problem while the rest are still listed, what a
// page read before a failure kept, throttling retried, the concurrency bound, discovered URLs that
// reach a running Databricks emulator, and no token in anything it returns.
import assert from 'node:assert/strict';
import { ScimClient } from '../../src/core/scim/client';
import { collectAll } from '../../src/core/scim/paging';
import { startEmulator, SUB_ANALYTICS, SUB_DATA_PLATFORM, SUB_FINANCE, startArmEmulator } from '../emulator';
import { startArmHarness, type ArmHarness } from './arm.helpers';
import { httpFor } from './support/builders';

describe('discoverWorkspaces', () => {
  let h: ArmHarness;
  afterEach(() => h.close());

  /** A harness whose Analytics workspace list answers 429 (no wait) `times` times. */
  async function throttlingAnalytics(times?: number): Promise<ArmHarness> {
    const harness = await startArmHarness();
    harness.emu.injectFaults({
      kind: 'status',
      status: 429,
      retryAfter: '0',
      match: { path: `/subscriptions/${SUB_ANALYTICS}/` },
      ...(times === undefined ? {} : { times }),
    });
    return harness;
  }

  it('lists the workspaces of every readable subscription, sorted, and reports the forbidden one', async () => {
    h = await startArmHarness();
    const { workspaces, problems } = await h.arm.discoverWorkspaces();
    assert.deepEqual(
      workspaces.map((w) => `${w.subscriptionName}/${w.name}`),
      [
        'Contoso Analytics Sandbox/dbw-analyst-playground',
        'Contoso Analytics Sandbox/dbw-sandbox',
        'Contoso Data Platform/dbw-bi-reporting',
        'Contoso Data Platform/dbw-data-eng-dev',
        'Contoso Data Platform/dbw-data-eng-prod',
        'Contoso Data Platform/dbw-legacy-etl',
        'Contoso Data Platform/dbw-ml-research',
      ],
    );
    assert.deepEqual(workspaces[1], {
      name: 'dbw-sandbox',
      location: 'uksouth',
      sku: 'trial',
      subscriptionId: SUB_ANALYTICS,
      subscriptionName: 'Contoso Analytics Sandbox',
      workspaceUrl: 'https://adb-6620394857102736.7.azuredatabricks.net',
      workspaceId: '6620394857102736',
      resourceId: `/subscriptions/${SUB_ANALYTICS}/resourceGroups/rg-sandbox/providers/Microsoft.Databricks/workspaces/dbw-sandbox`,
      isUcEnabled: true,
    });
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.subscriptionId, SUB_FINANCE);
    assert.equal(problems[0]?.subscriptionName, 'Contoso Finance (restricted)');
    assert.match(problems[0]?.message ?? '', /denied .*AuthorizationFailed.*Reader role/);
    // 2 subscription pages + 3 + 1 workspace pages + the one 403.
    assert.equal(h.emu.log.length, 7);
  });

  it('without forbidden subscriptions there are no problems', async () => {
    h = await startArmHarness({ knobs: { forbiddenSubscriptions: [] } });
    const { workspaces, problems } = await h.arm.discoverWorkspaces();
    assert.equal(workspaces.length, 8);
    assert.deepEqual(problems, []);
  });

  it('keeps the pages read before a subscription failed, and says the subscription is incomplete', async () => {
    const foreign = await startArmEmulator();
    try {
      h = await startArmHarness({ knobs: { subscriptionPageSize: 10, nextLinkOrigin: foreign.url } });
      const { workspaces, problems } = await h.arm.discoverWorkspaces();
      // Data Platform's first page (2 of 5) stays; Analytics fits one page.
      assert.equal(workspaces.filter((w) => w.subscriptionId === SUB_DATA_PLATFORM).length, 2);
      assert.equal(workspaces.filter((w) => w.subscriptionId === SUB_ANALYTICS).length, 2);
      assert.deepEqual(
        problems.map((p) => p.subscriptionId),
        [SUB_DATA_PLATFORM, SUB_FINANCE],
      );
      assert.match(problems[0]?.message ?? '', /next-page link .* was not followed/);
      assert.equal(foreign.log.length, 0);
    } finally {
      await foreign.close();
    }
  });

  it('retries throttled workspace lists: a 429 is not a problem', async () => {
    h = await throttlingAnalytics();
    const { workspaces, problems } = await h.arm.discoverWorkspaces();
    assert.equal(workspaces.length, 7);
    assert.equal(problems.length, 1);
    assert.deepEqual(
      h.workspaceRequests(SUB_ANALYTICS).map((e) => e.status),
      [429, 200],
    );
  });

  it('a throttle that outlives the retries is a problem of that subscription only', async () => {
    h = await throttlingAnalytics(10);
    const { workspaces, problems } = await h.arm.discoverWorkspaces();
    assert.equal(workspaces.length, 5);
    assert.deepEqual(
      problems.map((p) => p.subscriptionId),
      [SUB_ANALYTICS, SUB_FINANCE],
    );
    assert.match(problems[0]?.message ?? '', /rate-limiting/);
  });

  it('a workspace without a URL is a problem; the others of its subscription are listed', async () => {
    h = await startArmHarness();
    const broken = h.emu.state.addWorkspace(SUB_ANALYTICS, 'dbw-provisioning', { provisioningState: 'Failed' });
    delete broken.workspaceUrl;
    const { workspaces, problems } = await h.arm.discoverWorkspaces();
    assert.equal(workspaces.filter((w) => w.subscriptionId === SUB_ANALYTICS).length, 2);
    assert.equal(problems[0]?.subscriptionId, SUB_ANALYTICS);
    assert.equal(
      problems[0]?.message,
      'Workspace "dbw-provisioning" has no workspace URL (provisioning state Failed); it is left out.',
    );
  });

  it('reads at most `concurrency` subscriptions at once', async () => {
    h = await startArmHarness({ knobs: { latencyMs: 40, subscriptionPageSize: 100, forbiddenSubscriptions: [] } });
    for (let i = 0; i < 8; i++) h.emu.state.addSubscription(`Team ${i}`, `00000000-0000-4000-8000-00000000000${i}`);
    h.emu.clearLog();
    await h.arm.discoverWorkspaces({ concurrency: 2 });
    assert.equal(h.emu.peakInFlight, 2);
    // One subscription page, then 3 + 1 + 1 pages of the seeded subscriptions and one per team.
    assert.equal(h.emu.log.length, 1 + 5 + 8);
  });

  it('a subscription list that cannot be read fails the whole walk', async () => {
    h = await startArmHarness();
    h.emu.injectFaults({ kind: 'status', status: 500, match: { path: '/subscriptions' } });
    await assert.rejects(h.arm.discoverWorkspaces(), (e: Error & { status?: number }) => e.status === 500);
  });

  it('workspaceUrls pointing at a Databricks emulator give a URL its SCIM client can use', async () => {
    const dbx = await startEmulator({ dataset: 'demo' });
    try {
      h = await startArmHarness({ knobs: { workspaceUrls: [new URL(dbx.url).host] } });
      const { workspaces } = await h.arm.discoverWorkspaces();
      const prod = workspaces.find((w) => w.name === 'dbw-data-eng-prod');
      assert.equal(prod?.workspaceUrl, dbx.url);
      const http = httpFor(prod.workspaceUrl, dbx.adminToken);
      try {
        const groups = await collectAll(new ScimClient({ host: prod.workspaceUrl, http }).listAll('group'));
        assert.ok(groups.length > 0);
      } finally {
        await http.close();
      }
    } finally {
      await dbx.close();
    }
  });

  it('nothing it returns carries the token', async () => {
    h = await startArmHarness({ knobs: { nextLinkOrigin: 'https://evil.example' } });
    h.emu.injectFaults({
      kind: 'status',
      status: 401,
      body: JSON.stringify({ error: { code: 'X', message: `echo Bearer ${h.emu.token}` } }),
      match: { path: `/subscriptions/${SUB_ANALYTICS}/` },
    });
    h.emu.setKnobs({ subscriptionPageSize: 10 });
    const result = await h.arm.discoverWorkspaces();
    assert.ok(result.problems.length >= 2);
    assert.ok(!JSON.stringify(result).includes(h.emu.token));
    assert.ok(!JSON.stringify(result).includes(h.emu.token.split('.')[1] ?? 'x'));
  });
});
