// dbxScim.copyId and dbxScim.openInBrowser: what a node is called outside VS Code — its SCIM id
// (or the host, for a workspace) and its page in the workspace admin console.
import * as vscode from 'vscode';
import type { MemberKind } from '../../core/scim/types';
import type { ExplorerNode } from '../explorer/nodes';
import { registerAction } from '../common/action';
import { UserCancelled } from '../common/errors';
import { isExplorerNode } from '../explorer/commandContext';
import type { PrincipalCommandDeps } from './targets';

const CONSOLE_PATHS: Record<Exclude<MemberKind, 'unknown'>, string> = {
  user: 'users',
  group: 'groups',
  servicePrincipal: 'service-principals',
};

/** What "Copy Id" copies: the SCIM id of a principal, the host of a workspace. */
export function idOfNode(node: ExplorerNode): string | undefined {
  switch (node.kind) {
    case 'workspace':
      return node.host;
    case 'user':
    case 'group':
    case 'servicePrincipal':
    case 'member':
      return node.id;
    case 'entitlement':
      return node.value;
    case 'missingMember':
      return node.principalKey;
    default:
      return undefined;
  }
}

/** The admin console page of a node (`${host}/settings/workspace/identity-and-access/…`). */
export function adminConsoleUrl(node: ExplorerNode): string | undefined {
  const page = (kind: MemberKind, id: string) =>
    kind === 'unknown'
      ? undefined
      : `${node.host}/settings/workspace/identity-and-access/${CONSOLE_PATHS[kind]}/${encodeURIComponent(id)}`;
  switch (node.kind) {
    case 'workspace':
      return node.host;
    case 'user':
    case 'group':
    case 'servicePrincipal':
      return page(node.kind, node.id);
    case 'member':
      return page(node.memberKind, node.id);
    case 'entitlement':
      return page(node.principalKind, node.principalId);
    default:
      return undefined;
  }
}

export function registerNodeLinkCommands(deps: PrincipalCommandDeps): vscode.Disposable[] {
  return [
    registerAction(
      'dbxScim.copyId',
      async (node?: unknown): Promise<string> => {
        const id = isExplorerNode(node) ? idOfNode(node) : undefined;
        if (id === undefined) throw nodeNeeded('Copy Id');
        await vscode.env.clipboard.writeText(id);
        void vscode.window.setStatusBarMessage(`Copied ${id}`, 3000);
        return id;
      },
      deps,
    ),
    registerAction(
      'dbxScim.openInBrowser',
      async (node?: unknown): Promise<string> => {
        const url = isExplorerNode(node) ? adminConsoleUrl(node) : undefined;
        if (url === undefined) throw nodeNeeded('Open in Browser');
        const opened = await vscode.env.openExternal(vscode.Uri.parse(url, true));
        if (!opened) throw new UserCancelled();
        return url;
      },
      deps,
    ),
  ];
}

function nodeNeeded(title: string): Error {
  return new Error(`${title} works on a workspace, user, group or service principal in the Databricks SCIM explorer.`);
}
