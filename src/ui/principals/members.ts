// dbxScim.addMembers and dbxScim.removeMember. Adds go out as one batched PATCH (an "already a
// member" answer counts as done); a removal never happens without the user's consent. For an
// account group the service goes through the account; a caller may hand in `accountToken` (an
// Entra token for Azure Databricks) for that one call, and only a person is asked for what is missing.
import * as vscode from 'vscode';
import { resolvePrincipals } from '../../core/scim/resolve';
import { confirmed } from '../common/consent';
import type { ExplorerNode } from '../explorer/nodes';
import { pickPrincipals } from './principalPicker';
import { hitName } from './principalSearch';
import { busyWhile } from '../common/action';
import { UserCancelled } from '../common/errors';
import { optionalString, resolveCommandContext, stringArrayField, stringField } from '../explorer/commandContext';
import type { AccountRequest } from '../common/connection';
import type { GroupRef } from './service';
import { connect, findGroup, findPrincipal, type PrincipalCommandDeps } from './targets';
import type { WorkspaceConnection } from '../common/connection';

export interface AddMembersResult {
  /** Names (userName, applicationId, group name) that are members now. */
  added: string[];
  /** Names that matched nothing in the workspace: not added. */
  unknown: string[];
}

export interface RemoveMemberResult {
  group: string;
  removed: string;
}

export async function addMembers(deps: PrincipalCommandDeps, arg: unknown): Promise<AddMembersResult> {
  const { host, node, args: obj } = await resolveCommandContext(arg, deps.connections);
  const fromNode = node && groupOfNode(node);
  const conn = await connect(deps, host);
  const group: GroupRef = fromNode ?? (obj ? await findGroup(conn, stringField(obj, 'group')) : await pickGroup(conn));

  let ids: string[];
  let names: string[];
  let unknown: string[] = [];
  if (obj) {
    const wanted = stringArrayField(obj, 'principals');
    if (wanted.length === 0)
      throw new Error('"principals" is empty; name at least one userName, applicationId or group.');
    const resolution = await resolvePrincipals(conn.scim, wanted);
    unknown = resolution.unknown;
    if (resolution.resolved.length === 0) {
      throw new Error(
        `Nothing was added to "${group.displayName}": ${listText(unknown)} ${unknown.length === 1 ? 'does' : 'do'} not exist in ${host}.`,
      );
    }
    ids = resolution.resolved.map((r) => r.id);
    names = resolution.resolved.map((r) => r.name);
  } else {
    const members = await currentMemberIds(conn, group.id);
    const picked = await pickPrincipals(conn.scim, {
      title: `Add members to ${group.displayName}`,
      placeholder: 'Search users, groups and service principals by name, userName or application id',
      canPickMany: true,
      exclude: new Set([group.id]),
      note: new Map([...members].map((id) => [id, 'already a member'])),
    });
    if (!picked || picked.length === 0) throw new UserCancelled();
    ids = picked.map((p) => p.id);
    names = picked.map(hitName);
  }

  const account = accountRequest(obj);
  await busyWhile(() => deps.service.addMembers(host, group, ids, { names, account }));
  const done = `Added ${listText(names)} to "${group.displayName}".`;
  const notFound = unknown.length > 0 ? ` Not found in ${host}, so not added: ${listText(unknown)}.` : '';
  deps.log.info(`${done}${notFound}`);
  // Part of the request could not be done: say so as loudly as the part that was.
  if (notFound) void vscode.window.showWarningMessage(`${done}${notFound}`);
  else void vscode.window.showInformationMessage(done);
  return { added: names, unknown };
}

export async function removeMember(deps: PrincipalCommandDeps, arg: unknown): Promise<RemoveMemberResult> {
  const { host, node, args: obj } = await resolveCommandContext(arg, deps.connections);
  let group: GroupRef;
  let principalId: string;
  let principalName: string;
  if (node?.kind === 'member') {
    group = {
      id: node.groupId,
      displayName: node.groupName,
      ...(node.groupSource ? { source: node.groupSource } : {}),
    };
    principalId = node.id;
    principalName = node.detail ?? node.display;
  } else if (obj) {
    const conn = await connect(deps, host);
    const [found, principal] = await Promise.all([
      findGroup(conn, stringField(obj, 'group')),
      findPrincipal(conn, stringField(obj, 'principal')),
    ]);
    group = found;
    ({ id: principalId, name: principalName } = principal);
  } else {
    throw new Error(
      'Remove Member works on a member in the Databricks SCIM explorer: right-click the member to remove.',
    );
  }
  const account = accountRequest(obj);
  if (group.source === 'account' && !(await deps.service.isAccountGroupMember(host, group, principalId, account))) {
    throw new Error(
      `${principalName} is not a direct member of the account group "${group.displayName}" (any more); ` +
        'refresh the group to see who is.',
    );
  }
  // Asked whatever the argument says: a removal is a person's decision, not a caller's.
  const consent = await confirmed(
    `Remove ${principalName} from ${group.displayName}?`,
    { detail: `They lose what the group "${group.displayName}" grants in ${host}.` },
    'Remove',
  );
  if (!consent) throw new UserCancelled();
  await busyWhile(() => deps.service.removeMember(host, group, principalId, { names: [principalName], account }));
  void vscode.window.setStatusBarMessage(`Removed ${principalName} from "${group.displayName}".`, 5000);
  return { group: group.displayName, removed: principalName };
}

/** A person may be asked (row, palette); a caller's argument object may hand in a token for this call. */
export function accountRequest(obj: Record<string, unknown> | undefined): AccountRequest {
  if (!obj) return { interactive: true };
  const token = optionalString(obj, 'accountToken');
  return token === undefined ? {} : { token };
}

async function pickGroup(conn: WorkspaceConnection): Promise<GroupRef> {
  const picked = await pickPrincipals(conn.scim, {
    title: 'Add members: which group?',
    placeholder: 'Search groups by name',
    canPickMany: false,
    kinds: ['group'],
  });
  const group = picked?.[0];
  if (!group) throw new UserCancelled();
  return { id: group.id, displayName: group.displayName, ...(group.source ? { source: group.source } : {}) };
}

/** Direct member ids, so the picker can mark them; one GET of the group with members only. */
async function currentMemberIds(conn: WorkspaceConnection, groupId: string): Promise<Set<string>> {
  const group = await conn.scim.get('group', groupId, { attributes: ['members'] });
  return new Set((group.members ?? []).map((m) => m.id));
}

/** A group node, or a nested group shown as a member of another group. */
function groupOfNode(node: ExplorerNode): GroupRef | undefined {
  if (node.kind === 'group')
    return { id: node.id, displayName: node.displayName, ...(node.source ? { source: node.source } : {}) };
  if (node.kind === 'member' && node.memberKind === 'group') return { id: node.id, displayName: node.display };
  return undefined;
}

function listText(names: readonly string[]): string {
  return names.length <= 5 ? names.join(', ') : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`;
}
