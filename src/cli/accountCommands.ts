// `groups list|members|add-members --account`: the same commands on the account's groups, through
// the account SCIM API. Adding members reads the group back; a change the service acknowledged
// but did not make is a failure that names who is missing.
import type { AccountClient } from '../core/account/client';
import { MembershipNotAppliedError } from '../core/account/errors';
import { resolvePrincipals } from '../core/scim/resolve';
import { UsageError, type CliArgs } from './args';
import { groupList, memberList } from './groupResults';
import { CommandFailure, type CommandResult } from './commands';

export const ACCOUNT_COMMANDS = ['groups list', 'groups members', 'groups add-members'] as const;

async function accountGroup(account: AccountClient, name: string | undefined) {
  if (!name) throw new UsageError('Name the group, e.g. dbx-scim groups members data-eng --account');
  const group = await account.findByName('group', name);
  if (!group) {
    throw new CommandFailure(`No account group named "${name}". \`dbx-scim groups list --account\` shows the names.`);
  }
  return account.get('group', group.id);
}

export async function runAccountCommand(account: AccountClient, args: CliArgs): Promise<CommandResult> {
  const [noun, verb, ...rest] = args.command;
  const key = `${noun ?? ''} ${verb ?? ''}`.trim();
  switch (key) {
    case 'groups list':
      return groupList(account);
    case 'groups members':
      return memberList(account, await accountGroup(account, rest[0]));
    case 'groups add-members': {
      const [groupName, ...names] = rest;
      if (names.length === 0) {
        throw new UsageError(
          'Name the principals to add, e.g. dbx-scim groups add-members data-eng jane@contoso.com --account',
        );
      }
      const group = await accountGroup(account, groupName);
      const { resolved, unknown } = await resolvePrincipals(account, names);
      if (resolved.length > 0) {
        try {
          await account.addMembers(
            group.id,
            resolved.map((p) => p.id),
          );
        } catch (err) {
          if (err instanceof MembershipNotAppliedError) throw new CommandFailure(err.message);
          throw err;
        }
      }
      return {
        columns: ['id', 'type', 'name'],
        rows: resolved.map((p) => ({ id: p.id, type: p.kind, name: p.name })),
        notes: unknown.map((n) => `not found in the account, not added: ${n}`),
        exitCode: unknown.length > 0 ? 1 : 0,
      };
    }
    default:
      throw new UsageError(`--account applies to ${ACCOUNT_COMMANDS.join(', ')} only.`);
  }
}
