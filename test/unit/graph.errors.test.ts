// Graph failures → GraphError with a message that says what to do; 429 retried on Retry-After;
// the bearer token never leaves the Graph origin (foreign nextLink refused, redirect stripped).

import { strict as assert } from 'node:assert';
import { GraphClient } from '../../src/core/graph/client';
import { collectAll } from '../../src/core/scim/paging';
import { GraphError } from '../../src/core/graph/errors';
import { startGraphEmulator, type GraphEmulator } from '../emulator/graph';
import { addBigGroup, startGraphHarness, type GraphHarness } from './graph.helpers';
import { httpFor } from './support/builders';
import { forEachTest } from './support/lifecycle';
import { rejection as rejectionOf } from './support/rejection';

const rejection = (p: Promise<unknown>) => rejectionOf(p, GraphError);

describe('graph errors', function () {
  this.timeout(20000);
  let h: GraphHarness;
  forEachTest(
    () => startGraphHarness({ org: 'demo' }),
    (started) => (h = started),
  );

  it('403 without GroupMember.Read.All names that permission', async () => {
    h.emu.setKnobs({ deniedPermissions: ['GroupMember.Read.All'] });
    const err = await rejection(collectAll(h.graph.listMembers(h.group('data-eng').id)));
    assert.deepEqual([err.status, err.code], [403, 'Authorization_RequestDenied']);
    assert.match(err.userMessage, /lacks the GroupMember\.Read\.All permission/);
    assert.match(err.userMessage, /admin consent/);
    assert.equal(err.isAuthProblem, true);
  });

  it('403 on service principals names Application.Read.All (needed for their appId)', async () => {
    h.emu.setKnobs({ deniedPermissions: ['Application.Read.All'] });
    const err = await rejection(collectAll(h.graph.listMembers(h.group('data-eng').id)));
    assert.equal(err.status, 403);
    assert.match(err.userMessage, /Application\.Read\.All permission to read service principals' appId/);
  });

  it('404 names the group that was not found', async () => {
    const missing = '00000000-0000-4000-8000-00000000dead';
    const err = await rejection(h.graph.getGroup(missing));
    assert.deepEqual([err.status, err.code, err.isNotFound], [404, 'Request_ResourceNotFound', true]);
    assert.match(err.userMessage, new RegExp(`Entra group ${missing} was not found`));
    assert.match(err.userMessage, /dbxScim\.drift\.groupMappings/);
    assert.ok(err.requestId, 'innerError request-id is kept for support');
    const members = await rejection(collectAll(h.graph.listMembers(missing)));
    assert.match(members.userMessage, new RegExp(missing));
  });

  it('401 for a wrong token says to sign in again, without the token', async () => {
    const http = httpFor(h.emu.url, 'not-the-right-one');
    try {
      const wrong = new GraphClient({ endpoint: h.emu.url, http });
      const err = await rejection(wrong.findGroups('data-eng'));
      assert.deepEqual([err.status, err.code], [401, 'InvalidAuthenticationToken']);
      assert.match(err.userMessage, /Sign in to Microsoft again/);
      assert.ok(!err.message.includes('not-the-right-one') && !err.userMessage.includes('not-the-right-one'));
    } finally {
      await http.close();
    }
  });

  it('400 Request_UnsupportedQuery is reported as a query problem', async () => {
    const body = JSON.stringify({ error: { code: 'Request_UnsupportedQuery', message: 'Unsupported query.' } });
    h.emu.injectFaults({ kind: 'status', status: 400, body, match: { path: '/v1.0/groups' } });
    const err = await rejection(h.graph.findGroups('data-eng'));
    assert.deepEqual([err.status, err.code, err.detail], [400, 'Request_UnsupportedQuery', 'Unsupported query.']);
    assert.match(err.userMessage, /did not accept the query/);
  });

  it('retries 429 after Retry-After and succeeds; past the retries says when to try again', async () => {
    const dataEng = h.group('data-eng');
    h.emu.injectFaults({
      kind: 'status',
      status: 429,
      retryAfter: '2',
      times: 2,
      match: { path: `/v1.0/groups/${dataEng.id}` },
    });
    const group = await h.graph.getGroup(dataEng.id);
    assert.equal(group.displayName, 'data-eng');
    assert.deepEqual(
      h.requests(`/groups/${dataEng.id}`).map((e) => [e.status, e.retryAfter]),
      [
        [429, '2'],
        [429, '2'],
        [200, undefined],
      ],
    );

    h.emu.clearLog();
    h.emu.injectFaults({ kind: 'status', status: 429, retryAfter: '7', times: 3 });
    const err = await rejection(h.graph.getGroup(dataEng.id));
    assert.deepEqual([err.status, err.isRateLimited, err.retryAfterSeconds, err.attempts], [429, true, 7, 3]);
    assert.match(err.userMessage, /try again in 7 s/);
    assert.equal(h.emu.log.length, 3);
  });

  describe('the token stays on the Graph origin', () => {
    let elsewhere: GraphEmulator;
    beforeEach(async () => {
      elsewhere = await startGraphEmulator({ org: 'empty' });
    });
    afterEach(async () => {
      await elsewhere.close();
    });

    it('refuses a nextLink that points to another origin, before requesting it', async () => {
      const big = addBigGroup(h.emu, 'big-team', 1000);
      h.emu.setKnobs({ nextLinkOrigin: elsewhere.url });
      const err = await rejection(collectAll(h.graph.listMembers(big.id)));
      assert.equal(err.code, 'ForeignNextLink');
      assert.match(err.userMessage, new RegExp(`next-page link to ${elsewhere.url}.*not followed`));
      assert.equal(elsewhere.log.length, 0, 'nothing at all was sent to the other origin');
      assert.equal(h.requests('/members').length, 1);
    });

    it('refuses a nextLink on the Graph origin that carries a user name and password', async () => {
      const big = addBigGroup(h.emu, 'big-team-2', 1000);
      h.emu.setKnobs({ nextLinkOrigin: h.emu.url.replace('http://', 'http://someone:hunter2@') });
      const err = await rejection(collectAll(h.graph.listMembers(big.id)));
      assert.equal(err.code, 'ForeignNextLink');
      assert.doesNotMatch(`${err.userMessage} ${err.message}`, /hunter2/);
      assert.equal(h.requests('/members').length, 1, 'the link was not followed');
    });

    it('a redirect to another origin is refused, naming both origins; the other origin is never asked', async () => {
      const id = h.group('data-eng').id;
      h.emu.injectFaults({
        kind: 'redirect',
        location: `${elsewhere.url}/v1.0/groups/${id}`,
        match: { path: '/v1.0/groups' },
      });
      await assert.rejects(
        h.graph.getGroup(id),
        (e: unknown) =>
          e instanceof Error && e.message.includes(`from ${h.emu.url} to another origin, ${elsewhere.url}`),
      );
      assert.equal(elsewhere.log.length, 0);
    });
  });
});
