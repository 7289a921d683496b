// What the access commands share and ask: their dependencies, the principal or account group a row
// stands for, a typed name, a workspace to assign to, and how a call reaches the account.
import * as vscode from 'vscode';
import type { ActionDeps } from '../common/action';
import { UserCancelled } from '../common/errors';
import type { Connections } from '../common/connection';
import { optionalString, type CommandContext } from '../explorer/commandContext';
import type { ExplorerView } from '../explorer/explorerView';
import type { ExplorerNode } from '../explorer/nodes';
import type { AccessPrincipal } from './names';
import { refusalOf, type AccessService, type AccountOptions, type GroupRef } from './service';

export interface AccessCommandDeps extends ActionDeps {
  connections: Connections;
  explorer: ExplorerView;
  service: AccessService;
}

/** A token handed in by a program goes to the account for this call; a person may be asked to sign in. */
export function accountOptions(ctx: CommandContext): AccountOptions {
  const accountToken = optionalString(ctx.args, 'accountToken');
  return { interactive: ctx.interactive, ...(accountToken ? { accountToken } : {}) };
}

/**
 * The account principal a row stands for: a user, group or service principal of a workspace (its
 * workspace SCIM id is its account id), an assignment, or a principal under the account. A
 * workspace-local group has no account id and is refused in words. The Access folder stands for
 * none: the principal is asked for.
 */
export function principalOfRow(node: ExplorerNode, action: 'assign' | 'remove'): AccessPrincipal | undefined {
  switch (node.kind) {
    case 'accessFolder':
      return undefined;
    case 'assignment':
    case 'accountPrincipal':
      if (node.principalKind === 'unknown')
        throw new Error(
          `The account does not say what kind of principal ${node.display} is: name it from the palette.`,
        );
      return {
        kind: node.principalKind,
        id: node.kind === 'assignment' ? node.principalId : node.id,
        name: node.detail ?? node.display,
      };
    case 'user':
      return { kind: 'user', id: node.id, name: node.userName };
    case 'servicePrincipal':
      return { kind: 'servicePrincipal', id: node.id, name: node.applicationId };
    case 'group':
      if (node.source === 'workspace')
        throw new Error(
          action === 'assign'
            ? `"${node.displayName}": ${refusalOf('workspace-local', 'assignToWorkspace')}`
            : `"${node.displayName}" is a workspace-local group: it has no assignment, it lives in its workspace.`,
        );
      return { kind: 'group', id: node.id, name: node.displayName };
    default:
      throw new Error('This works on a user, group or service principal row of the Databricks SCIM explorer.');
  }
}

/** The account group a group row stands for; a workspace-local group has no managers. */
export function groupOfRow(node: ExplorerNode): GroupRef {
  if ((node.kind === 'assignment' || node.kind === 'accountPrincipal') && node.principalKind === 'group')
    return { id: node.kind === 'assignment' ? node.principalId : node.id, displayName: node.display };
  if (node.kind !== 'group')
    throw new Error('Manage Group Managers works on a group row of the Databricks SCIM explorer.');
  if (node.source === 'workspace')
    throw new Error(`"${node.displayName}": ${refusalOf('workspace-local', 'manageManagers')}`);
  return { id: node.id, displayName: node.displayName };
}

export async function askName(title: string, prompt: string): Promise<string> {
  const value = await vscode.window.showInputBox({
    title,
    prompt,
    placeHolder: 'someone@contoso.com, 1a2b3c4d-…, or data-engineers',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'Enter a name.' : undefined),
  });
  if (value === undefined) throw new UserCancelled();
  return value.trim();
}

/**
 * With more than one workspace configured, which one (the row's own first, when the row belongs to
 * one: an account's rows do not); otherwise that one.
 */
export async function pickWorkspace(
  connections: Connections,
  current: string,
  title: string,
  rowOfWorkspace = true,
): Promise<string> {
  const all = connections.list();
  if (all.length <= 1) return current;
  const ordered = rowOfWorkspace
    ? [...all.filter((w) => w.host === current), ...all.filter((w) => w.host !== current)]
    : all;
  const picked = await vscode.window.showQuickPick(
    ordered.map((w) => ({
      label: w.name,
      description: w.host === current && rowOfWorkspace ? `${w.host} · this row's workspace` : w.host,
      host: w.host,
    })),
    { title, placeHolder: 'Workspaces of the same Databricks account share their principals' },
  );
  if (!picked) throw new UserCancelled();
  return picked.host;
}
