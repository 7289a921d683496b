// Every row menu entry of package.json, evaluated against the contextValue of every node kind and
// flag set the explorer renders: which rows offer which command, and an inline button is never
// offered where the same command's context-menu entry is not.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExplorerNode } from '../../src/ui/explorer/nodes';
import { contextValueOf } from '../../src/ui/explorer/presentation';
import type { RowState } from '../../src/ui/explorer/rowState';

interface MenuEntry {
  command: string;
  when: string;
  group?: string;
}

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { menus: { 'view/item/context': MenuEntry[] } };
};
const rowMenus = manifest.contributes.menus['view/item/context'];

/** Evaluates the `&&` terms our when clauses use; any other form fails so it gets handled here. */
function shows(when: string, contextValue: string): boolean {
  return when.split('&&').every((raw) => {
    const term = raw.trim();
    if (term === 'view == dbxScim.explorer') return true;
    const regex = /^viewItem =~ \/(.*)\/$/.exec(term);
    if (regex?.[1] !== undefined) return new RegExp(regex[1]).test(contextValue);
    const equal = /^viewItem == (\S+)$/.exec(term);
    if (equal?.[1] !== undefined) return contextValue === equal[1];
    throw new Error(`a when term this test cannot evaluate: "${term}"`);
  });
}

const base = { host: 'https://adb-1.azuredatabricks.net', parent: undefined };
const ws = { ...base, kind: 'workspace', key: 'w', name: 'W', auth: 'pat' } as const;
const workspaceUserMember = {
  ...base,
  kind: 'member',
  key: 'm',
  groupId: '2',
  groupName: 'g',
  id: '1',
  memberKind: 'user',
  display: 'A',
  groupSource: 'workspace',
} as const;
const ghostUser = {
  ...base,
  kind: 'missingMember',
  key: 'x',
  groupId: '2',
  principalKind: 'user',
  principalKey: 'a@b.c',
  display: 'A',
  finding: 'missing',
} as const;
/** One node per kind and flag set the tree shows, by a short name. */
const FIXTURES: Record<string, ExplorerNode> = {
  'workspace (PAT)': ws,
  'workspace (Entra)': { ...ws, auth: 'entra' },
  'folder users': { ...base, kind: 'folder', key: 'f', folder: 'users' },
  'folder groups': { ...base, kind: 'folder', key: 'f', folder: 'groups' },
  user: { ...base, kind: 'user', key: 'u', id: '1', userName: 'a@b.c' },
  'workspace group': { ...base, kind: 'group', key: 'g', id: '2', displayName: 'g', source: 'workspace' },
  'account group': { ...base, kind: 'group', key: 'g', id: '2', displayName: 'g', source: 'account' },
  'drifted group': {
    ...base,
    kind: 'group',
    key: 'g',
    id: '2',
    displayName: 'g',
    source: 'workspace',
  },
  'service principal': { ...base, kind: 'servicePrincipal', key: 's', id: '3', applicationId: 'app' },
  'user in a workspace group': workspaceUserMember,
  'user in an account group': { ...workspaceUserMember, groupSource: 'account' },
  'nested group member': { ...workspaceUserMember, id: '4', memberKind: 'group', display: 'n' },
  'ghost user (missing)': ghostUser,
  'ghost user (not in the workspace)': { ...ghostUser, finding: 'notProvisioned' },
  'ghost group (not in the workspace)': {
    ...ghostUser,
    principalKind: 'group',
    principalKey: 'n',
    display: 'n',
    finding: 'notProvisioned',
  },
  entitlement: {
    ...base,
    kind: 'entitlement',
    key: 'e',
    principalKind: 'user',
    principalId: '1',
    value: 'workspace-access',
  },
  'sign-in error': {
    ...base,
    kind: 'error',
    key: 'r',
    message: 'no token',
    action: { command: 'dbxScim.setToken', title: 'Set Token…' },
  },
  'load more': { ...base, kind: 'loadMore', key: 'l', shown: 1 },
  account: { ...base, kind: 'account', key: 'account:a', accountId: 'a', workspaces: ['W'] },
  'account folder groups': {
    ...base,
    kind: 'accountFolder',
    key: 'account:a/groups',
    accountId: 'a',
    folder: 'groups',
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
  'group of unknown source': { ...base, kind: 'group', key: 'g', id: '2', displayName: 'g' },
  'assignment of an unknown kind': {
    ...base,
    kind: 'assignment',
    key: 'w/access/9',
    principalKind: 'unknown',
    principalId: '9',
    display: '9',
    permissions: ['USER'],
  },
} as unknown as Record<string, ExplorerNode>;

/** Row state that goes with a fixture (the tree keeps it beside the node). */
const STATES: Record<string, RowState> = {
  'drifted group': { drift: { summary: '1 not in Entra', count: 1 } },
};

function offered(command: string, inline: boolean, busy = false): string[] {
  const entries = rowMenus.filter((m) => m.command === command && (m.group?.startsWith('inline') ?? false) === inline);
  return Object.entries(FIXTURES)
    .filter(([name, node]) => entries.some((m) => shows(m.when, contextValueOf(node, busy, STATES[name]))))
    .map(([name]) => name);
}

describe('row menus (package.json when clauses against every node kind)', () => {
  it('every row menu entry is one this test can evaluate', () => {
    for (const m of rowMenus) assert.doesNotThrow(() => shows(m.when, 'workspace;pat'), m.command);
  });

  it('an inline button is only offered where its context-menu entry is too', () => {
    const inlineCommands = new Set(rowMenus.filter((m) => m.group?.startsWith('inline')).map((m) => m.command));
    for (const command of inlineCommands) {
      const inContext = new Set(offered(command, false));
      if (inContext.size === 0) continue; // an inline-only action (the ghost's Add, Set Token on an error row)
      const extra = offered(command, true).filter((name) => !inContext.has(name));
      assert.deepEqual(extra, [], `${command}: inline on rows whose context menu lacks it`);
    }
  });

  const WORKSPACES = ['workspace (PAT)', 'workspace (Entra)'];
  const WORKSPACE_PRINCIPALS = [
    'user',
    'workspace group',
    'account group',
    'drifted group',
    'service principal',
    'group of unknown source',
  ];
  const MEMBERS = ['user in a workspace group', 'user in an account group', 'nested group member'];
  const expected: Record<string, string[]> = {
    'dbxScim.addMembers': [
      'workspace group',
      'account group',
      'drifted group',
      'nested group member',
      'group of unknown source',
    ],
    'dbxScim.removeMember': ['user in a workspace group', 'user in an account group', 'nested group member'],
    'dbxScim.addMissingMember': ['ghost user (missing)', 'ghost user (not in the workspace)'],
    'dbxScim.reconcile': ['drifted group'],
    'dbxScim.setToken': ['workspace (PAT)', 'sign-in error'],
    'dbxScim.signIn': ['workspace (Entra)'],
    'dbxScim.createGroup': ['workspace (PAT)', 'workspace (Entra)', 'folder groups'],
    'dbxScim.signInToAccount': ['account', 'access folder'],
    // Not on workspace-local groups, which live in one workspace only; removal only of a direct assignment.
    'dbxScim.assignToWorkspace': [
      'user',
      'account group',
      'service principal',
      'group at account level',
      'user at account level',
      'access folder',
      'assigned group',
      'user assigned through a group',
      'group of unknown source',
    ],
    'dbxScim.removeFromWorkspace': [
      'user',
      'account group',
      'service principal',
      'access folder',
      'assigned group',
      'group of unknown source',
    ],
    'dbxScim.manageGroupManagers': [
      'account group',
      'group at account level',
      'assigned group',
      'group of unknown source',
    ],
    'dbxScim.copyId': [
      ...WORKSPACES,
      ...WORKSPACE_PRINCIPALS,
      ...MEMBERS,
      'ghost user (missing)',
      'ghost user (not in the workspace)',
      'ghost group (not in the workspace)',
      'entitlement',
      'account',
      'group at account level',
      'user at account level',
      'assigned group',
      'user assigned through a group',
      'assignment of an unknown kind',
    ],
    // A page in the workspace's admin console: none for account-level rows or principals of an unknown kind.
    'dbxScim.openInBrowser': [
      ...WORKSPACES,
      ...WORKSPACE_PRINCIPALS,
      ...MEMBERS,
      'entitlement',
      'assigned group',
      'user assigned through a group',
    ],
    'dbxScim.refresh': [
      ...WORKSPACES,
      'folder users',
      'folder groups',
      ...WORKSPACE_PRINCIPALS,
      'nested group member',
      'account',
      'account folder groups',
      'group at account level',
      'access folder',
      'assigned group',
    ],
  };
  for (const [command, rows] of Object.entries(expected)) {
    it(`${command} is offered on exactly: ${rows.join(', ')}`, () => {
      const all = [...new Set([...offered(command, false), ...offered(command, true)])];
      assert.deepEqual(all.sort(), [...rows].sort());
    });
  }

  it('no inline write button on a row that is busy', () => {
    for (const command of ['dbxScim.addMembers', 'dbxScim.removeMember', 'dbxScim.addMissingMember']) {
      assert.deepEqual(offered(command, true, true), [], command);
    }
  });
});
