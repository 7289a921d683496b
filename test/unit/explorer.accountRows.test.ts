// The words of the identity-federation rows: an account and its principals, a workspace's Access
// folder and its assignments (level, direct or through which group), and what every group row says
// about where the group lives and who can change it — in the routing table's own words.
import { strict as assert } from 'node:assert';
import { routeFor } from '../../src/core/account/routing';
import type {
  AccessFolderNode,
  AccountNode,
  AccountPrincipalNode,
  AssignmentNode,
  GroupNode,
  WorkspaceNode,
} from '../../src/ui/explorer/nodes';
import { contextValueOf, descriptionOf, labelOf, tooltipMarkdown } from '../../src/ui/explorer/presentation';

const host = 'https://adb-1.1.azuredatabricks.net';
const ws: WorkspaceNode = { kind: 'workspace', key: host, host, parent: undefined, name: 'prod', auth: 'entra' };
const access: AccessFolderNode = { kind: 'accessFolder', key: `${host}/access`, host, parent: ws };
const assigned = (over: Partial<AssignmentNode>): AssignmentNode => ({
  kind: 'assignment',
  key: `${host}/access/1`,
  host,
  parent: access,
  principalKind: 'user',
  principalId: '1',
  display: 'Kavya Reddy',
  permissions: ['USER'],
  ...over,
});

/** Markdown without its escapes and code spans: the sentence as a person reads it. */
const plain = (md: string | undefined): string => (md ?? '').replace(/\\(.)/g, '$1').replace(/`/g, '');

describe('explorer rows: a workspace’s Access folder', () => {
  it('a direct assignment reads "USER · direct", an admin "ADMIN · direct"', () => {
    assert.equal(descriptionOf(assigned({})), 'USER · direct');
    assert.equal(descriptionOf(assigned({ permissions: ['USER', 'ADMIN'] })), 'ADMIN · direct');
    assert.equal(labelOf(assigned({})), 'Kavya Reddy');
  });

  it('a member of an assigned group names the group it gets its level through', () => {
    const member = assigned({ permissions: ['ADMIN'], through: ['data-science'] });
    assert.equal(descriptionOf(member), 'ADMIN · through data-science');
    assert.match(plain(tooltipMarkdown(member)), /Assigned: through the assigned group data-science/);
    assert.match(plain(tooltipMarkdown(member)), /Access: ADMIN: workspace admin/);
    const nested = assigned({ through: ['all-employees', 'data-eng'] });
    assert.equal(descriptionOf(nested), 'USER · through all-employees › data-eng');
  });

  it('an assigned group expands to its members and shows their count once known', () => {
    const group = assigned({ principalKind: 'group', display: 'data-science' });
    assert.equal(descriptionOf(group, { count: 3 }), 'USER · direct · 3 members');
    assert.equal(contextValueOf(group), 'assignment;direct;group;user');
  });

  it('a broken assignment says so, with the service’s reason in the tooltip', () => {
    const broken = assigned({ error: 'Principal not found in account' });
    assert.equal(descriptionOf(broken), 'USER · direct · broken');
    assert.match(plain(tooltipMarkdown(broken)), /Problem: Principal not found in account/);
    assert.match(contextValueOf(broken), /^assignment;(.*;)?broken(;|$)/);
  });

  it('the folder says what USER and ADMIN mean, and its count once loaded', () => {
    assert.equal(labelOf(access), 'Access');
    assert.equal(descriptionOf(access, { count: 4 }), '4');
    assert.match(plain(tooltipMarkdown(access)), /USER may use it, ADMIN is a workspace admin/);
    assert.equal(contextValueOf(access), 'accessFolder');
  });
});

describe('explorer rows: the account', () => {
  const account: AccountNode = {
    kind: 'account',
    key: 'account:a1b2',
    host,
    parent: undefined,
    accountId: 'a1b2',
    workspaces: ['prod', 'analytics'],
  };

  it('one row per account, naming its id and the workspaces behind it', () => {
    assert.equal(labelOf(account), 'Account');
    assert.equal(descriptionOf(account), 'a1b2 · prod, analytics');
    assert.equal(contextValueOf(account), 'account');
  });

  it('an account group says it lives in the account, who manages it and how to become a manager', () => {
    const folder = { kind: 'accountFolder', key: 'account:a1b2/groups', host, parent: account } as const;
    const group: AccountPrincipalNode = {
      kind: 'accountPrincipal',
      key: 'account:a1b2/groups/9',
      host,
      parent: { ...folder, accountId: 'a1b2', folder: 'groups' },
      accountId: 'a1b2',
      principalKind: 'group',
      id: '9',
      display: 'data-science',
    };
    assert.equal(descriptionOf(group, { count: 3 }), '3 members · account group');
    const tip = plain(tooltipMarkdown(group, { managers: ['users/ben.carter@contoso.com'] }));
    assert.match(tip, /Group managers: ben\.carter@contoso\.com \(user\)/);
    assert.match(tip, /Members changed by: account admins and group managers/);
    assert.match(tip, /to make you a group manager/);
    assert.equal(contextValueOf(group), 'accountPrincipal;group');
  });
});

describe('explorer rows: where a workspace group lives and who can change it', () => {
  const group = (source: 'account' | 'workspace'): GroupNode => ({
    kind: 'group',
    key: `${host}/groups/7`,
    host,
    parent: ws,
    id: '7',
    displayName: 'analysts',
    source,
  });
  const refusal = (kind: 'account' | 'workspace-local', operation: 'addMember' | 'setEntitlements'): string => {
    const decision = routeFor({ kind, role: 'none', operation, identityV2: false });
    assert.ok(!decision.ok);
    return decision.message;
  };

  it('an account group: lives in the account; members by account admins and group managers; the refusals’ how-to', () => {
    assert.equal(descriptionOf(group('account')), 'account group');
    const tip = plain(tooltipMarkdown(group('account')));
    assert.match(tip, /Lives in: the account \(account group\)/);
    assert.match(tip, /Members changed by: account admins and group managers/);
    assert.match(tip, /Entitlements changed by: workspace admins, in each workspace/);
    assert.ok(tip.includes(refusal('account', 'addMember')), tip);
    assert.ok(tip.includes(refusal('account', 'setEntitlements')), tip);
  });

  it('a workspace-local group: legacy, changed by workspace admins, and how to become one', () => {
    assert.equal(descriptionOf(group('workspace')), 'workspace-local');
    const tip = plain(tooltipMarkdown(group('workspace')));
    assert.match(tip, /Lives in: this workspace only \(workspace-local, legacy\)/);
    assert.match(tip, /Members changed by: workspace admins/);
    assert.ok(tip.includes(refusal('workspace-local', 'addMember')), tip);
  });
});
