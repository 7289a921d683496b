import assert from 'node:assert/strict';
import { SCIM, useEmulator, type DatabricksErrorBody } from './emulator.helpers';

const DAY_MS = 86_400_000;

interface TokenInfo {
  token_id: string;
  creation_time: number;
  expiry_time: number;
  comment: string;
  scopes?: string[];
  last_used_day?: number;
}
interface CreateReply {
  token_value: string;
  token_info: TokenInfo;
}

describe('emulator: token lifetime, scopes and revocation of unused tokens', () => {
  const { emu, api } = useEmulator({ dataset: 'demo' });

  describe('defaultTokenLifetimeDays', () => {
    it('730: a token created without lifetime_seconds expires after 2 years instead of never', async () => {
      emu().setKnobs({ defaultTokenLifetimeDays: 730 });
      const r = await api().post<CreateReply>('/api/2.0/token/create', { comment: 'no lifetime' });
      assert.equal(r.status, 200);
      assert.equal(r.body.token_info.expiry_time, r.body.token_info.creation_time + 730 * DAY_MS);
      const given = await api().post<CreateReply>('/api/2.0/token/create', { lifetime_seconds: 3600 });
      assert.equal(
        given.body.token_info.expiry_time,
        given.body.token_info.creation_time + 3600 * 1000,
        'a given lifetime wins',
      );
    });

    it('is capped by maxTokenLifetimeDays, applies to tokens issued by tests, and 0 (the default) means never', async () => {
      emu().setKnobs({ defaultTokenLifetimeDays: 730, maxTokenLifetimeDays: 90 });
      const capped = await api().post<CreateReply>('/api/2.0/token/create', {});
      assert.equal(capped.body.token_info.expiry_time, capped.body.token_info.creation_time + 90 * DAY_MS);
      const issued = emu().state.issueToken({ userName: 'grace.liu@contoso.com' });
      const stored = emu().state.tokenById(issued.tokenId);
      assert.equal(stored?.expiry_time, (stored?.creation_time ?? 0) + 90 * DAY_MS);
      emu().setKnobs({ defaultTokenLifetimeDays: 0 });
      assert.equal((await api().post<CreateReply>('/api/2.0/token/create', {})).body.token_info.expiry_time, -1);
    });
  });

  describe('scopes', () => {
    it('are kept as given and shown on create, list and token management; tokens without scopes have none', async () => {
      const r = await api().post<CreateReply>('/api/2.0/token/create', { comment: 'scoped', scopes: ['iam', 'scim'] });
      assert.equal(r.status, 200);
      assert.deepEqual(r.body.token_info.scopes, ['iam', 'scim']);
      const listed = await api().get<{ token_infos: TokenInfo[] }>('/api/2.0/token/list');
      assert.deepEqual(listed.body.token_infos.find((t) => t.comment === 'scoped')?.scopes, ['iam', 'scim']);
      const managed = await api().get<{ token_info: TokenInfo }>(
        `/api/2.0/token-management/tokens/${r.body.token_info.token_id}`,
      );
      assert.deepEqual(managed.body.token_info.scopes, ['iam', 'scim']);
      const plain = await api().post<CreateReply>('/api/2.0/token/create', { comment: 'plain' });
      assert.equal('scopes' in plain.body.token_info, false);
      const issued = emu().state.issueToken({ scopes: ['sql'] });
      assert.deepEqual(emu().state.tokenById(issued.tokenId)?.scopes, ['sql']);
    });

    it('malformed scopes → 400 INVALID_PARAMETER_VALUE', async () => {
      const r = await api().post<DatabricksErrorBody>('/api/2.0/token/create', { scopes: 'iam' });
      assert.equal(r.status, 400);
      assert.equal(r.body.error_code, 'INVALID_PARAMETER_VALUE');
    });
  });

  describe('revokeUnusedTokenDays', () => {
    it('90: a token unused for more than 90 days is revoked — it stops working and leaves every list', async () => {
      emu().setKnobs({ revokeUnusedTokenDays: 90 });
      const { tokenValue, tokenId } = emu().state.issueToken({ userName: 'grace.liu@contoso.com', comment: 'idle' });
      const asGrace = (): Promise<number> =>
        fetch(`${emu().url}${SCIM}/Me`, { headers: { Authorization: `Bearer ${tokenValue}` } }).then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        });
      emu().state.ageToken(tokenId, 89);
      assert.equal(await asGrace(), 200, '89 days unused is still fine');
      emu().state.ageToken(tokenId, 89);
      assert.equal(await asGrace(), 200, 'the use above restarted the clock');
      emu().state.ageToken(tokenId, 91);
      assert.equal(await asGrace(), 403, '91 days unused: revoked');
      assert.equal(emu().state.tokenById(tokenId), undefined);
      const managed = await api().get<{ token_infos: TokenInfo[] }>('/api/2.0/token-management/tokens');
      assert.equal(
        managed.body.token_infos.some((t) => t.token_id === tokenId),
        false,
      );
      assert.equal(emu().state.tokenIsValid(emu().adminToken), true, 'the admin token is in use and stays');
    });

    it('0 (the default) never revokes; token management shows the day of last use', async () => {
      const { tokenValue, tokenId } = emu().state.issueToken({ userName: 'grace.liu@contoso.com' });
      emu().state.ageToken(tokenId, 1000);
      assert.equal(emu().state.tokenIsValid(tokenValue), true);
      const managed = await api().get<{ token_info: TokenInfo }>(`/api/2.0/token-management/tokens/${tokenId}`);
      const lastUsed = managed.body.token_info.last_used_day ?? 0;
      assert.equal(lastUsed % DAY_MS, 0);
      const expectedDay = Date.now() - 1000 * DAY_MS;
      assert.ok(Math.abs(lastUsed - (expectedDay - (expectedDay % DAY_MS))) <= DAY_MS, `last_used_day ${lastUsed}`);
    });
  });
});
