// dbxScim.manageGroupManagers: the managers of an account group (who may change its members without
// being account admin). From a row or the palette it lists them, adds one by name, or removes the
// one picked; an argument object names `add` and/or `remove`. A removal always needs a person's yes.
import * as vscode from 'vscode';
import { busyWhile } from '../common/action';
import { confirmed } from '../common/consent';
import { UserCancelled } from '../common/errors';
import { optionalString, resolveCommandContext, stringField, type CommandContext } from '../explorer/commandContext';
import { kindWord, sameManager, type ManagerRef } from './names';
import { accountOptions, askName, groupOfRow, type AccessCommandDeps } from './picks';
import type { AccountOptions, GroupRef } from './service';

export interface ManagersResult {
  host: string;
  group: string;
  /** The managers after the change, as people name them. */
  managers: ManagerRef[];
  added?: string;
  removed?: string;
}

export async function manageGroupManagers(deps: AccessCommandDeps, arg: unknown): Promise<ManagersResult> {
  const ctx = await resolveCommandContext(arg, deps.connections);
  const opts = accountOptions(ctx);
  const group = await groupOf(deps, ctx, opts);
  if (ctx.args) return changeAsAsked(deps, ctx.host, group, ctx.args, opts);

  const { host } = ctx;
  const managers = await deps.service.managers(host, group, opts);
  type Item = vscode.QuickPickItem & { manager?: ManagerRef };
  const items: Item[] = [
    {
      label: '$(add) Add a manager…',
      detail: 'A user (user name), service principal (application id) or group (name)',
    },
    {
      label: managers.length > 0 ? 'Managers — pick one to remove' : 'No managers yet',
      kind: vscode.QuickPickItemKind.Separator,
    },
    ...managers.map((m) => ({ label: m.name, description: kindWord(m.kind), manager: m })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `Managers of ${group.displayName}`,
    placeHolder: 'Managers may change the group’s members without being account admin',
  });
  if (!picked) throw new UserCancelled();
  if (picked.manager) return remove(deps, host, group, picked.manager, opts);
  const name = await askName(`Add a manager to ${group.displayName}`, 'User name, application id or group name');
  return add(deps, host, group, name, opts);
}

/** `{ add?, remove? }`: the yes for a removal is asked before anything is written, so a no changes nothing. */
async function changeAsAsked(
  deps: AccessCommandDeps,
  host: string,
  group: GroupRef,
  args: Record<string, unknown>,
  opts: AccountOptions,
): Promise<ManagersResult> {
  const adding = optionalString(args, 'add');
  const removing = optionalString(args, 'remove');
  const managers = await deps.service.managers(host, group, opts);
  if (!adding && !removing) return { host, group: group.displayName, managers };

  const leaving = removing === undefined ? undefined : managers.find((m) => sameManager(m, removing));
  if (removing !== undefined && !leaving) throw notAManager(removing, group, managers);
  if (leaving) await askToRemove(host, group, leaving);
  const added = adding === undefined ? undefined : await add(deps, host, group, adding, opts);
  const removed = leaving === undefined ? undefined : await remove(deps, host, group, leaving, opts, true);
  return {
    host,
    group: group.displayName,
    managers: removed?.managers ?? added?.managers ?? managers,
    ...(added ? { added: added.added } : {}),
    ...(removed ? { removed: removed.removed } : {}),
  };
}

async function add(
  deps: AccessCommandDeps,
  host: string,
  group: GroupRef,
  name: string,
  opts: AccountOptions,
): Promise<ManagersResult> {
  // Looked up first: a typo is named as one instead of the rule set's refusal of an unknown principal.
  const who = await deps.service.findPrincipal(host, name, opts);
  const managers = await busyWhile(() => deps.service.addManager(host, group, who, opts));
  const done = `${kindWord(who.kind)} ${who.name} manages "${group.displayName}" now.`;
  deps.log.info(done);
  void vscode.window.showInformationMessage(done.charAt(0).toUpperCase() + done.slice(1));
  return { host, group: group.displayName, managers, added: who.name };
}

async function remove(
  deps: AccessCommandDeps,
  host: string,
  group: GroupRef,
  manager: ManagerRef,
  opts: AccountOptions,
  alreadyAsked = false,
): Promise<ManagersResult> {
  if (!alreadyAsked) await askToRemove(host, group, manager);
  const managers = await busyWhile(() => deps.service.removeManager(host, group, manager, opts));
  const done = `Removed ${manager.name} as a manager of "${group.displayName}".`;
  deps.log.info(done);
  void vscode.window.setStatusBarMessage(done, 5000);
  return { host, group: group.displayName, managers, removed: manager.name };
}

/** Asked whatever the argument says: taking a role away is a person's decision, not a caller's. */
async function askToRemove(host: string, group: GroupRef, manager: ManagerRef): Promise<void> {
  const yes = await confirmed(
    `Remove ${manager.name} as a manager of ${group.displayName}?`,
    {
      detail: `${manager.name} can then no longer change the members of "${group.displayName}" (account of ${host}) unless they are account admin.`,
    },
    'Remove',
  );
  if (!yes) throw new UserCancelled();
}

async function groupOf(deps: AccessCommandDeps, ctx: CommandContext, opts: AccountOptions): Promise<GroupRef> {
  if (ctx.node) return groupOfRow(ctx.node);
  const name = ctx.args
    ? stringField(ctx.args, 'group')
    : await askName(`Group managers in ${ctx.workspace.name}`, 'Name of the account group');
  return deps.service.findGroup(ctx.host, name, opts);
}

function notAManager(name: string, group: GroupRef, managers: readonly ManagerRef[]): Error {
  const now = managers.length > 0 ? `Its managers: ${managers.map((m) => m.name).join(', ')}.` : 'It has no managers.';
  return new Error(`${name} is not a manager of "${group.displayName}", so there is nothing to remove. ${now}`);
}
