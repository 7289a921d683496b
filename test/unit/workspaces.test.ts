// The pure parts of the workspace UI: settings entries, the PAT check's precise reasons (against
// the emulator over real HTTP), the expiry warning threshold and the status-bar wording.
import { strict as assert } from 'node:assert';
import { ScimClient } from '../../src/core/scim/client';
import { TokenApi } from '../../src/core/tokens/api';
import { statusBarContent, type ConnectionState } from '../../src/ui/workspaces/connectionState';
import { PatVerificationError, verifyPat } from '../../src/ui/workspaces/patVerification';
import { EXPIRY_UNKNOWN, expiryWarning, lookupTokenExpiry } from '../../src/ui/workspaces/tokenExpiry';
import {
  parseWorkspaceEntries,
  toSettingValue,
  upsertWorkspace,
  withoutWorkspace,
} from '../../src/ui/common/workspaceEntries';
import { startEmulator } from '../emulator/index';
import type { Emulator } from '../emulator/types';
import { httpFor } from './support/builders';

const DAY = 86_400_000;

describe('workspace settings entries', () => {
  it('normalizes hosts, defaults names and auth, drops unusable and duplicate entries', () => {
    const list = parseWorkspaceEntries([
      { host: 'https://ADB-1.2.azuredatabricks.net/?o=1', name: ' prod ' },
      { host: 'adb-1.2.azuredatabricks.net', name: 'duplicate' },
      { host: 'http://example.com' },
      { name: 'no host' },
      'junk',
      { host: 'https://adb-3.4.azuredatabricks.net', auth: 'entra' },
      { host: 'https://adb-5.6.azuredatabricks.net', auth: 'bogus' },
    ]);
    assert.deepEqual(list, [
      { name: 'prod', host: 'https://adb-1.2.azuredatabricks.net', auth: 'pat' },
      { name: 'adb-3', host: 'https://adb-3.4.azuredatabricks.net', auth: 'entra' },
      { name: 'adb-5', host: 'https://adb-5.6.azuredatabricks.net', auth: 'pat' },
    ]);
    assert.deepEqual(parseWorkspaceEntries(undefined), []);
  });

  it('re-adding a host updates it in place; removing drops it; writing keeps only the documented keys', () => {
    const a = { name: 'a', host: 'https://adb-1.2.azuredatabricks.net', auth: 'pat' as const };
    const b = { name: 'b', host: 'http://127.0.0.1:9', auth: 'pat' as const };
    const list = upsertWorkspace(upsertWorkspace([a], b), { ...a, name: 'renamed', auth: 'entra' });
    assert.deepEqual(
      list.map((w) => [w.name, w.auth]),
      [
        ['renamed', 'entra'],
        ['b', 'pat'],
      ],
    );
    assert.deepEqual(
      withoutWorkspace(list, b.host).map((w) => w.name),
      ['renamed'],
    );
    const smuggled = { ...a, token: 'dapi0123' } as typeof a;
    assert.deepEqual(toSettingValue([smuggled]), [{ name: 'a', host: a.host, auth: 'pat' }]);
  });
});

describe('PAT verification before storing', function () {
  this.timeout(20_000);
  let emu: Emulator;
  const opened: Array<{ close(): Promise<void> }> = [];
  before(async () => {
    emu = await startEmulator({ dataset: 'demo' });
  });
  after(async () => {
    await Promise.all(opened.map((c) => c.close()));
    await emu.close();
  });
  function scimWith(token: string, url = emu.url): ScimClient {
    const http = httpFor(url, token);
    opened.push(http);
    return new ScimClient({ host: url, http });
  }

  it("accepts an admin's token and returns its owner", async () => {
    const me = await verifyPat(scimWith(emu.adminToken));
    assert.equal(me.userName, 'admin@contoso.com');
  });

  it('says the token is invalid (and that nothing was saved) for a 403 Invalid access token', async () => {
    const bad = 'dapi' + '0'.repeat(32);
    await assert.rejects(verifyPat(scimWith(bad)), (e: unknown) => {
      assert.ok(e instanceof PatVerificationError);
      assert.equal(e.problem, 'invalid');
      assert.match(e.message, /rejected this token .*invalid, expired or revoked.*Nothing was saved/);
      assert.ok(!e.message.includes(bad), 'the token must not be in the message');
      return true;
    });
  });

  it('says the owner is not an admin when the token works but its owner is not in admins', async () => {
    const { tokenValue } = emu.state.issueToken({ userName: 'ben.carter@contoso.com' });
    await assert.rejects(verifyPat(scimWith(tokenValue)), (e: unknown) => {
      assert.ok(e instanceof PatVerificationError);
      assert.equal(e.problem, 'notAdmin');
      assert.match(e.message, /ben\.carter@contoso\.com is not a workspace admin/);
      return true;
    });
  });

  it('says the workspace is not reachable when nothing answers', async () => {
    const closed = await startEmulator({ dataset: 'empty' });
    const url = closed.url;
    await closed.close();
    await assert.rejects(verifyPat(scimWith('dapi' + '1'.repeat(32), url)), (e: unknown) => {
      assert.ok(e instanceof PatVerificationError);
      assert.equal(e.problem, 'unreachable');
      assert.match(e.message, /Could not reach .*Nothing was saved/);
      return true;
    });
  });

  it('looks up the expiry of the stored token by its id, and says "expiry unknown" without one', async () => {
    const issued = emu.state.issueToken({ comment: 'expiry check', lifetimeSeconds: 10 * 86_400 });
    const http = httpFor(emu.url, emu.adminToken);
    opened.push(http);
    const tokens = new TokenApi({ host: emu.url, http });
    const known = await lookupTokenExpiry(tokens, issued.tokenId);
    // Whole days toward zero, and the emulator's clock may round the creation time either way.
    assert.ok(known.daysLeft === 9 || known.daysLeft === 10, String(known.daysLeft));
    assert.match(known.description, /^expires in (9|10) days$/);
    assert.deepEqual(await lookupTokenExpiry(tokens, undefined), EXPIRY_UNKNOWN);
    assert.deepEqual(await lookupTokenExpiry(tokens, 'f'.repeat(64)), EXPIRY_UNKNOWN);
  });
});

describe('token expiry warning threshold', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  const inDays = (d: number) => ({ description: '', expiryTime: new Date(now.getTime() + d * DAY) });

  it('warns at or below the configured number of days, and for expired tokens', () => {
    assert.match(expiryWarning('demo', inDays(13.5), 14, now) ?? '', /token for demo expires in 13 days/);
    assert.ok(expiryWarning('demo', inDays(14), 14, now));
    assert.match(expiryWarning('demo', inDays(-2), 14, now) ?? '', /expired 2 days ago/);
  });

  it('does not warn above the threshold, for tokens that never expire, or when the expiry is unknown', () => {
    assert.equal(expiryWarning('demo', inDays(14.01), 14, now), undefined);
    assert.equal(expiryWarning('demo', inDays(20), 14, now), undefined);
    assert.equal(
      expiryWarning('demo', { description: 'never expires', daysLeft: null, expiryTime: null }, 14, now),
      undefined,
    );
    assert.equal(expiryWarning('demo', EXPIRY_UNKNOWN, 14, now), undefined);
    assert.equal(expiryWarning('demo', undefined, 14, now), undefined);
  });

  it('follows the setting', () => {
    assert.equal(expiryWarning('demo', inDays(20), 14, now), undefined);
    assert.ok(expiryWarning('demo', inDays(20), 30, now));
  });
});

describe('status bar wording', () => {
  const ws = [
    { name: 'demo', host: 'http://127.0.0.1:1', auth: 'pat' as const },
    { name: 'prod', host: 'https://adb-1.2.azuredatabricks.net', auth: 'entra' as const },
  ];
  const states = (m: Record<string, ConnectionState>) => (host: string) => m[host] ?? 'unknown';

  it('is hidden without workspaces and counts them when all is well', () => {
    assert.equal(statusBarContent([], states({})), undefined);
    const ok = statusBarContent(ws, states({ 'http://127.0.0.1:1': 'ok' }));
    assert.equal(ok?.text, '$(database) 2 workspaces');
    assert.equal(ok?.warning, false);
    assert.match(ok?.tooltip ?? '', /demo \(http:\/\/127\.0\.0\.1:1\): connected\nprod .*not connected yet/);
  });

  it('names the first workspace with a problem, and how many more there are', () => {
    const one = statusBarContent(ws, states({ 'http://127.0.0.1:1': 'tokenRejected' }));
    assert.equal(one?.text, '$(warning) demo: token rejected');
    assert.equal(one?.warning, true);
    const two = statusBarContent(
      ws,
      states({ 'http://127.0.0.1:1': 'unreachable', 'https://adb-1.2.azuredatabricks.net': 'credentialMissing' }),
    );
    assert.equal(two?.text, '$(warning) demo: not reachable (+1)');
  });
});
