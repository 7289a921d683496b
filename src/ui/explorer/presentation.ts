// What a node looks like, as plain strings: label, description, codicon id, contextValue and the
// Markdown tooltip text. No `vscode` import, so it can be checked without an extension host;
// renderer.ts turns these strings into TreeItem / ThemeIcon / MarkdownString.
//
// contextValue scheme (menus in package.json match it with regexes — see README.md):
//   "<kind>;<flag>;<flag>…"  — the kind first, then flags in alphabetical order, e.g.
//   `workspace;pat`, `folder;groups`, `user;principal`, `group;principal;workspaceGroup`,
//   `member;inWorkspaceGroup;user`, `entitlement;user`, `error;auth`, `loadMore`.
import { escapeMarkdown, markdownCode } from '../../core/text/markdown';
import { connectorText, FINDING_LABELS } from '../../core/drift/labels';
import type { ExplorerNode, FolderKind, MissingMemberNode } from './nodes';

export const FOLDER_LABELS: Record<FolderKind, string> = {
  users: 'Users',
  groups: 'Groups',
  servicePrincipals: 'Service Principals',
};

const FOLDER_NOUNS: Record<FolderKind, string> = {
  users: 'users',
  groups: 'groups',
  servicePrincipals: 'service principals',
};

export function folderNoun(folder: FolderKind): string {
  return FOLDER_NOUNS[folder];
}

/** Commands that fix a credential: an error offering one of them is an auth problem. */
const CREDENTIAL_COMMANDS = new Set(['dbxScim.setToken', 'dbxScim.signIn']);

export function labelOf(node: ExplorerNode): string {
  switch (node.kind) {
    case 'workspace':
      return node.name;
    case 'folder':
      return FOLDER_LABELS[node.folder];
    case 'user':
      return node.displayName || node.userName;
    case 'group':
      return node.displayName;
    case 'servicePrincipal':
      return node.displayName || node.applicationId;
    case 'member':
    case 'missingMember':
      return node.display;
    case 'entitlement':
      return node.value;
    case 'loadMore':
      return 'Load more…';
    case 'error':
    case 'empty':
      return node.message;
  }
}

export function descriptionOf(node: ExplorerNode): string | undefined {
  switch (node.kind) {
    case 'workspace':
      // A workspace named after its host (the default name) would show the host twice.
      return join(node.name === hostLabel(node.host) ? undefined : hostLabel(node.host), node.driftRollup);
    case 'folder':
      return join(node.count === undefined ? undefined : String(node.count), node.driftRollup);
    case 'user':
      return join(
        node.displayName && node.displayName !== node.userName ? node.userName : undefined,
        membership(node.direct),
        inactive(node.active),
      );
    case 'group':
      return join(
        node.drift?.summary ?? node.driftStatus?.text,
        memberCount(node.memberCount),
        node.source === 'account' ? 'account group' : undefined,
        membership(node.direct),
      );
    case 'servicePrincipal':
      return join(
        node.displayName && node.displayName !== node.applicationId ? node.applicationId : undefined,
        inactive(node.active),
      );
    case 'member':
      return join(
        node.detail && node.detail !== node.display ? node.detail : undefined,
        node.memberKind === 'group' ? memberCount(node.memberCount) : undefined,
        inactive(node.active),
        node.extra ? 'not in Entra' : undefined,
      );
    case 'missingMember':
      return missingText(node.finding, node.via);
    case 'entitlement':
      return 'entitlement';
    case 'error':
      return node.action?.title;
    case 'loadMore':
    case 'empty':
      return undefined;
  }
}

/** Codicon ids (https://code.visualstudio.com/api/references/icons-in-labels). */
export function iconIdOf(node: ExplorerNode): string | undefined {
  switch (node.kind) {
    case 'workspace':
      return 'server-environment';
    case 'folder':
      return node.folder === 'users' ? 'person' : node.folder === 'groups' ? 'organization' : 'robot';
    case 'user':
      return 'account';
    case 'group':
      return node.source === 'account' ? 'globe' : 'organization';
    case 'servicePrincipal':
      return 'robot';
    case 'member':
      return memberIcon(node.memberKind);
    case 'missingMember':
      return 'diff-added';
    case 'entitlement':
      return 'key';
    case 'loadMore':
      return 'ellipsis';
    case 'error':
      return node.action && CREDENTIAL_COMMANDS.has(node.action.command) ? 'key' : 'warning';
    case 'empty':
      return 'info';
  }
}

export function contextValueOf(node: ExplorerNode, busy = false): string {
  const flags = flagsOf(node);
  if (busy) flags.push('busy');
  return [node.kind, ...flags.sort()].join(';');
}

function flagsOf(node: ExplorerNode): string[] {
  switch (node.kind) {
    case 'workspace':
      return [node.auth];
    case 'folder':
      return [node.folder];
    case 'user':
    case 'servicePrincipal':
      return [
        'principal',
        ...(node.active === false ? ['inactive'] : []),
        ...membershipFlags(node.kind === 'user' ? node.direct : undefined),
      ];
    case 'group':
      return [
        'principal',
        ...(node.source === 'account' ? ['accountGroup'] : node.source === 'workspace' ? ['workspaceGroup'] : []),
        ...membershipFlags(node.direct),
        ...(node.drift ? ['drift'] : []),
      ];
    case 'member':
      return [
        node.memberKind,
        ...(node.groupSource === 'account'
          ? ['inAccountGroup']
          : node.groupSource === 'workspace'
            ? ['inWorkspaceGroup']
            : []),
        ...(node.active === false ? ['inactive'] : []),
        ...(node.extra ? ['extra'] : []),
      ];
    case 'missingMember':
      return [node.principalKind, ...(node.finding && node.finding !== 'missing' ? [node.finding] : [])];
    case 'entitlement':
      return [node.principalKind];
    case 'error':
      return node.action && CREDENTIAL_COMMANDS.has(node.action.command) ? ['auth'] : [];
    case 'loadMore':
    case 'empty':
      return [];
  }
}

/** `groupOf` marks a group listed among a principal's groups; `direct` / `inherited` say how. */
function membershipFlags(direct: boolean | undefined): string[] {
  if (direct === undefined) return [];
  return ['groupOf', direct ? 'direct' : 'inherited'];
}

/** Markdown source of the tooltip; values are escaped because names come from the server. */
export function tooltipMarkdown(node: ExplorerNode): string | undefined {
  const rows: Array<[string, string | undefined]> = [];
  let title: string;
  switch (node.kind) {
    case 'workspace':
      title = node.name;
      rows.push(['Host', node.host], ['Sign-in', AUTH_LABELS[node.auth] ?? node.auth], ['Token', node.tokenExpiry]);
      break;
    case 'folder':
      title = FOLDER_LABELS[node.folder];
      rows.push(['Count', node.count === undefined ? undefined : String(node.count)]);
      break;
    case 'user':
      title = labelOf(node);
      rows.push(
        ['User name', node.userName],
        ['Id', node.id],
        ['Active', activeText(node.active)],
        ['Membership', membershipText(node.direct)],
        ['Entitlements', listText(node.entitlements)],
      );
      break;
    case 'group':
      title = node.displayName;
      rows.push(
        ['Id', node.id],
        [
          'Source',
          node.source === 'account'
            ? 'account group (read-only in the workspace)'
            : node.source === 'workspace'
              ? 'workspace group'
              : undefined,
        ],
        ['External id', node.externalId],
        ['Members', node.memberCount === undefined ? undefined : String(node.memberCount)],
        ['Membership', membershipText(node.direct)],
        ['Entitlements', listText(node.entitlements)],
        [
          'Entra drift',
          node.drift?.summary ??
            (node.driftStatus ? [node.driftStatus.text, node.driftStatus.why].filter(Boolean).join(': ') : undefined),
        ],
        ['Not compared', node.drift?.notCompared?.join('; ')],
      );
      break;
    case 'servicePrincipal':
      title = labelOf(node);
      rows.push(
        ['Application id', node.applicationId],
        ['Id', node.id],
        ['Active', activeText(node.active)],
        ['Entitlements', listText(node.entitlements)],
      );
      break;
    case 'member':
      title = node.display;
      rows.push(
        ['Type', MEMBER_TYPES[node.memberKind]],
        [node.memberKind === 'servicePrincipal' ? 'Application id' : 'User name', node.detail],
        ['Id', node.id],
        ['Member of', node.groupName],
        ['Active', activeText(node.active)],
        ['Entra', node.extra ? 'not in the Entra group (extra)' : undefined],
      );
      break;
    case 'missingMember':
      title = node.display;
      return ghostTooltip(node);
      break;
    case 'entitlement':
      title = node.value;
      rows.push(['Entitlement of', MEMBER_TYPES[node.principalKind]]);
      break;
    case 'error':
      return (
        escapeMarkdown(node.message) + (node.action ? `\n\nClick to run “${escapeMarkdown(node.action.title)}”.` : '')
      );
    case 'loadMore':
    case 'empty':
      return undefined;
  }
  const lines = rows
    .filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '')
    .map(([k, v]) => `${k}: ${markdownCode(v)}`);
  return [`**${escapeMarkdown(title)}**`, ...lines].join('  \n');
}

const AUTH_LABELS: Record<string, string> = {
  pat: 'personal access token',
  entra: 'Entra ID (VS Code sign-in)',
  'azure-cli': 'Azure CLI / environment',
};
const MEMBER_TYPES: Record<string, string> = {
  user: 'user',
  group: 'group',
  servicePrincipal: 'service principal',
  unknown: 'unknown',
};

function memberIcon(kind: string): string {
  return kind === 'user'
    ? 'account'
    : kind === 'group'
      ? 'organization'
      : kind === 'servicePrincipal'
        ? 'robot'
        : 'question';
}

/** Why a ghost member is shown: in the Entra group, not (directly) in the Databricks group. */
function missingText(finding: MissingMemberNode['finding'], via: string[] | undefined): string {
  const label = FINDING_LABELS[finding ?? 'missing'].one;
  return finding === 'nestedOnly' && via && via.length > 0 ? `${label} · via ${via.join(' › ')}` : label;
}

/** What the finding means, whether the connector fixes it, and what to do. */
function ghostTooltip(node: MissingMemberNode): string {
  const label = FINDING_LABELS[node.finding ?? 'missing'];
  const rows: Array<[string, string]> = [
    ['Key', node.principalKey],
    ['Type', MEMBER_TYPES[node.principalKind] ?? node.principalKind],
  ];
  if (node.via && node.via.length > 0) rows.push(['Through', node.via.join(' › ')]);
  return [
    `**${escapeMarkdown(node.display)}** — ${escapeMarkdown(missingText(node.finding, node.via))}`,
    ...rows.map(([k, v]) => `${k}: ${markdownCode(v)}`),
    '',
    escapeMarkdown(label.meaning),
    ...(node.connectorWillFix === undefined ? [] : [escapeMarkdown(connectorText(node.connectorWillFix))]),
    `Next: ${escapeMarkdown(label.nextStep)}`,
  ].join('  \n');
}

function hostLabel(host: string): string {
  return host.replace(/^https?:\/\//, '');
}

function join(...parts: Array<string | undefined>): string | undefined {
  const kept = parts.filter((p): p is string => !!p);
  return kept.length > 0 ? kept.join(' · ') : undefined;
}

function memberCount(n: number | undefined): string | undefined {
  return n === undefined ? undefined : `${n} member${n === 1 ? '' : 's'}`;
}

function membership(direct: boolean | undefined): string | undefined {
  return direct === false ? 'inherited' : undefined;
}

function membershipText(direct: boolean | undefined): string | undefined {
  return direct === undefined ? undefined : direct ? 'direct' : 'inherited through a nested group';
}

function inactive(active: boolean | undefined): string | undefined {
  return active === false ? 'inactive' : undefined;
}

function activeText(active: boolean | undefined): string | undefined {
  return active === undefined ? undefined : active ? 'yes' : 'no';
}

function listText(values: string[] | undefined): string | undefined {
  return values === undefined ? undefined : values.length > 0 ? values.join(', ') : 'none';
}
