// dbxScim.createGroup: a workspace-local group. `users` and `admins` are Databricks' own groups and
// a duplicate name is a 409; both are said in one sentence instead of the service's wording.
import * as vscode from 'vscode';
import { DatabricksError } from '../../core/databricks/errors';
import type { ScimGroup } from '../../core/scim/types';
import { busyWhile, isExplorerNode, registerAction, UserCancelled } from './runAction';
import { argObject, chooseHost, connect, stringField, type PrincipalCommandDeps } from './targets';

const RESERVED = new Set(['users', 'admins']);

/** Why a group name cannot be used, or undefined when it can (the input box shows it as you type). */
export function groupNameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return 'Enter a group name.';
  if (RESERVED.has(trimmed.toLowerCase()))
    return `"${trimmed}" is one of Databricks' built-in groups; choose another name.`;
  return undefined;
}

export function registerGroupCommands(deps: PrincipalCommandDeps): vscode.Disposable[] {
  return [
    registerAction('dbxScim.createGroup', (arg?: unknown) => createGroup(deps, arg), deps, { busyLabel: 'Creating…' }),
  ];
}

async function createGroup(deps: PrincipalCommandDeps, arg: unknown): Promise<ScimGroup> {
  const obj = argObject(arg);
  const node = isExplorerNode(arg) && (arg.kind === 'workspace' || arg.kind === 'folder') ? arg : undefined;
  const host = node?.host ?? (await chooseHost(deps, obj ? stringField(obj, 'host', 'createGroup') : undefined));
  const displayName = obj ? stringField(obj, 'displayName', 'createGroup') : await askName(host);
  const problem = groupNameProblem(displayName);
  if (problem) throw new Error(problem);

  const conn = await connect(deps, host);
  let group: ScimGroup;
  try {
    group = await busyWhile(() => conn.scim.createGroup({ displayName }));
  } catch (err) {
    if (err instanceof DatabricksError && err.isConflict)
      throw new Error(`A group named "${displayName}" already exists in ${host}.`);
    throw err;
  }
  deps.explorer.invalidate(host, { folders: ['groups'] });
  void vscode.window.setStatusBarMessage(`Created group "${group.displayName}".`, 5000);
  return group;
}

async function askName(host: string): Promise<string> {
  const name = await vscode.window.showInputBox({
    title: `New group in ${host}`,
    prompt: 'Name of the workspace group',
    ignoreFocusOut: true,
    validateInput: (value) => groupNameProblem(value),
  });
  if (name === undefined) throw new UserCancelled();
  return name.trim();
}
