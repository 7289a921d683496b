// `groups list|members|add-members --account`: the same commands on the account's groups, through
// the account SCIM API. Adding members reads the group back; a change the service acknowledged
// but did not make is a failure that names who is missing.
import type { AccountClient } from '../core/account/client';
import { MembershipNotAppliedError } from '../core/account/errors';
import { UsageError, type CliArgs } from './args';
import { CommandFailure, type CommandResult } from './commandResult';
import { GROUP_COMMANDS, isGroupCommand, runGroupCommand, type GroupTarget } from './groupCommands';

export const ACCOUNT_COMMANDS = GROUP_COMMANDS;

function accountGroups(account: AccountClient): GroupTarget {
  return {
    client: account,
    flag: ' --account',
    scope: ' in the account',
    group: async (name) => {
      const group = await account.findByName('group', name);
      if (!group) {
        throw new CommandFailure(
          `No account group named "${name}". \`dbx-scim groups list --account\` shows the names.`,
        );
      }
      return account.get('group', group.id);
    },
    addMembers: async (groupId, memberIds) => {
      try {
        await account.addMembers(groupId, memberIds);
      } catch (err) {
        if (err instanceof MembershipNotAppliedError) throw new CommandFailure(err.message);
        throw err;
      }
    },
  };
}

export async function runAccountCommand(account: AccountClient, args: CliArgs): Promise<CommandResult> {
  const [noun, verb, ...rest] = args.command;
  const key = `${noun ?? ''} ${verb ?? ''}`.trim();
  if (!isGroupCommand(key)) throw new UsageError(`--account applies to ${ACCOUNT_COMMANDS.join(', ')} only.`);
  return runGroupCommand(key, rest, accountGroups(account));
}
