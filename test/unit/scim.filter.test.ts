// Filter builder: escaping, lower-cased userName, attribute whitelist, node counting and
// orChunks — first as pure functions, then against the emulator's filter parser over HTTP.

import { strict as assert } from 'node:assert';
import {
  and,
  co,
  eq,
  MAX_FILTER_NODES,
  ne,
  nodeCount,
  or,
  orChunks,
  quote,
  render,
  sw,
} from '../../src/core/scim/filter';
import { collectAll } from '../../src/core/scim/paging';
import { DatabricksError } from '../../src/core/databricks/errors';
import { startHarness, type ScimHarness } from './support/builders';
import { forSuite } from './support/lifecycle';

describe('scim filter builder (pure)', () => {
  it('double-quotes values and escapes quote and backslash', () => {
    assert.equal(quote('plain'), '"plain"');
    assert.equal(quote('a"b'), '"a\\"b"');
    assert.equal(quote('a\\b'), '"a\\\\b"');
    assert.equal(quote('\\"'), '"\\\\\\""');
    assert.equal(render(eq('displayName', '" or "1" eq "1')), 'displayName eq "\\" or \\"1\\" eq \\"1"');
  });

  it('lower-cases userName values and leaves other attributes alone', () => {
    assert.equal(render(eq('userName', 'Jane.DOE@Contoso.com')), 'userName eq "jane.doe@contoso.com"');
    assert.equal(render(eq('UserName', 'ABC')), 'UserName eq "abc"');
    assert.equal(render(eq('displayName', 'Jane DOE')), 'displayName eq "Jane DOE"');
  });

  it('renders every operator, booleans bare, and parenthesises nested logic', () => {
    assert.equal(render(ne('active', false)), 'active ne false');
    assert.equal(render(co('displayName', 'eng')), 'displayName co "eng"');
    assert.equal(render(sw('displayName', 'go-')), 'displayName sw "go-"');
    const f = and(or(eq('displayName', 'a'), eq('displayName', 'b')), eq('active', true));
    assert.equal(render(f), '(displayName eq "a" or displayName eq "b") and active eq true');
    assert.equal(render(or(eq('id', '1'))), 'id eq "1"', 'a single operand needs no operator');
  });

  it('rejects attribute names that are not plain attribute paths', () => {
    for (const bad of ['', 'user name', 'userName eq "x" or id', 'a.b.c', 'emails[type eq "work"]', '1abc', 'x)']) {
      assert.throws(() => eq(bad, 'v'), /Not a valid SCIM attribute name/, bad);
    }
    assert.doesNotThrow(() => eq('emails.value', 'x'));
    assert.doesNotThrow(() => eq('name.givenName', 'x'));
  });

  it('counts nodes like the server: comparisons plus binary operators', () => {
    assert.equal(nodeCount(eq('id', '1')), 1);
    assert.equal(nodeCount(or(eq('id', '1'), eq('id', '2'), eq('id', '3'))), 5);
    assert.equal(nodeCount(and(or(eq('id', '1'), eq('id', '2')), eq('active', true))), 5);
  });

  it('orChunks keeps each filter within the node limit and covers every value once', () => {
    const values = Array.from({ length: 450 }, (_, i) => `User${i}@X.com`);
    const chunks = orChunks('userName', [...values, values[0] as string]);
    assert.equal(chunks.length, 5, '450 distinct values at 100 per chunk');
    for (const c of chunks) {
      const comparisons = c.split(' or ').length;
      assert.ok(2 * comparisons - 1 <= MAX_FILTER_NODES, `${comparisons} comparisons exceed ${MAX_FILTER_NODES} nodes`);
    }
    const all = chunks.flatMap((c) => c.split(' or ').map((part) => /"(.*)"$/.exec(part)?.[1]));
    assert.deepEqual(
      all,
      values.map((v) => v.toLowerCase()),
    );
    assert.deepEqual(orChunks('id', ['1', '2', '3'], 3), ['id eq "1" or id eq "2"', 'id eq "3"']);
    assert.deepEqual(orChunks('id', []), []);
  });
});

describe('scim filters against the emulator', function () {
  this.timeout(20000);
  let h: ScimHarness;
  forSuite(
    () => startHarness({ dataset: 'empty' }),
    (started) => (h = started),
  );

  const hostile = [
    'quote"inside',
    'back\\slash',
    'trailing\\',
    '" or "1" eq "1',
    '\\" or \\"1\\" eq \\"1',
    'ünïcødé 名前 😀',
    "single'quote",
    'paren) or (id eq "1"',
  ];

  it('hostile values reach the server escaped and find exactly their own record', async () => {
    const ids = new Map<string, string>();
    for (const name of hostile) ids.set(name, h.emulator.state.createGroup({ displayName: name }).id);
    h.emulator.state.createGroup({ displayName: 'bystander' });
    for (const name of hostile) {
      h.emulator.clearLog();
      const page = await h.scim.listPage('group', { filter: eq('displayName', name) });
      assert.deepEqual(
        page.items.map((g) => g.id),
        [ids.get(name)],
        `filter for ${JSON.stringify(name)}`,
      );
      assert.equal(page.items[0]?.displayName, name);
      const sent = h.scimRequests('/Groups', 'GET')[0]?.query['filter'];
      assert.equal(sent, `displayName eq ${quote(name)}`, 'the server received the escaped filter');
    }
  });

  it('a hostile userName is lower-cased, escaped and matched exactly', async () => {
    const userName = 'o"brien\\x@contoso.com';
    const user = h.emulator.state.createUser({ userName });
    h.emulator.state.createUser({ userName: 'someone.else@contoso.com' });
    const found = await h.scim.findByName('user', 'O"Brien\\X@Contoso.com');
    assert.equal(found?.id, user.id);
    assert.equal(await h.scim.findByName('user', '" or "1" eq "1'), undefined);
  });

  it('every orChunks chunk is accepted and together they find all values', async () => {
    const names = Array.from({ length: 230 }, (_, i) => `chunk-user-${i}@contoso.com`);
    for (const n of names) h.emulator.state.createUser({ userName: n });
    const chunks = orChunks('userName', names);
    assert.equal(chunks.length, 3);
    const found: string[] = [];
    for (const filter of chunks) {
      const users = await collectAll(h.scim.listAll('user', { filter }));
      found.push(...users.map((u) => u.userName));
    }
    assert.deepEqual(found.sort(), [...names].sort());
  });

  it('a filter over the node limit is refused with a filter message', async () => {
    const tooMany = or(...Array.from({ length: 101 }, (_, i) => eq('userName', `u${i}@x.com`)));
    assert.equal(nodeCount(tooMany), 201);
    await assert.rejects(h.scim.listPage('user', { filter: tooMany }), (err: unknown) => {
      assert.ok(err instanceof DatabricksError);
      assert.equal(err.status, 400);
      assert.match(err.userMessage, /filter/i);
      return true;
    });
  });

  it('co / sw / ne / and / boolean work on the server', async () => {
    const a = h.emulator.state.createUser({ userName: 'alpha.one@fabrikam.com', active: true });
    const b = h.emulator.state.createUser({ userName: 'alpha.two@fabrikam.com', active: false });
    const sws = await collectAll(h.scim.listAll('user', { filter: sw('userName', 'ALPHA.') }));
    assert.deepEqual(sws.map((u) => u.id).sort(), [a.id, b.id].sort());
    const inactive = await collectAll(
      h.scim.listAll('user', { filter: and(co('userName', 'fabrikam'), eq('active', false)) }),
    );
    assert.deepEqual(
      inactive.map((u) => u.id),
      [b.id],
    );
    const notA = await collectAll(
      h.scim.listAll('user', {
        filter: and(co('userName', '@fabrikam.com'), ne('userName', 'alpha.one@fabrikam.com')),
      }),
    );
    assert.deepEqual(
      notA.map((u) => u.id),
      [b.id],
    );
  });
});
