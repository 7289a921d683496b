import assert from 'node:assert/strict';
import { startEmulator } from '../emulator';
import { SCIM, useEmulator, type DatabricksErrorBody, type ScimResource } from './emulator.helpers';

interface TokenInfo {
  token_id: string;
  creation_time: number;
  expiry_time: number;
  comment: string;
}
interface CreateReply {
  token_value: string;
  token_info: TokenInfo;
}

describe('emulator: Token API', () => {
  const { emu, api } = useEmulator({ dataset: 'empty' });

  it('the admin token has the PAT format and is random per start unless given', async () => {
    assert.match(emu().adminToken, /^dapi[0-9a-f]{32}$/);
    const other = await startEmulator({ dataset: 'empty', adminToken: 'dapi0123456789abcdef0123456789abcdef' });
    try {
      assert.equal(other.adminToken, 'dapi0123456789abcdef0123456789abcdef');
      assert.notEqual(other.adminToken, emu().adminToken);
      assert.equal(other.state.tokenIsValid(other.adminToken), true);
    } finally {
      await other.close();
    }
  });

  it('create → {token_value, token_info} with dapi value, 64-hex id, epoch-ms times; the token works at once', async () => {
    const before = Date.now();
    const r = await api().post<CreateReply>('/api/2.0/token/create', {
      lifetime_seconds: 3600,
      comment: 'vscode-scim',
    });
    assert.equal(r.status, 200);
    assert.match(r.body.token_value, /^dapi[0-9a-f]{32}$/);
    assert.match(r.body.token_info.token_id, /^[0-9a-f]{64}$/);
    assert.equal(r.body.token_info.comment, 'vscode-scim');
    assert.ok(r.body.token_info.creation_time >= before && r.body.token_info.creation_time <= Date.now());
    assert.equal(r.body.token_info.expiry_time, r.body.token_info.creation_time + 3600 * 1000);
    api().token = r.body.token_value;
    const me = await api().get<ScimResource>(`${SCIM}/Me`);
    assert.equal(me.status, 200);
    assert.equal(me.body.userName, 'admin@contoso.com');
  });

  it('no lifetime means expiry_time -1; lifetimes are capped by maxTokenLifetimeDays', async () => {
    const never = await api().post<CreateReply>('/api/2.0/token/create', {});
    assert.equal(never.body.token_info.expiry_time, -1);
    emu().setKnobs({ maxTokenLifetimeDays: 1 });
    const capped = await api().post<CreateReply>('/api/2.0/token/create', { lifetime_seconds: 10 * 86400 });
    assert.equal(capped.body.token_info.expiry_time, capped.body.token_info.creation_time + 86400 * 1000);
  });

  it("list → {token_infos} with only the caller's tokens", async () => {
    await api().post('/api/2.0/token/create', { comment: 'mine' });
    const ben = emu().state.createUser({ userName: 'ben@contoso.com' });
    const bens = emu().state.issueToken({ userName: ben.userName, comment: 'bens' });
    const r = await api().get<{ token_infos: TokenInfo[] }>('/api/2.0/token/list');
    assert.equal(r.status, 200);
    const comments = r.body.token_infos.map((t) => t.comment).sort();
    assert.deepEqual(comments, ['emulator admin token', 'mine']);
    assert.ok(r.body.token_infos.every((t) => !('token_value' in t)));
    api().token = bens.tokenValue;
    const theirs = await api().get<{ token_infos: TokenInfo[] }>('/api/2.0/token/list');
    assert.deepEqual(
      theirs.body.token_infos.map((t) => t.comment),
      ['bens'],
    );
  });

  it('rotation: create, verify with /Me, delete the old one → the old one is rejected', async () => {
    const created = await api().post<CreateReply>('/api/2.0/token/create', {
      comment: 'rotated',
      lifetime_seconds: 7776000,
    });
    const oldId = (await api().get<{ token_infos: TokenInfo[] }>('/api/2.0/token/list')).body.token_infos.find(
      (t) => t.comment === 'emulator admin token',
    )?.token_id;
    assert.ok(oldId);
    const oldToken = api().token;
    api().token = created.body.token_value;
    assert.equal((await api().get(`${SCIM}/Me`)).status, 200);
    const del = await api().post<unknown>('/api/2.0/token/delete', { token_id: oldId });
    assert.equal(del.status, 200);
    assert.deepEqual(del.body, {});
    assert.equal(emu().state.tokenIsValid(oldToken), false);
    api().token = oldToken;
    const rejected = await api().get<DatabricksErrorBody>(`${SCIM}/Me`);
    assert.equal(rejected.status, 403);
  });

  it("deleting an unknown token id is 404 RESOURCE_DOES_NOT_EXIST; another user's token is unknown too", async () => {
    const r = await api().post<DatabricksErrorBody>('/api/2.0/token/delete', { token_id: 'f'.repeat(64) });
    assert.equal(r.status, 404);
    assert.equal(r.body.error_code, 'RESOURCE_DOES_NOT_EXIST');
    const ben = emu().state.createUser({ userName: 'ben@contoso.com' });
    const bens = emu().state.issueToken({ userName: ben.userName });
    const other = await api().post<DatabricksErrorBody>('/api/2.0/token/delete', { token_id: bens.tokenId });
    assert.equal(other.status, 404);
    assert.equal(emu().state.tokenIsValid(bens.tokenValue), true);
  });

  it('over the quota, create answers 400 QUOTA_EXCEEDED', async () => {
    emu().setKnobs({ tokenQuota: 3 });
    assert.equal((await api().post('/api/2.0/token/create', {})).status, 200);
    assert.equal((await api().post('/api/2.0/token/create', {})).status, 200);
    const r = await api().post<DatabricksErrorBody>('/api/2.0/token/create', {});
    assert.equal(r.status, 400);
    assert.equal(r.body.error_code, 'QUOTA_EXCEEDED');
  });

  it('expired tokens are rejected with the invalid-token 403', async () => {
    const t = emu().state.issueToken({ lifetimeSeconds: 1 });
    assert.equal(emu().state.tokenIsValid(t.tokenValue), true);
    const expired = emu().state.issueToken({ expiresAt: Date.now() - 1 });
    api().token = expired.tokenValue;
    const r = await api().get<DatabricksErrorBody>(`${SCIM}/Me`);
    assert.equal(r.status, 403);
    assert.deepEqual(r.body, { error_code: 403, message: 'Invalid access token.' });
  });

  it('malformed requests are 400 with a Databricks error body', async () => {
    const bad = await api().post<DatabricksErrorBody>('/api/2.0/token/create', { lifetime_seconds: 'soon' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error_code, 'INVALID_PARAMETER_VALUE');
    const noId = await api().post<DatabricksErrorBody>('/api/2.0/token/delete', {});
    assert.equal(noId.status, 400);
  });

  it('token management lists every token for admins', async () => {
    emu().state.issueToken({ comment: 'extra' });
    const r = await api().get<{ token_infos: (TokenInfo & { created_by_username: string })[] }>(
      '/api/2.0/token-management/tokens',
    );
    assert.equal(r.status, 200);
    assert.deepEqual(
      r.body.token_infos.map((t) => t.created_by_username),
      ['admin@contoso.com', 'admin@contoso.com'],
    );
    assert.equal(emu().state.tokens.length, 2);
  });
});
