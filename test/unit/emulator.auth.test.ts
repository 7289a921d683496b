import assert from 'node:assert/strict';
import { SCIM, useEmulator, type DatabricksErrorBody, type ScimResource } from './emulator.helpers';

describe('emulator: authentication and routing', () => {
  const { emu, api } = useEmulator({ dataset: 'demo' });

  async function expectInvalidToken(authorization: string | undefined): Promise<void> {
    const headers: Record<string, string> = authorization === undefined ? {} : { Authorization: authorization };
    const res = await fetch(`${emu().url}${SCIM}/Me`, { headers });
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('x-databricks-reason-phrase'), 'Invalid access token.');
    assert.deepEqual(await res.json(), { error_code: 403, message: 'Invalid access token.' });
  }

  it('answers a missing, malformed or unknown bearer token with the real 403 shape (numeric error_code)', async () => {
    await expectInvalidToken(undefined);
    await expectInvalidToken(`Basic ${emu().adminToken}`);
    await expectInvalidToken('Bearer dapi00000000000000000000000000000000');
  });

  it('rejects a revoked token and an expired token the same way', async () => {
    const revoked = emu().state.issueToken({ comment: 'to revoke' });
    emu().state.revokeToken(revoked.tokenId);
    await expectInvalidToken(`Bearer ${revoked.tokenValue}`);
    const expired = emu().state.issueToken({ expiresAt: Date.now() - 1000 });
    assert.equal(emu().state.tokenIsValid(expired.tokenValue), false);
    await expectInvalidToken(`Bearer ${expired.tokenValue}`);
  });

  it('rejects tokens of deactivated users', async () => {
    const t = emu().state.issueToken({ userName: 'ben.carter@contoso.com' });
    assert.equal(emu().state.tokenIsValid(t.tokenValue), true);
    const ben = emu().state.findUser('ben.carter@contoso.com');
    assert.ok(ben);
    const r = await api().patch(`${SCIM}/Users/${ben.id}`, [{ op: 'replace', path: 'active', value: false }]);
    assert.equal(r.status, 204);
    await expectInvalidToken(`Bearer ${t.tokenValue}`);
  });

  it('can answer the older HTML form of the 403', async () => {
    emu().setKnobs({ errorStyle: 'html' });
    const res = await fetch(`${emu().url}${SCIM}/Me`, { headers: { Authorization: 'Bearer nope' } });
    assert.equal(res.status, 403);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(
      await res.text(),
      '<html><head><title>Error 403 Invalid access token.</title></head><body><pre>Invalid access token.</pre></body></html>',
    );
  });

  it('GET /Me returns the owner of the token, whoever that is', async () => {
    const me = await api().get(`${SCIM}/Me`);
    assert.equal(me.status, 200);
    assert.equal(me.body.userName, 'admin@contoso.com');
    assert.match(me.headers.get('content-type') ?? '', /^application\/json/);
    const t = emu().state.issueToken({ userName: 'Grace.Liu@contoso.com' });
    api().token = t.tokenValue;
    const grace = await api().get<ScimResource>(`${SCIM}/Me`);
    assert.equal(grace.body.userName, 'grace.liu@contoso.com');
  });

  it('answers unknown routes with ENDPOINT_NOT_FOUND', async () => {
    const r = await api().get<DatabricksErrorBody>('/api/2.0/preview/scim/v2/Widgets');
    assert.equal(r.status, 404);
    assert.equal(r.body.error_code, 'ENDPOINT_NOT_FOUND');
    assert.match(r.body.message, /^No API found for 'GET \/2\.0\/preview\/scim\/v2\/Widgets'/);
    const wrongMethod = await api().call<DatabricksErrorBody>('DELETE', `${SCIM}/Users`);
    assert.equal(wrongMethod.status, 404);
    assert.equal(wrongMethod.body.error_code, 'ENDPOINT_NOT_FOUND');
  });

  it('checks the token before the route, as the real host does', async () => {
    const res = await fetch(`${emu().url}/api/2.0/nothing/here`);
    assert.equal(res.status, 403);
  });

  it('accepts application/json and application/scim+json bodies', async () => {
    for (const [i, contentType] of ['application/json', 'application/scim+json; charset=utf-8'].entries()) {
      const r = await api().call<ScimResource>(
        'POST',
        `${SCIM}/Groups`,
        { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: `ct-${i}` },
        { headers: { 'Content-Type': contentType } },
      );
      assert.equal(r.status, 201);
      assert.equal(r.body.displayName, `ct-${i}`);
    }
  });

  it('refuses SCIM writes from users who are not workspace admins, but lets them read', async () => {
    const t = emu().state.issueToken({ userName: 'ben.carter@contoso.com' });
    api().token = t.tokenValue;
    const read = await api().list('Users', { count: 1 });
    assert.equal(read.status, 200);
    const write = await api().post(`${SCIM}/Groups`, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'x',
    });
    assert.equal(write.status, 403);
  });

  it('logs every request with its raw Authorization header', async () => {
    emu().clearLog();
    await api().list('Users', { count: 1, filter: 'userName eq "x"' });
    await fetch(`${emu().url}${SCIM}/Me`);
    const log = emu().log;
    assert.equal(log.length, 2);
    assert.equal(log[0]?.method, 'GET');
    assert.equal(log[0]?.path, `${SCIM}/Users`);
    assert.deepEqual(log[0]?.query, { count: '1', filter: 'userName eq "x"' });
    assert.equal(log[0]?.authorization, `Bearer ${emu().adminToken}`);
    assert.equal(log[0]?.status, 200);
    assert.equal(log[1]?.authorization, undefined);
    assert.equal(log[1]?.status, 403);
    assert.ok((log[1]?.receivedAt ?? 0) >= (log[0]?.receivedAt ?? Infinity));
  });
});
