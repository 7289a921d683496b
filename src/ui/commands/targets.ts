// What the principal commands share: turning their argument (a tree node, a programmatic object or
// nothing) into a workspace connection, a group or a principal. Kept here so every command reads
// its argument the same way and says the same thing when a name does not exist.
import * as vscode from 'vscode';
import { DatabricksError } from '../../core/databricks/errors';
import { kindOfName, resolveGroup, resolvePrincipals } from '../../core/scim/resolve';
import type { PrincipalKind, ScimGroup } from '../../core/scim/types';
import { normalizeHost } from '../../core/workspaces/host';
import type { ExplorerView } from '../tree/explorerView';
import type { ExplorerNode } from '../tree/nodes';
import type { Connections, WorkspaceConnection } from '../workspaces/types';
import { isExplorerNode, UserCancelled, type ActionDeps } from './runAction';

export interface PrincipalCommandDeps extends ActionDeps {
  connections: Connections;
  explorer: ExplorerView;
}

/** A principal as the commands need it: what kind, its id, and the name people know it by. */
export interface PrincipalRef {
  kind: PrincipalKind;
  id: string;
  /** userName, applicationId or group displayName. */
  name: string;
  /** Only known for groups: account groups cannot be changed at workspace level. */
  source?: ScimGroup['source'];
}

/** A programmatic argument object (not a node): tests and other extensions. */
export function argObject(arg: unknown): Record<string, unknown> | undefined {
  return typeof arg === 'object' && arg !== null && !isExplorerNode(arg) ? (arg as Record<string, unknown>) : undefined;
}

export function stringField(obj: Record<string, unknown>, field: string, command: string): string {
  const value = obj[field];
  if (typeof value !== 'string' || value.trim() === '')
    throw new Error(`${command}: "${field}" must be a non-empty string.`);
  return value.trim();
}

export function stringArrayField(obj: Record<string, unknown>, field: string, command: string): string[] {
  const value = obj[field];
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw new Error(`${command}: "${field}" must be an array of strings.`);
  }
  return value.map((v) => v.trim()).filter(Boolean);
}

/** The workspace to act on: the given host, the only one configured, or the one the user picks. */
export async function chooseHost(deps: PrincipalCommandDeps, given: string | undefined): Promise<string> {
  if (given !== undefined) {
    const host = normalizeHost(given);
    if (!deps.connections.find(host))
      throw new Error(`${host} is not a configured workspace. Add it first (Databricks SCIM: Add Workspace…).`);
    return host;
  }
  const all = deps.connections.list();
  if (all.length === 0)
    throw new Error('No Databricks workspace is configured yet. Add one first (Databricks SCIM: Add Workspace…).');
  if (all.length === 1 && all[0]) return all[0].host;
  const picked = await vscode.window.showQuickPick(
    all.map((w) => ({ label: w.name, description: w.host, host: w.host })),
    { title: 'Databricks workspace', placeHolder: 'Pick a workspace' },
  );
  if (!picked) throw new UserCancelled();
  return picked.host;
}

export function connect(deps: PrincipalCommandDeps, host: string): Promise<WorkspaceConnection> {
  return deps.connections.get(host);
}

/** A group named by displayName or by id (ids are numeric strings; a name is tried first). */
export function findGroup(conn: WorkspaceConnection, nameOrId: string): Promise<ScimGroup> {
  return resolveGroup(conn.scim, nameOrId);
}

/** A principal named by userName, applicationId or group name. */
export async function findPrincipal(conn: WorkspaceConnection, name: string): Promise<PrincipalRef> {
  if (kindOfName(name) === 'group') {
    const group = await findGroup(conn, name);
    return { kind: 'group', id: group.id, name: group.displayName, ...(group.source ? { source: group.source } : {}) };
  }
  const { resolved } = await resolvePrincipals(conn.scim, [name]);
  const hit = resolved[0];
  if (!hit)
    throw new Error(
      `There is no ${kindOfName(name) === 'user' ? 'user' : 'service principal'} "${name}" in ${conn.workspace.host}.`,
    );
  return { kind: hit.kind, id: hit.id, name: hit.name };
}

/** The principal a tree node stands for, when it stands for one. */
export function principalOfNode(node: ExplorerNode): PrincipalRef | undefined {
  switch (node.kind) {
    case 'user':
      return { kind: 'user', id: node.id, name: node.userName };
    case 'servicePrincipal':
      return { kind: 'servicePrincipal', id: node.id, name: node.applicationId };
    case 'group':
      return { kind: 'group', id: node.id, name: node.displayName, ...(node.source ? { source: node.source } : {}) };
    case 'member':
      return node.memberKind === 'unknown'
        ? undefined
        : { kind: node.memberKind, id: node.id, name: node.detail ?? node.display };
    case 'entitlement':
      // Its parent is the principal row, which knows the name (and, for a group, the source).
      return (
        (node.parent && principalOfNode(node.parent)) ?? {
          kind: node.principalKind,
          id: node.principalId,
          name: node.principalId,
        }
      );
    default:
      return undefined;
  }
}

export function accountGroupMessage(groupName: string, what: string): string {
  return (
    `"${groupName}" is an account group: its ${what} cannot be changed at workspace level. ` +
    'Change it in the Databricks account console (accounts.azuredatabricks.net) or in Entra ID.'
  );
}

/**
 * Runs a write and turns the service's "account group" refusal into a plain sentence,
 * for groups whose source was not known before the request.
 */
export async function explainAccountGroupWrite<T>(
  groupName: string,
  what: string,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof DatabricksError && err.isAccountGroupWrite)
      throw new Error(accountGroupMessage(groupName, what));
    throw err;
  }
}
