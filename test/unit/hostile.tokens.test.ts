// token/create against a scripted Token API over real HTTP: a 503 that comes after the token was
// made must not mint a second one, and an answer without token_info must not leave one behind.

import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DatabricksError } from '../../src/core/databricks/errors';
import { TokenApi } from '../../src/core/tokens/api';
import { HOSTILE_PAT } from './support/hostileServer';
import { makeClient } from './support/httpClientKit';

type CreateMode = 'ok' | '503-after-making' | '503-without-making' | 'no-token-info';

interface TokenServer {
  url: string;
  tokens: Map<string, string>;
  /** What the next creates do, in order; 'ok' once the list is used up. */
  script: CreateMode[];
  /** token/delete fails with a 500. */
  unrevocable: boolean;
  creates: number;
  close(): Promise<void>;
}

async function startTokenServer(): Promise<TokenServer> {
  let next = 1;
  const state = {
    url: '',
    tokens: new Map<string, string>(),
    script: [] as CreateMode[],
    unrevocable: false,
    creates: 0,
    close: async () => undefined,
  };
  const info = (id: string) => ({
    token_id: id,
    comment: state.tokens.get(id) ?? '',
    creation_time: 1_700_000_000_000,
    expiry_time: -1,
  });
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const send = (status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}) =>
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      if (req.url === '/api/2.0/token/list') return send(200, { token_infos: [...state.tokens.keys()].map(info) });
      if (req.url === '/api/2.0/token/delete') {
        const id = String(body['token_id']);
        if (state.unrevocable) return send(500, { error_code: 'INTERNAL_ERROR', message: 'nope' });
        if (!state.tokens.delete(id))
          return send(404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'no such token' });
        return send(200, {});
      }
      if (req.url === '/api/2.0/token/create') {
        state.creates++;
        const mode = state.script.shift() ?? 'ok';
        if (mode === '503-without-making')
          return send(503, { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'busy' }, { 'retry-after': '0' });
        const id = `t${next++}`;
        state.tokens.set(id, typeof body['comment'] === 'string' ? body['comment'] : '');
        const value = `dapi${'0'.repeat(31)}${next}`;
        if (mode === '503-after-making')
          return send(503, { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'busy' }, { 'retry-after': '0' });
        if (mode === 'no-token-info') return send(200, { token_value: value });
        return send(200, { token_value: value, token_info: info(id) });
      }
      return send(404, { error_code: 'ENDPOINT_NOT_FOUND', message: req.url ?? '' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<undefined>((resolve) => server.close(() => resolve(undefined)));
  return state;
}

describe('hostile token/create (real HTTP)', () => {
  let s: TokenServer;
  let api: TokenApi;
  let closeClient: () => Promise<void>;
  beforeEach(async () => {
    s = await startTokenServer();
    const { client } = makeClient({ auth: { origin: s.url, getToken: async () => HOSTILE_PAT } });
    closeClient = () => client.close();
    api = new TokenApi({ host: s.url, http: client });
  });
  afterEach(async () => {
    await closeClient();
    await s.close();
  });

  it('a 503 that came after the token was made is not retried; the stray token is revoked and the message says so', async () => {
    s.script = ['503-after-making'];
    await assert.rejects(api.create({ comment: 'rotated' }), (e: unknown) => {
      assert.ok(e instanceof DatabricksError);
      assert.equal(e.code, 'TOKEN_CREATE_INCOMPLETE');
      assert.match(e.userMessage, /The token it made \(id t1\) was revoked again\. Keep using the current token\./);
      return true;
    });
    assert.equal(s.creates, 1, 'token/create sent once');
    assert.equal(s.tokens.size, 0, 'no token left behind');
  });

  it('a 503 is retried when the token list proves no token was made', async () => {
    s.script = ['503-without-making', '503-without-making'];
    const created = await api.create({ comment: 'rotated' });
    assert.equal(created.info.tokenId, 't1');
    assert.equal(s.creates, 3);
    assert.deepEqual([...s.tokens.keys()], ['t1']);
  });

  it('an answer without token_info revokes the token it made and says so', async () => {
    s.script = ['no-token-info'];
    await assert.rejects(api.create({ comment: 'x' }), (e: unknown) => {
      assert.ok(e instanceof DatabricksError);
      assert.match(
        e.userMessage,
        /answered token\/create without token_info, so no usable token was made\. The token it made \(id t1\) was revoked again/,
      );
      assert.ok(!e.userMessage.includes('dapi'));
      return true;
    });
    assert.equal(s.tokens.size, 0);
  });

  it('a token that cannot be revoked is named so the user can revoke it', async () => {
    s.script = ['no-token-info'];
    s.unrevocable = true;
    await assert.rejects(
      api.create({ comment: 'x' }),
      (e: unknown) =>
        e instanceof DatabricksError && /Revoke the token with id t1 in the workspace settings/.test(e.userMessage),
    );
    assert.equal(s.creates, 1);
  });
});
