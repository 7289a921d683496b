// AccessService (src/ui/access) against the emulator's account host over real HTTP: workspace
// assignments and group managers as the commands call them, the rows it reloads, the client made
// for a handed-in token closed again, and refusals in words that name who may do it. Only the
// Connections and the explorer are stand-ins (the service asks them for an account and to reload).
import { strict as assert } from 'node:assert';
import { AccountClient } from '../../src/core/account/client';
import { entraTokenSource } from '../../src/core/account/entraToken';
import { IdentityV2Client } from '../../src/core/account/identityV2';
import type { AccountAccess, AccountRequest, Connections, WorkspaceConfig } from '../../src/ui/common/connection';
import type { ExplorerView } from '../../src/ui/explorer/explorerView';
import type { ExplorerNode } from '../../src/ui/explorer/nodes';
import type { Invalidation } from '../../src/ui/explorer/provider';
import { AccessService } from '../../src/ui/access/service';
import { FAST_RETRY } from './support/builders';
import { ACCOUNT_ADMIN, startAccountRig, type AccountRig } from './support/accountRig';
import { forEachTest } from './support/lifecycle';

const AIRFLOW_SP = 'e1dcf94a-3343-5010-a64a-a5d9e0fcc312';

describe('access service (assignments and group managers through the account)', function () {
  this.timeout(20000);
  let r: AccountRig;
  let service: AccessService;
  let host: string;
  let ws1: string;
  let invalidated: Array<[string, Invalidation]>;
  let refreshed: string[];
  let requests: AccountRequest[];
  let closedForTokens: number;

  forEachTest(
    () => startAccountRig({ workspaces: 2 }),
    (started) => {
      r = started;
      host = r.emu.url;
      ws1 = r.emu.workspaces[0]?.workspaceId ?? '';
      invalidated = [];
      refreshed = [];
      requests = [];
      closedForTokens = 0;
      service = new AccessService(connectionsFor(r), explorerStub());
    },
  );

  function explorerStub(): ExplorerView {
    return {
      invalidate: (h: string, changed: Invalidation) => void invalidated.push([h, changed]),
      refresh: (node?: ExplorerNode) => void refreshed.push(node?.key ?? '(all)'),
    } as ExplorerView;
  }

  /** The account behind workspace #1 as ConnectionManager.account gives it: a client per handed-in token. */
  function connectionsFor(rig: AccountRig): Connections {
    const workspace: WorkspaceConfig = { name: 'one', host: rig.emu.url, auth: 'pat' };
    const identityV2 = new IdentityV2Client(rig.emu.url, rig.workspaceHttp());
    const account = (_host: string, request: AccountRequest = {}): Promise<AccountAccess> => {
      requests.push(request);
      let client: AccountClient;
      if (request.token !== undefined) {
        client = new AccountClient({
          accountId: rig.emu.account.id,
          accountsHost: rig.emu.account.url,
          token: entraTokenSource(request.token),
          hostLimits: rig.registry,
          http: { noProxyFromEnv: true, retry: FAST_RETRY },
        });
        const close = client.close.bind(client);
        client.close = () => {
          closedForTokens++;
          return close();
        };
      } else client = rig.client();
      return Promise.resolve({ accountId: rig.emu.account.id, workspaceId: ws1, client, identityV2 });
    };
    return {
      list: () => [workspace],
      find: (h) => (h === workspace.host ? workspace : undefined),
      get: () => Promise.reject(new Error('the access service needs no workspace connection')),
      account,
      invalidate: () => undefined,
      onDidChange: () => ({ dispose: () => undefined }),
    };
  }

  const assignedIn = (ws: string, id: string) =>
    r.emu.account.state.assignmentsOf(ws).find((a) => a.principalId === id)?.permission;
  const groupId = (name: string) => {
    const g = r.emu.state.findGroup(name);
    assert.ok(g, `group ${name} exists`);
    return g.id;
  };

  it('assigns an account-only group with a handed-in token, reloads what it changed, closes that client', async () => {
    const token = r.emu.entraToken(ACCOUNT_ADMIN);
    const group = await service.findPrincipal(host, 'lakehouse-readers', { accountToken: token });
    assert.deepEqual(group, { kind: 'group', id: groupId('lakehouse-readers'), name: 'lakehouse-readers' });
    assert.equal(assignedIn(ws1, group.id), undefined);

    const made = await service.assign(host, group, 'USER', { accountToken: token });
    assert.deepEqual(made?.permissions, ['USER']);
    assert.equal(assignedIn(ws1, group.id), 'USER');
    const g = r.emu.state.directory.groups.get(group.id);
    assert.ok(g && r.emu.account.state.visibleIn(ws1, g), 'the group is seen in workspace #1 now');
    assert.deepEqual(invalidated, [
      [host, { principals: [group.id], folders: ['users', 'groups', 'servicePrincipals'] }],
    ]);
    assert.deepEqual(refreshed, [`${host}/access`], "the workspace's Access folder reloads");
    assert.deepEqual(requests, [{ token }, { token }]);
    assert.equal(closedForTokens, 2, 'each client made for the token was closed');
  });

  it('gives a user ADMIN, then takes the assignment away', async () => {
    const user = await service.findPrincipal(host, 'Quinn.Murphy@contoso.com');
    assert.equal(user.name, 'quinn.murphy@contoso.com');
    const made = await service.assign(host, user, 'ADMIN', { interactive: true });
    assert.deepEqual(made?.permissions, ['ADMIN']);
    assert.equal(assignedIn(ws1, user.id), 'ADMIN');
    assert.deepEqual(requests.at(-1), { interactive: true });
    assert.deepEqual(invalidated.at(-1), [host, { principals: [user.id], folders: ['users'] }]);

    const listed = await service.assignments(host);
    assert.deepEqual(listed.find((a) => a.principal.principalId === user.id)?.permissions, ['ADMIN']);
    await service.unassign(host, user);
    assert.equal(assignedIn(ws1, user.id), undefined);
  });

  it('says which principals can be assigned when the account does not know the one named', async () => {
    const local = { kind: 'group' as const, id: groupId('security-reviewers'), name: 'security-reviewers' };
    await assert.rejects(
      service.assign(host, local, 'USER'),
      /only account users, service principals and account groups/,
    );
    await assert.rejects(service.findPrincipal(host, 'nobody@contoso.com'), /There is no user "nobody@contoso.com"/);
    assert.deepEqual(invalidated, []);
  });

  it('answers a refusal with who may do it', async () => {
    const plain = r.emu.entraToken('nora.jensen@contoso.com');
    const user = await service.findPrincipal(host, 'quinn.murphy@contoso.com');
    await assert.rejects(
      service.assign(host, user, 'USER', { accountToken: plain }),
      /Only an account admin may change/,
    );
    const group = { id: groupId('data-science'), displayName: 'data-science' };
    await assert.rejects(
      service.addManager(host, group, { kind: 'user', name: 'nora.jensen@contoso.com' }, { accountToken: plain }),
      /needs an account admin or a manager of the group/,
    );
  });

  it('lists, adds and removes managers of an account group', async () => {
    const group = await service.findGroup(host, 'data-science');
    assert.deepEqual(await service.managers(host, group), [{ kind: 'user', name: 'ben.carter@contoso.com' }]);
    const sp = await service.findPrincipal(host, AIRFLOW_SP.toUpperCase());
    const added = await service.addManager(host, group, sp);
    assert.deepEqual(added, [
      { kind: 'user', name: 'ben.carter@contoso.com' },
      { kind: 'servicePrincipal', name: AIRFLOW_SP },
    ]);
    const left = await service.removeManager(host, group, { kind: 'user', name: 'ben.carter@contoso.com' });
    assert.deepEqual(left, [{ kind: 'servicePrincipal', name: AIRFLOW_SP }]);
    const rules = r.emu.account.state.ruleSet(r.emu.account.state.ruleSetName(group.id)).grantRules;
    assert.deepEqual(
      rules.flatMap((g) => g.principals),
      [`servicePrincipals/${AIRFLOW_SP}`],
    );
    assert.deepEqual(invalidated, [], 'no workspace row shows managers');
    const row = `account:${r.emu.account.id}/groups/${group.id}`;
    assert.deepEqual(refreshed, [row, row], "the group's row under its account (it shows the managers) reloads");
    await assert.rejects(service.findGroup(host, 'security-reviewers'), /no account group "security-reviewers"/);
  });
});
