// Presenters of the identity-federation rows: an account, its folders and principals, a
// workspace's Access folder and the assignments in it. No `vscode` import.
import { KIND_NOUNS } from '../../core/scim/types';
import { escapeMarkdown } from '../../core/text/markdown';
import { groupHomeShort, groupRoleParagraphs, groupRoleRows } from './groupRoles';
import type {
  AccessFolderNode,
  AccountFolderNode,
  AccountNode,
  AccountPrincipalNode,
  AssignmentNode,
  WorkspacePermissionLevel,
} from './nodes';
import type { RowState } from './rowState';
import {
  activeText,
  FOLDER_ICONS,
  FOLDER_LABELS,
  inactive,
  join,
  listText,
  memberCount,
  memberIcon,
  tooltip,
  type RowParts,
} from './rowText';

export function accountRow(node: AccountNode): RowParts {
  return {
    label: 'Account',
    description: join(node.accountId, node.workspaces.join(', ')),
    icon: 'cloud',
    flags: [],
    tooltip: tooltip('Databricks account', [
      ['Account id', node.accountId],
      ['Workspaces here', node.workspaces.join(', ')],
      ['Reached through', node.host],
    ]),
    expands: 'collapsed',
  };
}

export function accountFolderRow(node: AccountFolderNode, state: RowState): RowParts {
  const count = state.count === undefined ? undefined : String(state.count);
  return {
    label: FOLDER_LABELS[node.folder],
    description: count,
    icon: FOLDER_ICONS[node.folder],
    flags: [node.folder],
    tooltip:
      tooltip(`${FOLDER_LABELS[node.folder]} of the account`, [
        ['Account id', node.accountId],
        ['Count', count],
      ]) + `\n\n${escapeMarkdown('Shown 100 at a time: the account API returns at most 100 a page.')}`,
    expands: 'collapsed',
  };
}

export function accountPrincipalRow(node: AccountPrincipalNode, state: RowState): RowParts {
  const isGroup = node.principalKind === 'group';
  const source = isGroup ? 'account' : undefined;
  return {
    label: node.display,
    description: join(
      node.detail,
      isGroup ? memberCount(state.count) : undefined,
      groupHomeShort(source),
      inactive(node.active),
    ),
    icon: isGroup ? 'globe' : memberIcon(node.principalKind),
    ...(node.active === false ? { iconColor: 'disabled' as const } : {}),
    flags: [
      node.principalKind,
      ...(node.memberOf === undefined ? [] : ['member']),
      ...(node.active === false ? ['inactive'] : []),
    ],
    tooltip:
      tooltip(node.display, [
        ['Type', `account ${KIND_NOUNS[node.principalKind]}`],
        [node.principalKind === 'servicePrincipal' ? 'Application id' : 'User name', node.detail],
        ['Id', node.id],
        ['External id', node.externalId],
        ['Member of', node.memberOf],
        ['Active', activeText(node.active)],
        ['Members', isGroup && state.count !== undefined ? String(state.count) : undefined],
        ...groupRoleRows(source),
        ['Group managers', isGroup ? managersText(state.managers) : undefined],
      ]) + groupRoleParagraphs(source),
    expands: isGroup ? 'collapsed' : 'no',
  };
}

/** `users/ana@x` → `ana@x (user)`; unknown until the group was opened. */
function managersText(managers: readonly string[] | undefined): string | undefined {
  if (managers === undefined) return undefined;
  return listText(
    managers.map((m) => {
      const [kind, ...rest] = m.split('/');
      const noun =
        kind === 'users'
          ? 'user'
          : kind === 'groups'
            ? 'group'
            : kind === 'servicePrincipals'
              ? 'service principal'
              : undefined;
      return noun ? `${rest.join('/')} (${noun})` : m;
    }),
  );
}

export function accessFolderRow(_node: AccessFolderNode, state: RowState): RowParts {
  const count = state.count === undefined ? undefined : String(state.count);
  return {
    label: 'Access',
    description: count,
    icon: 'shield',
    flags: [],
    tooltip:
      tooltip('Access', [['Assignments', count]]) +
      `\n\n${escapeMarkdown(
        "Who may use this workspace, from the account's workspace permission assignments: USER may use it, " +
          'ADMIN is a workspace admin. The members of an assigned group get its level through the group.',
      )}`,
    expands: 'collapsed',
  };
}

/** The level a row shows: ADMIN includes USER. */
export function levelOf(permissions: readonly WorkspacePermissionLevel[]): string {
  return permissions.includes('ADMIN') ? 'ADMIN' : permissions.includes('USER') ? 'USER' : 'no known level';
}

/** "direct" or "through data-science" (nested groups joined with ›). */
export function howAssigned(node: AssignmentNode): string {
  return node.through && node.through.length > 0 ? `through ${node.through.join(' › ')}` : 'direct';
}

const LEVEL_MEANING: Record<string, string> = {
  ADMIN: 'ADMIN: workspace admin',
  USER: 'USER: may use the workspace',
};

export function assignmentRow(node: AssignmentNode, state: RowState): RowParts {
  const isGroup = node.principalKind === 'group';
  const level = levelOf(node.permissions);
  const inherited = node.through !== undefined && node.through.length > 0;
  return {
    label: node.display,
    description: join(
      level,
      howAssigned(node),
      isGroup ? memberCount(state.count) : undefined,
      node.error === undefined ? undefined : 'broken',
    ),
    icon: node.error === undefined ? memberIcon(node.principalKind) : 'warning',
    ...(node.error === undefined ? {} : { iconColor: 'warning' as const }),
    flags: [
      node.principalKind,
      inherited ? 'inherited' : 'direct',
      level === 'ADMIN' ? 'admin' : 'user',
      ...(node.error === undefined ? [] : ['broken']),
    ],
    tooltip: tooltip(node.display, [
      ['Type', KIND_NOUNS[node.principalKind]],
      [node.principalKind === 'servicePrincipal' ? 'Application id' : 'Name', node.detail],
      ['Id', node.principalId],
      ['Access', LEVEL_MEANING[level] ?? level],
      ['Assigned', inherited ? `through the assigned group ${node.through?.join(' › ')}` : 'directly'],
      ['Members', isGroup && state.count !== undefined ? String(state.count) : undefined],
      ['Problem', node.error],
    ]),
    expands: isGroup ? 'collapsed' : 'no',
  };
}
