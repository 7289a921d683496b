// One presenter per node kind: everything a row shows, from the node and its row state.
import { escapeMarkdown } from '../../core/text/markdown';
import type { ExplorerNode, FolderKind } from './nodes';
import { entitlementRow, groupRow, memberRow, missingMemberRow, servicePrincipalRow, userRow } from './principalRows';
import { accessFolderRow, accountFolderRow, accountPrincipalRow, accountRow, assignmentRow } from './accountRows';
import { FOLDER_ICONS, FOLDER_LABELS, join, tooltip, type Presenter } from './rowText';

export type { Presenter, RowParts } from './rowText';

type Presenters = { [K in ExplorerNode['kind']]: Presenter<Extract<ExplorerNode, { kind: K }>> };

export { FOLDER_LABELS };

const FOLDER_NOUNS: Record<FolderKind, string> = {
  users: 'users',
  groups: 'groups',
  servicePrincipals: 'service principals',
};

export function folderNoun(folder: FolderKind): string {
  return FOLDER_NOUNS[folder];
}

const AUTH_LABELS: Record<string, string> = {
  pat: 'personal access token',
  entra: 'Entra ID (VS Code sign-in)',
  'azure-cli': 'Azure CLI / environment',
};

/** Commands that fix a credential: an error offering one of them is an auth problem. */
const CREDENTIAL_COMMANDS = new Set(['dbxScim.setToken', 'dbxScim.signIn']);

function hostLabel(host: string): string {
  return host.replace(/^https?:\/\//, '');
}

export const PRESENTERS: Presenters = {
  workspace: (node, state) => ({
    label: node.name,
    // A workspace named after its host (the default name) would show the host twice.
    description: join(node.name === hostLabel(node.host) ? undefined : hostLabel(node.host), state.driftRollup),
    icon: 'server-environment',
    flags: [node.auth],
    tooltip: tooltip(node.name, [
      ['Host', node.host],
      ['Sign-in', AUTH_LABELS[node.auth] ?? node.auth],
      ['Token', state.tokenExpiry],
    ]),
    expands: 'expanded',
  }),
  folder: (node, state) => ({
    label: FOLDER_LABELS[node.folder],
    description: join(state.count === undefined ? undefined : String(state.count), state.driftRollup),
    icon: FOLDER_ICONS[node.folder],
    flags: [node.folder],
    tooltip: tooltip(FOLDER_LABELS[node.folder], [
      ['Count', state.count === undefined ? undefined : String(state.count)],
    ]),
    expands: 'collapsed',
  }),
  user: userRow,
  group: groupRow,
  servicePrincipal: servicePrincipalRow,
  member: memberRow,
  missingMember: missingMemberRow,
  entitlement: entitlementRow,
  loadMore: () => ({ label: 'Load more…', icon: 'ellipsis', flags: [], expands: 'no' }),
  error: (node) => {
    const auth = !!node.action && CREDENTIAL_COMMANDS.has(node.action.command);
    return {
      label: node.message,
      ...(node.action ? { description: node.action.title } : {}),
      icon: auth ? 'key' : 'warning',
      iconColor: 'warning',
      flags: auth ? ['auth'] : [],
      tooltip:
        escapeMarkdown(node.message) + (node.action ? `\n\nClick to run “${escapeMarkdown(node.action.title)}”.` : ''),
      expands: 'no',
    };
  },
  empty: (node) => ({ label: node.message, icon: 'info', flags: [], expands: 'no' }),
  account: accountRow,
  accountFolder: accountFolderRow,
  accountPrincipal: accountPrincipalRow,
  accessFolder: accessFolderRow,
  assignment: assignmentRow,
};
