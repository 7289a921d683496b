// dbxScim.createGroup: an ACCOUNT group by default wherever the workspace's account can be found
// (identity federation), else a workspace-local one as before; a person is asked which when there is
// a choice, a caller says `scope`. `users` and `admins` are Databricks' own groups and a duplicate
// name is a 409; both are said in one sentence instead of the service's wording.
import * as vscode from 'vscode';
import type { ScimGroup } from '../../core/scim/types';
import { busyWhile } from '../common/action';
import type { Connections } from '../common/connection';
import { UserCancelled } from '../common/errors';
import { resolveCommandContext, stringField } from '../explorer/commandContext';
import { defaultScope, parseScope, SCOPE_QUESTION, scopeChoices, type GroupScope } from './groupScope';
import { accountRequest } from './members';
import type { PrincipalCommandDeps } from './targets';

const RESERVED = new Set(['users', 'admins']);

/** Why a group name cannot be used, or undefined when it can (the input box shows it as you type). */
export function groupNameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return 'Enter a group name.';
  if (RESERVED.has(trimmed.toLowerCase()))
    return `"${trimmed}" is one of Databricks' built-in groups; choose another name.`;
  return undefined;
}

/** `{ host, displayName, scope?: 'account' | 'workspace', accountToken? }`, a row, or the palette. */
export async function createGroup(deps: PrincipalCommandDeps, arg: unknown): Promise<ScimGroup> {
  const { host, args: obj } = await resolveCommandContext(arg, deps.connections);
  const displayName = obj ? stringField(obj, 'displayName') : await askName(host);
  const problem = groupNameProblem(displayName);
  if (problem) throw new Error(problem);
  let chosen = obj ? parseScope(obj['scope']) : undefined;
  if (chosen === undefined) {
    const found = await accountFound(deps.connections, host);
    chosen = obj ? defaultScope(found) : await askScope(host, displayName, found);
  }
  const group = await busyWhile(() =>
    chosen === 'account'
      ? deps.service.createAccountGroup(host, displayName, accountRequest(obj))
      : deps.service.createGroup(host, displayName),
  );
  const noun = chosen === 'account' ? 'account group' : 'workspace-local group';
  void vscode.window.setStatusBarMessage(`Created ${noun} "${group.displayName}".`, 5000);
  return group;
}

/** Whether the workspace's account can be found without asking anyone (discovery or a remembered id). */
async function accountFound(connections: Connections, host: string): Promise<boolean> {
  if (!connections.account) return false;
  return connections.account(host).then(
    () => true,
    () => false,
  );
}

async function askName(host: string): Promise<string> {
  const name = await vscode.window.showInputBox({
    title: `New group in ${host}`,
    prompt: 'Name of the new group',
    ignoreFocusOut: true,
    validateInput: (value) => groupNameProblem(value),
  });
  if (name === undefined) throw new UserCancelled();
  return name.trim();
}

/** Only asked when there is a choice: without the account, a group can only be workspace-local. */
async function askScope(host: string, displayName: string, found: boolean): Promise<GroupScope> {
  const choices = scopeChoices(found);
  const only = choices[0];
  if (choices.length === 1 && only) return only.scope;
  const picked = await vscode.window.showQuickPick(
    choices.map((c) => ({ label: c.label, detail: c.detail, scope: c.scope })),
    { title: `New group "${displayName}" in ${host}`, placeHolder: SCOPE_QUESTION, ignoreFocusOut: true },
  );
  if (!picked) throw new UserCancelled();
  return picked.scope;
}
