// dbxScim.copyId and dbxScim.openInBrowser: what a node is called outside VS Code — its SCIM id
// (the host for a workspace, the account id for an account) and its page in the workspace admin
// console. A principal assigned to a workspace has a page there; an account-level row has its id only.
import * as vscode from 'vscode';
import type { MemberKind } from '../../core/scim/types';
import type { ExplorerNode } from '../explorer/nodes';
import { UserCancelled } from '../common/errors';
import { isExplorerNode } from '../explorer/commandContext';

const CONSOLE_PATHS: Record<Exclude<MemberKind, 'unknown'>, string> = {
  user: 'users',
  group: 'groups',
  servicePrincipal: 'service-principals',
};

/** What "Copy Id" copies (the SCIM id of a principal, the host of a workspace) and its console page. */
export function linksOf(node: ExplorerNode): { id?: string; url?: string } {
  const page = (kind: MemberKind, id: string) =>
    kind === 'unknown'
      ? undefined
      : `${node.host}/settings/workspace/identity-and-access/${CONSOLE_PATHS[kind]}/${encodeURIComponent(id)}`;
  switch (node.kind) {
    case 'workspace':
      return { id: node.host, url: node.host };
    case 'user':
    case 'group':
    case 'servicePrincipal':
      return { id: node.id, url: page(node.kind, node.id) };
    case 'member':
      return { id: node.id, url: page(node.memberKind, node.id) };
    case 'entitlement':
      return { id: node.value, url: page(node.principalKind, node.principalId) };
    case 'missingMember':
      return { id: node.principalKey };
    case 'account':
      return { id: node.accountId };
    case 'accountPrincipal':
      return { id: node.id };
    case 'assignment':
      return { id: node.principalId, url: page(node.principalKind, node.principalId) };
    default:
      return {};
  }
}

export async function copyId(node?: unknown): Promise<string> {
  const id = isExplorerNode(node) ? linksOf(node).id : undefined;
  if (id === undefined) throw nodeNeeded('Copy Id');
  await vscode.env.clipboard.writeText(id);
  void vscode.window.setStatusBarMessage(`Copied ${id}`, 3000);
  return id;
}

export async function openInBrowser(node?: unknown): Promise<string> {
  const url = isExplorerNode(node) ? linksOf(node).url : undefined;
  if (url === undefined) throw nodeNeeded('Open in Browser');
  const opened = await vscode.env.openExternal(vscode.Uri.parse(url, true));
  if (!opened) throw new UserCancelled();
  return url;
}

function nodeNeeded(title: string): Error {
  return new Error(
    `${title} works on a workspace, an account, a user, group or service principal, or a member in the Databricks SCIM explorer.`,
  );
}
