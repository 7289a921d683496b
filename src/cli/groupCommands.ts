// `groups list|members|add-members`, the same commands on a workspace's groups and on the account's.
// A target says what differs: how a group is found by name, how members are added, and the words.
import { resolvePrincipals, type PrincipalLister } from '../core/scim/resolve';
import type { ScimGroup } from '../core/scim/types';
import { UsageError } from './args';
import { CommandFailure, type CommandResult } from './commandResult';
import { groupList, memberList } from './groupResults';

export const GROUP_COMMANDS = ['groups list', 'groups members', 'groups add-members'] as const;
export type GroupCommand = (typeof GROUP_COMMANDS)[number];

export function isGroupCommand(key: string): key is GroupCommand {
  return (GROUP_COMMANDS as readonly string[]).includes(key);
}

export interface GroupTarget {
  /** Lists the groups, and the users and service principals that members and names are looked up in. */
  client: PrincipalLister;
  /** What the usage examples end with: '' or ' --account'. */
  flag: string;
  /** Where a name that matched no one was looked for, as the note says it: '' or ' in the account'. */
  scope: string;
  /** The group named `name`, with its members; CommandFailure when there is none. */
  group(name: string): Promise<ScimGroup>;
  /** Why the group's members cannot be changed here (checked before any name is looked up), if so. */
  refusal?(group: ScimGroup): string | undefined;
  /** Adds the principals; CommandFailure when the target says it did not. */
  addMembers(groupId: string, memberIds: readonly string[]): Promise<void>;
}

export async function runGroupCommand(
  command: GroupCommand,
  rest: readonly string[],
  target: GroupTarget,
): Promise<CommandResult> {
  switch (command) {
    case 'groups list':
      return groupList(target.client);
    case 'groups members':
      return memberList(target.client, await namedGroup(target, rest[0]));
    case 'groups add-members':
      return addMembers(target, rest);
  }
}

async function namedGroup(target: GroupTarget, name: string | undefined): Promise<ScimGroup> {
  if (!name) throw new UsageError(`Name the group, e.g. dbx-scim groups members data-eng${target.flag}`);
  return target.group(name);
}

async function addMembers(target: GroupTarget, [groupName, ...names]: readonly string[]): Promise<CommandResult> {
  if (names.length === 0) {
    throw new UsageError(
      `Name the principals to add, e.g. dbx-scim groups add-members data-eng jane@contoso.com${target.flag}`,
    );
  }
  const group = await namedGroup(target, groupName);
  const refusal = target.refusal?.(group);
  if (refusal) throw new CommandFailure(refusal);
  const { resolved, unknown } = await resolvePrincipals(target.client, names);
  if (resolved.length > 0)
    await target.addMembers(
      group.id,
      resolved.map((p) => p.id),
    );
  return {
    columns: ['id', 'type', 'name'],
    rows: resolved.map((p) => ({ id: p.id, type: p.kind, name: p.name })),
    notes: unknown.map((n) => `not found${target.scope}, not added: ${n}`),
    exitCode: unknown.length > 0 ? 1 : 0,
  };
}
