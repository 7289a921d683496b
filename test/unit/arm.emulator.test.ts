// The ARM emulator itself, over raw HTTP: the shapes a client relies on, paging, and the errors ARM
// sends for a missing token, a wrong audience, a missing or unknown api-version, a forbidden
// subscription and throttling.
import assert from 'node:assert/strict';
import { startArmEmulator, SUB_ANALYTICS, SUB_DATA_PLATFORM, SUB_FINANCE, type ArmEmulator } from '../emulator/arm';
import { armGet, SUBS_PATH, workspacesPath } from './arm.helpers';

interface ArmListBody {
  value: Array<Record<string, unknown>>;
  nextLink?: string;
}

describe('ARM emulator', () => {
  let emu: ArmEmulator;
  beforeEach(async () => {
    emu = await startArmEmulator();
  });
  afterEach(() => emu.close());

  it('lists subscriptions over two pages with an absolute nextLink', async () => {
    const first = await armGet(emu, SUBS_PATH, emu.token);
    assert.equal(first.status, 200);
    const a = first.body as ArmListBody;
    assert.equal(a.value.length, 2);
    assert.ok(a.nextLink?.startsWith(`${emu.url}/subscriptions?`), a.nextLink);
    const second = (await armGet(emu, (a.nextLink ?? '').slice(emu.url.length), emu.token)).body as ArmListBody;
    assert.equal(second.nextLink, undefined);
    const all = [...a.value, ...second.value];
    assert.deepEqual(
      all.map((s) => s['subscriptionId']),
      [SUB_DATA_PLATFORM, SUB_ANALYTICS, SUB_FINANCE],
    );
    for (const s of all)
      assert.deepEqual(Object.keys(s).slice(0, 7), [
        'id',
        'authorizationSource',
        'managedByTenants',
        'subscriptionId',
        'tenantId',
        'displayName',
        'state',
      ]);
  });

  it('lists workspaces with a scheme-less workspaceUrl, a string workspaceId and sku.name, three pages', async () => {
    let path: string | undefined = workspacesPath(SUB_DATA_PLATFORM);
    const names: string[] = [];
    let pages = 0;
    while (path !== undefined) {
      const r = await armGet(emu, path, emu.token);
      assert.equal(r.status, 200);
      const body = r.body as ArmListBody;
      pages++;
      for (const w of body.value) {
        names.push(String(w['name']));
        const props = w['properties'] as Record<string, unknown>;
        assert.match(String(props['workspaceUrl']), /^adb-\d{16}\.\d\.azuredatabricks\.net$/);
        assert.equal(typeof props['workspaceId'], 'string');
        assert.equal(typeof props['isUcEnabled'], 'boolean');
        assert.equal(typeof (w['sku'] as Record<string, unknown>)['name'], 'string');
        assert.match(
          String(w['id']),
          new RegExp(
            `^/subscriptions/${SUB_DATA_PLATFORM}/resourceGroups/[^/]+/providers/Microsoft.Databricks/workspaces/${String(w['name'])}$`,
          ),
        );
      }
      path = body.nextLink?.slice(emu.url.length);
    }
    assert.equal(pages, 3);
    assert.equal(names.length, 5);
  });

  it('matches the provider segment without case, as ARM does', async () => {
    const r = await armGet(
      emu,
      workspacesPath(SUB_ANALYTICS).replace('Microsoft.Databricks', 'microsoft.databricks'),
      emu.token,
    );
    assert.equal(r.status, 200);
  });

  it('answers 403 AuthorizationFailed for the forbidden subscription, naming the caller and the scope', async () => {
    const r = await armGet(emu, workspacesPath(SUB_FINANCE), emu.token);
    assert.equal(r.status, 403);
    const err = (r.body as { error: { code: string; message: string } }).error;
    assert.equal(err.code, 'AuthorizationFailed');
    assert.match(err.message, new RegExp(`over scope '/subscriptions/${SUB_FINANCE}'`));
    assert.deepEqual(Object.keys(r.body as object), ['error']);
  });

  it('answers 400 for a missing or unknown api-version', async () => {
    const missing = await armGet(emu, '/subscriptions', emu.token);
    assert.equal(missing.status, 400);
    assert.equal((missing.body as { error: { code: string } }).error.code, 'MissingApiVersionParameter');
    const badSubs = await armGet(emu, '/subscriptions?api-version=2099-01-01', emu.token);
    assert.equal(badSubs.status, 400);
    assert.equal((badSubs.body as { error: { code: string } }).error.code, 'InvalidApiVersionParameter');
    const badWs = await armGet(emu, workspacesPath(SUB_ANALYTICS, '2022-12-01'), emu.token);
    assert.equal(badWs.status, 400);
    assert.equal((badWs.body as { error: { code: string } }).error.code, 'NoRegisteredProviderFound');
  });

  it('answers 401 for no token, an unknown token and a token for another audience', async () => {
    const none = await armGet(emu, SUBS_PATH, undefined);
    assert.equal(none.status, 401);
    assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer authorization_uri=/);
    assert.equal((none.body as { error: { code: string } }).error.code, 'AuthenticationFailed');
    const unknown = await armGet(emu, SUBS_PATH, 'not-a-token');
    assert.equal((unknown.body as { error: { code: string } }).error.code, 'InvalidAuthenticationToken');
    const graphToken = emu.issueToken({ audience: 'https://graph.microsoft.com' });
    const wrong = await armGet(emu, SUBS_PATH, graphToken);
    assert.equal(wrong.status, 401);
    assert.equal((wrong.body as { error: { code: string } }).error.code, 'InvalidAuthenticationTokenAudience');
  });

  it('throttles under rate429 with Retry-After and the subscription throttle code', async () => {
    emu.setKnobs({ rate429: 1, retryAfter: '7' });
    const r = await armGet(emu, workspacesPath(SUB_ANALYTICS), emu.token);
    assert.equal(r.status, 429);
    assert.equal(r.headers.get('retry-after'), '7');
    assert.equal((r.body as { error: { code: string } }).error.code, 'SubscriptionRequestsThrottled');
    const tenant = await armGet(emu, SUBS_PATH, emu.token);
    assert.equal((tenant.body as { error: { code: string } }).error.code, 'TooManyRequests');
  });

  it('workspaceUrls rewrites workspaceUrl in state order, as given (no scheme added)', async () => {
    emu.setKnobs({ workspaceUrls: ['127.0.0.1:1234', '127.0.0.1:5678'], workspacePageSize: 10 });
    const body = (await armGet(emu, workspacesPath(SUB_DATA_PLATFORM), emu.token)).body as ArmListBody;
    const urls = body.value.map((w) => (w['properties'] as Record<string, unknown>)['workspaceUrl']);
    assert.deepEqual(urls.slice(0, 3), ['127.0.0.1:1234', '127.0.0.1:5678', emu.state.workspaces[2]?.workspaceUrl]);
  });

  it('a workspace without a URL (failed provisioning) is rendered without workspaceUrl', async () => {
    const w = emu.state.addWorkspace(SUB_ANALYTICS, 'dbw-broken', { provisioningState: 'Failed' });
    delete w.workspaceUrl;
    emu.setKnobs({ workspacePageSize: 10 });
    const body = (await armGet(emu, workspacesPath(SUB_ANALYTICS), emu.token)).body as ArmListBody;
    const broken = body.value.find((x) => x['name'] === 'dbw-broken');
    assert.equal((broken?.['properties'] as Record<string, unknown>)['workspaceUrl'], undefined);
    assert.equal((broken?.['properties'] as Record<string, unknown>)['provisioningState'], 'Failed');
  });
});
