// List answers that are not lists, and servers that never end a listing. A 2xx that is not a
// ListResponse must fail loudly: read as "no results" it empties the explorer and, in a
// reconcile, makes every member look extra. Paging must end whatever the server claims.

import { strict as assert } from 'node:assert';
import { GraphError } from '../../src/core/graph/errors';
import { collectAll, pageThrough, type PageFetcher } from '../../src/core/scim/paging';
import { DatabricksError } from '../../src/core/databricks/errors';
import { HOSTILE_PAT, reply, startHostileServer, type HostileServer } from './support/hostileServer';
import { forSuite } from './support/lifecycle';

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const user = (id: string) => ({ id, userName: `${id}@contoso.com` });

async function scimFailure(promise: Promise<unknown>): Promise<DatabricksError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof DatabricksError, `not a DatabricksError: ${String(e)}`);
    assert.ok(!e.userMessage.includes(HOSTILE_PAT) && !e.message.includes(HOSTILE_PAT));
    return e;
  }
  assert.fail('expected a DatabricksError');
}

describe('hostile list answers (real HTTP)', () => {
  let h: HostileServer;
  forSuite(startHostileServer, (started) => (h = started));

  it('an HTML sign-in page with status 200 is an error, never an empty user list', async () => {
    h.answer(reply(200, '<!doctype html><html><title>Sign in to your account</title></html>', 'text/html'));
    const { scim } = h.scim();
    const err = await scimFailure(scim.listPage('user'));
    assert.equal(err.code, 'UNEXPECTED_ANSWER');
    assert.match(err.userMessage, /did not answer like Databricks SCIM/);
    await scimFailure(collectAll(scim.listAll('user')));
  });

  it('{} and a list without Resources and without totalResults: 0 are errors', async () => {
    const { scim } = h.scim();
    for (const body of [
      {},
      { schemas: [LIST], totalResults: 4, startIndex: 1 },
      { Resources: 'none', totalResults: 0 },
      { Resources: [], totalResults: -1 },
    ]) {
      h.answer(reply(200, JSON.stringify(body)));
      const err = await scimFailure(collectAll(scim.listAll('group')));
      assert.equal(err.code, 'UNEXPECTED_ANSWER', JSON.stringify(body));
    }
  });

  it('an empty result without Resources is an empty list (totalResults 0, or a page past the end)', async () => {
    const { scim } = h.scim();
    h.answer(reply(200, JSON.stringify({ schemas: [LIST], totalResults: 0, startIndex: 1, itemsPerPage: 0 })));
    assert.deepEqual(await collectAll(scim.listAll('user')), []);
    h.answer(reply(200, JSON.stringify({ schemas: [LIST], totalResults: 3, startIndex: 4, itemsPerPage: 0 })));
    assert.deepEqual((await scim.listPage('user', { startIndex: 4 })).items, []);
  });

  it('Graph: a 200 {} or a sign-in page for a member listing is an error, never "no members"', async () => {
    const { graph } = h.graph();
    for (const [body, type] of [
      ['{}', 'application/json'],
      ['<html><title>Sign in</title></html>', 'text/html'],
    ] as const) {
      h.answer(reply(200, body, type));
      const pages = graph.listMembers('1b0c4c36-7d05-4e2c-9d0f-000000000001');
      await assert.rejects(pages.next(), (e: unknown) => e instanceof GraphError && e.code === 'InvalidResponse');
    }
  });

  it('Graph: a nextLink back to a page already read, or a fresh link to the same members, ends with an error', async () => {
    const { graph } = h.graph();
    const group = '1b0c4c36-7d05-4e2c-9d0f-000000000001';
    const page = (next: string) =>
      JSON.stringify({ value: [{ id: 'u1', '@odata.type': '#microsoft.graph.user' }], '@odata.nextLink': next });
    h.answer(
      (req, res) =>
        void res.writeHead(200, { 'content-type': 'application/json' }).end(page(`${h.server.url}${req.url ?? ''}`)),
    );
    const loop = h.server.requests.length;
    await assert.rejects(
      collectAll(graph.listMembers(group, { servicePrincipals: false })),
      (e: unknown) => e instanceof GraphError && /repeats an earlier page/.test(e.detail),
    );
    assert.equal(h.server.requests.length - loop, 1);
    let n = 0;
    h.answer(
      (_req, res) =>
        void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(page(`${h.server.url}/v1.0/next?skiptoken=${++n}`)),
    );
    const fresh = h.server.requests.length;
    await assert.rejects(
      collectAll(graph.listMembers(group, { servicePrincipals: false })),
      (e: unknown) => e instanceof GraphError && /repeats the members of the page before it/.test(e.detail),
    );
    assert.equal(h.server.requests.length - fresh, 2);
  });

  it('a server that ignores startIndex is stopped with an error after the second page', async () => {
    h.answer(
      reply(
        200,
        JSON.stringify({ schemas: [LIST], totalResults: 1000, startIndex: 1, Resources: [user('1'), user('2')] }),
      ),
    );
    const { scim } = h.scim({ pageSize: 2, concurrency: 2 });
    const before = h.server.requests.length;
    const err = await scimFailure(collectAll(scim.listAll('user')));
    assert.match(err.detail, /repeats the previous page: the server ignores startIndex/);
    assert.ok(h.server.requests.length - before <= 4, `${h.server.requests.length - before} requests`);
  });

  it('the same without totalResults (one page at a time) stops after the second page too', async () => {
    h.answer(reply(200, JSON.stringify({ schemas: [LIST], Resources: [user('1'), user('2')] })));
    const { scim } = h.scim({ pageSize: 2 });
    const before = h.server.requests.length;
    const err = await scimFailure(collectAll(scim.listAll('user')));
    assert.match(err.detail, /repeats the previous page/);
    assert.equal(h.server.requests.length - before, 2);
  });

  it('a totalResults of 4e9 is refused after the first page, before any other request', async () => {
    h.answer(
      reply(
        200,
        JSON.stringify({ schemas: [LIST], totalResults: 4e9, startIndex: 1, Resources: [user('1'), user('2')] }),
      ),
    );
    const { scim } = h.scim({ pageSize: 2 });
    const before = h.server.requests.length;
    const err = await scimFailure(collectAll(scim.listAll('user')));
    assert.match(err.detail, /reports 4000000000 results, more than 10000 pages/);
    assert.equal(h.server.requests.length - before, 1);
  });
});

describe('paging limits (scripted server)', () => {
  it('stops a listing that never ends at maxPages with a clear error', async () => {
    let calls = 0;
    const endless: PageFetcher<{ id: string }> = async (startIndex) => {
      calls++;
      return { items: [{ id: `u${startIndex}` }], startIndex, totalResults: undefined, returned: 1 };
    };
    await assert.rejects(
      collectAll(pageThrough(endless, { pageSize: 1, concurrency: 4, idOf: (i) => i.id, maxPages: 50 })),
      /the listing goes on for more than 50 pages/,
    );
    assert.equal(calls, 50);
  });
});
