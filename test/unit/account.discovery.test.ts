// Finding the account of a workspace from its public discovery document: sent without any
// credential, and every answer that is not the document is "not available", never an exception.

import { strict as assert } from 'node:assert';
import { discoverAccount } from '../../src/core/account/discovery';
import { startAccountRig, type AccountRig } from './support/accountRig';
import { forEachTest } from './support/lifecycle';

const PATH = '/.well-known/databricks-config';

describe('account discovery through /.well-known/databricks-config', function () {
  this.timeout(20000);
  let r: AccountRig;
  forEachTest(
    () => startAccountRig({ workspaces: 2 }),
    (started) => (r = started),
  );

  it('names the account and the workspace, and is sent without credentials although the client has a token', async () => {
    const http = r.workspaceHttp();
    const found = await discoverAccount(r.emu.url, http);
    assert.deepEqual(found, {
      available: true,
      accountId: r.emu.account.id,
      workspaceId: r.emu.workspaceId,
      cloud: 'azure',
    });
    const second = r.emu.workspaces[1];
    assert.ok(second);
    const other = await discoverAccount(`${second.url}/?o=${second.workspaceId}`, http);
    assert.equal(other.available && other.workspaceId, second.workspaceId);
    const sent = r.emu.log.filter((e) => e.path === PATH);
    assert.equal(sent.length, 2);
    assert.ok(sent.every((e) => e.authorization === undefined));
  });

  it('a workspace without the document is "not available" (the 401 that follows is not thrown)', async () => {
    r.emu.setKnobs({ wellKnownConfig: false });
    const found = await discoverAccount(r.emu.url, r.workspaceHttp());
    assert.equal(found.available, false);
    assert.ok(!found.available && /HTTP 4\d\d/.test(found.reason), JSON.stringify(found));
  });

  it('HTML, garbage, a 404 page or an id that is no id are "not available", and the server text is not repeated', async () => {
    const http = r.workspaceHttp();
    const hostile = '<script>alert(1)</script>\u001b[2K';
    const answers = [
      { status: 200, body: `<html><body>${hostile}</body></html>`, contentType: 'text/html' },
      { status: 200, body: '{"account_id": ', contentType: 'application/json' },
      { status: 404, body: `<pre>${hostile}</pre>`, contentType: 'text/html' },
      {
        status: 200,
        body: JSON.stringify({ account_id: '../../evil', workspace_id: 1 }),
        contentType: 'application/json',
      },
      { status: 200, body: JSON.stringify([{ account_id: 'a' }]), contentType: 'application/json' },
    ];
    for (const a of answers) {
      r.emu.injectFaults({ kind: 'status', match: { path: PATH }, times: 1, ...a });
      const found = await discoverAccount(r.emu.url, http);
      assert.equal(found.available, false, a.body);
      assert.ok(!found.available && !found.reason.includes('<') && !found.reason.includes('\u001b'), found.reason);
    }
  });

  it('keeps a workspace id above 2^53 digit for digit', async () => {
    const big = '9007199254740993';
    r.emu.injectFaults({
      kind: 'status',
      match: { path: PATH },
      times: 1,
      status: 200,
      contentType: 'application/json',
      body: `{"account_id":"${r.emu.account.id}","workspace_id":${big},"cloud":"azure"}`,
    });
    const found = await discoverAccount(r.emu.url, r.workspaceHttp());
    assert.equal(found.available && found.workspaceId, big);
  });
});
