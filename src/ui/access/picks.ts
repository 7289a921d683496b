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
 * The account principal a user, group or service principal row stands for (its workspace SCIM id
 * is its account id). A workspace-local group has no account id and is refused in words.
 */
export function principalOfRow(node: ExplorerNode, action: 'assign' | 'remove'): AccessPrincipal {
  switch (node.kind) {
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

/** With more than one workspace configured, which one (the row's own first); otherwise that one. */
export async function pickWorkspace(connections: Connections, current: string, title: string): Promise<string> {
  const all = connections.list();
  if (all.length <= 1) return current;
  const ordered = [...all.filter((w) => w.host === current), ...all.filter((w) => w.host !== current)];
  const picked = await vscode.window.showQuickPick(
    ordered.map((w) => ({
      label: w.name,
      description: w.host === current ? `${w.host} · this row's workspace` : w.host,
      host: w.host,
    })),
    { title, placeHolder: 'Workspaces of the same Databricks account share their principals' },
  );
  if (!picked) throw new UserCancelled();
  return picked.host;
}
