// Fuzz: generated hostile answers (HTML, huge and JWT-like bodies, deep JSON, __proto__ keys, bad
// entities, control characters, truncated JSON, wrong types) served over real HTTP to every
// client that reads Databricks or Graph answers. Each call must end in a correct parse or a typed
// error, in well under a second, and no error may carry the token. Seeded, so any failure
// reproduces from its seed and index.

import { strict as assert } from 'node:assert';
import { performance } from 'node:perf_hooks';
import { GraphError } from '../../src/core/graph/errors';
import { parseCollection } from '../../src/core/graph/parse';
import { describeBody } from '../../src/core/databricks/errorBody';
import { DatabricksError } from '../../src/core/databricks/errors';
import { parseJson } from '../../src/core/http/json';
import { collectAll } from '../../src/core/scim/paging';
import { parseListResponse, parseUser } from '../../src/core/scim/parse';
import { TokenApi } from '../../src/core/tokens/api';
import { hostileBodies, type HostileBody } from './support/hostileBodies';
import { HOSTILE_PAT, startHostileServer, type HostileServer } from './support/hostileServer';
import { forSuite } from './support/lifecycle';

const SEED = 20261130;
const COUNT = 240;
/** The generous bound of the brief: a hostile answer must never hold a call for a second. */
const MAX_MS = 1000;
const GROUP = '1b0c4c36-7d05-4e2c-9d0f-000000000001';

function assertNoToken(err: Error, where: string): void {
  const texts = [err.message, String(err.stack)];
  if (err instanceof DatabricksError || err instanceof GraphError) texts.push(err.userMessage, err.detail, err.code);
  // The whole token, or enough of it to matter (a cut must not leave its first characters).
  for (const t of texts) assert.ok(!t.includes(HOSTILE_PAT.slice(0, 16)), `${where}: token in "${t.slice(0, 120)}…"`);
}

describe('fuzz: hostile answers to every reader (real HTTP)', function () {
  this.timeout(120_000);
  let h: HostileServer;
  forSuite(startHostileServer, (started) => (h = started));
  const bodies = hostileBodies(SEED, COUNT);

  it(`generates ${COUNT} bodies of every kind from seed ${SEED}`, () => {
    assert.ok(bodies.length >= 200);
    const kinds = new Set(bodies.map((b) => b.kind));
    for (const k of [
      'html',
      'huge-jwt',
      'deep-json',
      'proto-keys',
      'bad-entities',
      'controls',
      'truncated',
      'wrong-types',
    ])
      assert.ok(kinds.has(k), k);
    assert.ok(
      bodies.some((b) => b.body.length >= 1_000_000),
      'some body of at least 1 MB',
    );
  });

  it('the pure readers never throw on any body', () => {
    bodies.forEach((b, i) => {
      const where = `#${i} ${b.kind} (status ${b.status})`;
      const started = performance.now();
      const described = describeBody(b.status, b.body, b.headers);
      assert.ok(described.detail.length > 0 && described.detail.length <= 500, where);
      const json = parseJson(b.body);
      parseListResponse(json, 1, parseUser);
      parseCollection(json);
      parseUser(json);
      assert.ok(performance.now() - started < MAX_MS, `${where}: ${Math.round(performance.now() - started)} ms`);
    });
  });

  it('SCIM, paging, Token API and Graph end every call in a parse or a typed error, fast, without the token', async () => {
    const { scim, kit } = h.scim({ pageSize: 2, concurrency: 2, retry: { maxAttempts: 3 } });
    const tokens = new TokenApi({ host: h.server.url, http: kit.client });
    const { graph } = h.graph({ retry: { maxAttempts: 3 } });
    const calls: Array<[string, () => Promise<unknown>, 'scim' | 'graph']> = [
      ['one page of users', () => scim.listPage('user'), 'scim'],
      ['me', () => scim.me(), 'scim'],
      ['all pages of users', () => collectAll(scim.listAll('user')), 'scim'],
      ['token list', () => tokens.list(), 'scim'],
      ['graph members', () => collectAll(graph.listMembers(GROUP)), 'graph'],
    ];
    const outcomes = new Map<string, number>();
    for (const [i, b] of bodies.entries()) {
      h.answer(serve(b));
      for (const [name, call, family] of calls) {
        const where = `seed ${SEED} #${i} ${b.kind} (status ${b.status}) → ${name}`;
        const started = performance.now();
        let outcome: string;
        try {
          const value = await call();
          assert.ok(b.status >= 200 && b.status < 300, `${where}: resolved on a failure status`);
          assertParsed(value, where);
          outcome = 'parsed';
        } catch (e) {
          assert.ok(e instanceof Error, `${where}: threw a non-Error`);
          const typed = family === 'scim' ? e instanceof DatabricksError : e instanceof GraphError;
          assert.ok(typed, `${where}: ${e.name}: ${e.message.slice(0, 200)}`);
          assertNoToken(e, where);
          outcome = 'typed error';
        }
        const ms = performance.now() - started;
        assert.ok(ms < MAX_MS, `${where}: took ${Math.round(ms)} ms`);
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
    }
    assert.ok(
      (outcomes.get('typed error') ?? 0) > 0 && (outcomes.get('parsed') ?? 0) > 0,
      JSON.stringify([...outcomes]),
    );
  });
});

function serve(b: HostileBody): Parameters<HostileServer['answer']>[0] {
  return (_req, res) => {
    res.writeHead(b.status, { 'content-type': b.contentType, ...b.headers }).end(b.body);
  };
}

/** A resolved call gave typed values: records with string ids, or arrays of them. */
function assertParsed(value: unknown, where: string): void {
  const items = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null && 'items' in value
      ? (value as { items: unknown }).items
      : [value];
  assert.ok(Array.isArray(items), where);
  for (const item of items) {
    assert.ok(typeof item === 'object' && item !== null, `${where}: not a record`);
    const id = 'id' in item ? item.id : 'tokenId' in item ? item.tokenId : undefined;
    assert.equal(typeof id, 'string', `${where}: id ${String(id)}`);
  }
}
