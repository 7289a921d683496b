// Presenters of the rows that stand for principals: users, groups, service principals, members of
// a group, entitlements, and the ghost members a comparison found missing.
import { connectorText, FINDING_LABELS } from '../../core/drift/labels';
import { KIND_NOUNS } from '../../core/scim/types';
import { escapeMarkdown, markdownCode } from '../../core/text/markdown';
import type {
  EntitlementNode,
  GroupNode,
  MemberNode,
  MissingMemberNode,
  ServicePrincipalNode,
  UserNode,
} from './nodes';
import { groupHomeShort, groupRoleParagraphs, groupRoleRows } from './groupRoles';
import type { RowState } from './rowState';
import {
  activeText,
  inactive,
  join,
  listText,
  memberCount,
  memberIcon,
  membership,
  membershipFlags,
  membershipText,
  tooltip,
  type RowParts,
} from './rowText';

export function userRow(node: UserNode, state: RowState): RowParts {
  return identityRow(node, state, { key: node.userName, keyLabel: 'User name', icon: 'account', direct: node.direct });
}

export function servicePrincipalRow(node: ServicePrincipalNode, state: RowState): RowParts {
  return identityRow(node, state, { key: node.applicationId, keyLabel: 'Application id', icon: 'robot' });
}

/** A user or a service principal: named by its display name, known by its userName or application id. */
function identityRow(
  node: UserNode | ServicePrincipalNode,
  state: RowState,
  how: { key: string; keyLabel: string; icon: string; direct?: boolean | undefined },
): RowParts {
  const displayName = state.displayName ?? node.displayName;
  const active = state.active ?? node.active;
  const label = displayName || how.key;
  return {
    label,
    description: join(
      displayName && displayName !== how.key ? how.key : undefined,
      membership(how.direct),
      inactive(active),
    ),
    icon: how.icon,
    ...(active === false ? { iconColor: 'disabled' as const } : {}),
    flags: ['principal', ...(active === false ? ['inactive'] : []), ...membershipFlags(how.direct)],
    tooltip: tooltip(label, [
      [how.keyLabel, how.key],
      ['Id', node.id],
      ['Active', activeText(active)],
      ['Membership', membershipText(how.direct)],
      ['Entitlements', listText(state.entitlements ?? node.entitlements)],
    ]),
    expands: 'collapsed',
  };
}

export function groupRow(node: GroupNode, state: RowState): RowParts {
  const source = state.source ?? node.source;
  const count = state.count ?? node.memberCount;
  const status = state.driftStatus;
  return {
    label: node.displayName,
    description: join(
      state.drift?.summary ?? status?.text,
      memberCount(count),
      groupHomeShort(source),
      membership(node.direct),
    ),
    icon: source === 'account' ? 'globe' : 'organization',
    flags: [
      'principal',
      ...(source === 'account' ? ['accountGroup'] : source === 'workspace' ? ['workspaceGroup'] : []),
      ...membershipFlags(node.direct),
      ...(state.drift ? ['drift'] : []),
    ],
    tooltip:
      tooltip(node.displayName, [
        ['Id', node.id],
        ...groupRoleRows(source),
        ['External id', node.externalId],
        ['Members', count === undefined ? undefined : String(count)],
        ['Membership', membershipText(node.direct)],
        ['Entitlements', listText(state.entitlements ?? node.entitlements)],
        [
          'Entra drift',
          state.drift?.summary ?? (status ? [status.text, status.why].filter(Boolean).join(': ') : undefined),
        ],
        ['Not compared', state.drift?.notCompared?.join('; ')],
      ]) + groupRoleParagraphs(source),
    expands: 'collapsed',
  };
}

export function memberRow(node: MemberNode, state: RowState): RowParts {
  const isGroup = node.memberKind === 'group';
  return {
    label: node.display,
    description: join(
      node.detail && node.detail !== node.display ? node.detail : undefined,
      isGroup ? memberCount(state.count) : undefined,
      inactive(node.active),
      state.extra ? 'not in Entra' : undefined,
    ),
    icon: memberIcon(node.memberKind),
    ...(node.active === false ? { iconColor: 'disabled' as const } : {}),
    flags: [
      node.memberKind,
      ...(node.groupSource === 'account'
        ? ['inAccountGroup']
        : node.groupSource === 'workspace'
          ? ['inWorkspaceGroup']
          : []),
      ...(node.active === false ? ['inactive'] : []),
      ...(state.extra ? ['extra'] : []),
    ],
    tooltip: tooltip(node.display, [
      ['Type', KIND_NOUNS[node.memberKind]],
      [node.memberKind === 'servicePrincipal' ? 'Application id' : 'User name', node.detail],
      ['Id', node.id],
      ['Member of', node.groupName],
      ['Active', activeText(node.active)],
      ['Entra', state.extra ? 'not in the Entra group (extra)' : undefined],
    ]),
    expands: isGroup ? 'collapsed' : 'no',
  };
}

export function entitlementRow(node: EntitlementNode): RowParts {
  return {
    label: node.value,
    description: 'entitlement',
    icon: 'key',
    flags: [node.principalKind],
    tooltip: tooltip(node.value, [['Entitlement of', KIND_NOUNS[node.principalKind]]]),
    expands: 'no',
  };
}

export function missingMemberRow(node: MissingMemberNode): RowParts {
  return {
    label: node.display,
    description: missingText(node),
    icon: 'diff-added',
    flags: [node.principalKind, ...(node.finding && node.finding !== 'missing' ? [node.finding] : [])],
    tooltip: ghostTooltip(node),
    expands: 'no',
  };
}

/** Why a ghost member is shown: in the Entra group, not (directly) in the Databricks group. */
function missingText(node: MissingMemberNode): string {
  const label = FINDING_LABELS[node.finding ?? 'missing'].one;
  return node.finding === 'nestedOnly' && node.via && node.via.length > 0
    ? `${label} · via ${node.via.join(' › ')}`
    : label;
}

/** What the finding means, whether the connector fixes it, and what to do. */
function ghostTooltip(node: MissingMemberNode): string {
  const label = FINDING_LABELS[node.finding ?? 'missing'];
  const rows: Array<[string, string]> = [
    ['Key', node.principalKey],
    ['Type', KIND_NOUNS[node.principalKind]],
  ];
  if (node.via && node.via.length > 0) rows.push(['Through', node.via.join(' › ')]);
  return [
    `**${escapeMarkdown(node.display)}** — ${escapeMarkdown(missingText(node))}`,
    ...rows.map(([k, v]) => `${k}: ${markdownCode(v)}`),
    '',
    escapeMarkdown(label.meaning),
    ...(node.connectorWillFix === undefined ? [] : [escapeMarkdown(connectorText(node.connectorWillFix))]),
    `Next: ${escapeMarkdown(label.nextStep)}`,
  ].join('  \n');
}
