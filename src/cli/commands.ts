// The CLI's commands. Each returns rows; main.ts prints them as a table or JSON.
import { collectAll } from '../core/scim/paging';
import { GroupNotFoundError, resolveGroup } from '../core/scim/resolve';
import type { ScimClient } from '../core/scim/client';
import type { ScimGroup } from '../core/scim/types';
import { UsageError, type CliArgs } from './args';
import { CommandFailure, type CommandResult } from './commandResult';
import { isGroupCommand, runGroupCommand, type GroupTarget } from './groupCommands';

/** The workspace's groups as `groups …` commands see them. */
function workspaceGroups(scim: ScimClient): GroupTarget {
  return {
    client: scim,
    flag: '',
    scope: '',
    group: (name) => groupByName(scim, name),
    refusal: (group) => (group.source === 'account' ? accountGroupRefusal(group.displayName) : undefined),
    addMembers: async (groupId, memberIds) => void (await scim.addMembers(groupId, memberIds)),
  };
}

/** The group with its members, named by displayName (or id). */
async function groupByName(scim: ScimClient, name: string): Promise<ScimGroup> {
  let group: ScimGroup;
  try {
    group = await resolveGroup(scim, name);
  } catch (err) {
    // A name that matches nothing is a fact about the workspace, not a misuse of the command.
    if (err instanceof GroupNotFoundError)
      throw new CommandFailure(`No group named "${name}" in this workspace. \`dbx-scim groups list\` shows the names.`);
    throw err;
  }
  return scim.get('group', group.id);
}

/** Workspace SCIM cannot change an account group's members; say where they are managed instead of trying. */
export function accountGroupRefusal(name: string): string {
  return `"${name}" is an account group (identity federation): its members are managed at the account level, in the account console or through the account SCIM API, not in this workspace. Nothing was changed.`;
}

export async function runCommand(scim: ScimClient, args: CliArgs): Promise<CommandResult> {
  const [noun, verb, ...rest] = args.command;
  const key = `${noun ?? ''} ${verb ?? ''}`.trim();
  switch (key) {
    case 'users list': {
      const users = await collectAll(scim.listAll('user', args.filter ? { filter: args.filter } : {}));
      return {
        columns: ['id', 'userName', 'displayName', 'active'],
        rows: users.map((u) => ({ id: u.id, userName: u.userName, displayName: u.displayName, active: u.active })),
      };
    }
    default:
      if (isGroupCommand(key)) return runGroupCommand(key, rest, workspaceGroups(scim));
      throw new UsageError(
        args.command.length === 0 ? 'Name a command.' : `Unknown command "${args.command.join(' ')}".`,
      );
  }
}
