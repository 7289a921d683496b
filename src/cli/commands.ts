// The CLI's commands. Each returns rows; main.ts prints them as a table or JSON.
import { collectAll } from '../core/scim/paging';
import { GroupNotFoundError, resolveGroup, resolvePrincipals } from '../core/scim/resolve';
import type { ScimClient } from '../core/scim/client';
import type { ScimGroup } from '../core/scim/types';
import { UsageError, type CliArgs } from './args';
import { groupList, memberList } from './groupResults';
import type { Row } from './output';

export interface CommandResult {
  rows: Row[];
  columns: string[];
  /** Printed to stderr, e.g. names that could not be resolved. */
  notes?: string[];
  exitCode?: number;
}

/** A command that was used correctly but cannot be done (exit 1, no usage hint). */
export class CommandFailure extends Error {}

/** The group with its members, named by displayName (or id). */
async function groupByName(scim: ScimClient, name: string | undefined): Promise<ScimGroup> {
  if (!name) throw new UsageError('Name the group, e.g. dbx-scim groups members data-eng');
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
    case 'groups list':
      return groupList(scim);
    case 'groups members':
      return memberList(scim, await groupByName(scim, rest[0]));
    case 'groups add-members': {
      const [groupName, ...names] = rest;
      if (names.length === 0)
        throw new UsageError('Name the principals to add, e.g. dbx-scim groups add-members data-eng jane@contoso.com');
      const group = await groupByName(scim, groupName);
      if (group.source === 'account') throw new CommandFailure(accountGroupRefusal(group.displayName));
      const { resolved, unknown } = await resolvePrincipals(scim, names);
      if (resolved.length > 0)
        await scim.addMembers(
          group.id,
          resolved.map((p) => p.id),
        );
      return {
        columns: ['id', 'type', 'name'],
        rows: resolved.map((p) => ({ id: p.id, type: p.kind, name: p.name })),
        notes: unknown.map((n) => `not found, not added: ${n}`),
        exitCode: unknown.length > 0 ? 1 : 0,
      };
    }
    default:
      throw new UsageError(
        args.command.length === 0 ? 'Name a command.' : `Unknown command "${args.command.join(' ')}".`,
      );
  }
}
