// dbxScim.createGroup: a workspace-local group. `users` and `admins` are Databricks' own groups and
// a duplicate name is a 409; both are said in one sentence instead of the service's wording.
import * as vscode from 'vscode';
import type { ScimGroup } from '../../core/scim/types';
import { busyWhile } from '../common/action';
import { UserCancelled } from '../common/errors';
import { resolveCommandContext, stringField } from '../explorer/commandContext';
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

export async function createGroup(deps: PrincipalCommandDeps, arg: unknown): Promise<ScimGroup> {
  const { host, args: obj } = await resolveCommandContext(arg, deps.connections);
  const displayName = obj ? stringField(obj, 'displayName') : await askName(host);
  const problem = groupNameProblem(displayName);
  if (problem) throw new Error(problem);

  const group = await busyWhile(() => deps.service.createGroup(host, displayName));
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
