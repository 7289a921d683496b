// How the access commands name principals: rule-set names of group managers read back as people
// know them (and written the way the account stores them), typed names compared the way the
// account compares them, and the row menus of the access commands against every row kind.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { managerPrincipalName } from '../../src/core/account/groupManagers';
import { managerPrincipalOf, managerRefOf, sameManager, sameName } from '../../src/ui/access/names';
import type { ExplorerNode } from '../../src/ui/explorer/nodes';
import { contextValueOf } from '../../src/ui/explorer/presentation';

describe('access names (group managers, typed names)', () => {
  it('reads rule-set names back as the principal people know', () => {
    assert.deepEqual(managerRefOf('users/ben.carter@contoso.com'), { kind: 'user', name: 'ben.carter@contoso.com' });
    assert.deepEqual(managerRefOf('servicePrincipals/e1dcf94a-3343'), {
      kind: 'servicePrincipal',
      name: 'e1dcf94a-3343',
    });
    assert.deepEqual(managerRefOf('groups/data/science'), { kind: 'group', name: 'data/science' });
    assert.deepEqual(managerRefOf('accounts/x/other'), { kind: 'other', name: 'accounts/x/other' });
  });

  it('writes a manager the way it is read back', () => {
    for (const name of ['users/ben.carter@contoso.com', 'servicePrincipals/e1dcf94a-3343', 'groups/Data Science']) {
      const ref = managerRefOf(name);
      assert.ok(ref.kind !== 'other');
      assert.equal(managerPrincipalName(managerPrincipalOf({ kind: ref.kind, name: ref.name })), name);
    }
  });

  it('compares user names and application ids without case, group names exactly', () => {
    assert.equal(sameName('user', 'ben.carter@contoso.com', ' Ben.Carter@Contoso.com '), true);
    assert.equal(sameName('servicePrincipal', 'e1dcf94a-3343', 'E1DCF94A-3343'), true);
    assert.equal(sameName('group', 'data-science', 'Data-Science'), false);
    assert.equal(sameManager({ kind: 'group', name: 'data-science' }, 'data-science'), true);
  });
});

interface MenuEntry {
  command: string;
  when: string;
  group?: string;
}

describe('access row menus', () => {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
    contributes: { menus: { 'view/item/context': MenuEntry[] } };
  };
  /** The two term forms these entries use; anything else fails here. */
  const shows = (when: string, contextValue: string): boolean =>
    when.split('&&').every((raw) => {
      const term = raw.trim();
      if (term === 'view == dbxScim.explorer') return true;
      const regex = /^viewItem =~ \/(.*)\/$/.exec(term);
      if (regex?.[1] === undefined) throw new Error(`unexpected when term "${term}"`);
      return new RegExp(regex[1]).test(contextValue);
    });
  const base = { host: 'https://adb-1.azuredatabricks.net', parent: undefined };
  const rows = {
    user: { ...base, kind: 'user', key: 'u', id: '1', userName: 'a@b.c' },
    'service principal': { ...base, kind: 'servicePrincipal', key: 's', id: '3', applicationId: 'app' },
    'account group': { ...base, kind: 'group', key: 'g', id: '2', displayName: 'g', source: 'account' },
    'group of unknown source': { ...base, kind: 'group', key: 'g', id: '2', displayName: 'g' },
    'workspace group': { ...base, kind: 'group', key: 'g', id: '2', displayName: 'g', source: 'workspace' },
    workspace: { ...base, kind: 'workspace', key: 'w', name: 'W', auth: 'pat' },
    'folder users': { ...base, kind: 'folder', key: 'f', folder: 'users' },
    entitlement: { ...base, kind: 'entitlement', key: 'e', principalKind: 'user', principalId: '1', value: 'x' },
    'access folder': { ...base, kind: 'accessFolder', key: 'w/access' },
    'assigned group': {
      ...base,
      kind: 'assignment',
      key: 'w/access/2',
      principalKind: 'group',
      principalId: '2',
      display: 'g',
      permissions: ['USER'],
    },
    'user assigned through a group': {
      ...base,
      kind: 'assignment',
      key: 'w/access/2/m1',
      principalKind: 'user',
      principalId: '1',
      display: 'A',
      permissions: ['ADMIN'],
      through: ['g'],
    },
    'assignment of an unknown kind': {
      ...base,
      kind: 'assignment',
      key: 'w/access/9',
      principalKind: 'unknown',
      principalId: '9',
      display: '9',
      permissions: ['USER'],
    },
    'group at account level': {
      ...base,
      kind: 'accountPrincipal',
      key: 'account:a/groups/2',
      accountId: 'a',
      principalKind: 'group',
      id: '2',
      display: 'g',
    },
    'user at account level': {
      ...base,
      kind: 'accountPrincipal',
      key: 'account:a/users/1',
      accountId: 'a',
      principalKind: 'user',
      id: '1',
      display: 'A',
    },
    'account folder groups': {
      ...base,
      kind: 'accountFolder',
      key: 'account:a/groups',
      accountId: 'a',
      folder: 'groups',
    },
  } as unknown as Record<string, ExplorerNode>;
  const offeredOn = (command: string): string[] => {
    const entries = manifest.contributes.menus['view/item/context'].filter((m) => m.command === command);
    assert.ok(entries.length > 0, `${command} has a row menu entry`);
    return Object.entries(rows)
      .filter(([, node]) => entries.some((m) => shows(m.when, contextValueOf(node, false))))
      .map(([name]) => name);
  };

  const principals = ['user', 'service principal', 'account group', 'group of unknown source'];

  it('assign on principals that are not workspace-local, the Access folder, assignments and account principals', () => {
    assert.deepEqual(offeredOn('dbxScim.assignToWorkspace'), [
      ...principals,
      'access folder',
      'assigned group',
      'user assigned through a group',
      'group at account level',
      'user at account level',
    ]);
  });

  it('remove on principals of a workspace, its Access folder and direct assignments only', () => {
    assert.deepEqual(offeredOn('dbxScim.removeFromWorkspace'), [...principals, 'access folder', 'assigned group']);
  });

  it('manage managers on groups that are not workspace-local, wherever they are shown', () => {
    assert.deepEqual(offeredOn('dbxScim.manageGroupManagers'), [
      'account group',
      'group of unknown source',
      'assigned group',
      'group at account level',
    ]);
  });
});
