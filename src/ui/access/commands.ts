// dbxScim.assignToWorkspace and dbxScim.removeFromWorkspace (who may use a workspace, through the
// account behind it), and the registration of every access command over one AccessService.
// A removal is never done without a person's yes, whatever the argument object says.
import * as vscode from 'vscode';
import type { PermissionAssignment, WorkspacePermission } from '../../core/account/assignments';
import { busyWhile, registerServiceActions, type ActionEntry } from '../common/action';
import { confirmed } from '../common/consent';
import { UserCancelled } from '../common/errors';
import { resolveCommandContext, stringField, type CommandContext } from '../explorer/commandContext';
import { manageGroupManagers } from './managers';
import { isPermission, kindWord, PERMISSION_WORDS, sameName, type AccessPrincipal } from './names';
import { accountOptions, askName, pickWorkspace, principalOfRow, type AccessCommandDeps } from './picks';
import { AccessService } from './service';

export interface AssignResult {
  host: string;
  principal: string;
  kind: AccessPrincipal['kind'];
  permissions: WorkspacePermission[];
}

export interface RemoveResult {
  host: string;
  principal: string;
  kind: AccessPrincipal['kind'];
}

const COMMANDS: ReadonlyArray<ActionEntry<AccessCommandDeps>> = [
  ['dbxScim.assignToWorkspace', assignToWorkspace, { busyLabel: 'Assigning…', rethrow: 'api' }],
  ['dbxScim.removeFromWorkspace', removeFromWorkspace, { busyLabel: 'Removing…', rethrow: 'api' }],
  ['dbxScim.manageGroupManagers', manageGroupManagers, { busyLabel: 'Saving…', rethrow: 'api' }],
];

export function registerAccessCommands(
  context: vscode.ExtensionContext,
  base: Omit<AccessCommandDeps, 'service'>,
): AccessService {
  return registerServiceActions(context, base, new AccessService(base.connections, base.explorer), COMMANDS);
}

export async function assignToWorkspace(deps: AccessCommandDeps, arg: unknown): Promise<AssignResult> {
  const ctx = await resolveCommandContext(arg, deps.connections);
  const opts = accountOptions(ctx);
  let host = ctx.host;
  let principal: AccessPrincipal;
  let permission: WorkspacePermission;
  if (ctx.args) {
    const level = ctx.args['permission'];
    if (!isPermission(level)) throw new Error('"permission" must be "USER" or "ADMIN".');
    permission = level;
    principal = await deps.service.findPrincipal(host, stringField(ctx.args, 'principal'), opts);
  } else {
    const fromRow = ctx.node && principalOfRow(ctx.node, 'assign');
    if (fromRow) {
      principal = fromRow;
      // The row's principal is the same account principal in every workspace of that account.
      const ofWorkspace = ctx.node?.kind !== 'accountPrincipal';
      host = await pickWorkspace(deps.connections, host, `Assign ${fromRow.name} to which workspace?`, ofWorkspace);
    } else {
      const name = await askName(`Assign to ${ctx.workspace.name}`, 'User name, application id or group name');
      principal = await deps.service.findPrincipal(host, name, opts);
    }
    permission = await pickPermission(principal, deps.connections.find(host)?.name ?? host);
  }

  const made = await busyWhile(() => deps.service.assign(host, principal, permission, opts));
  const permissions = made?.permissions ?? [permission];
  const done = `Assigned ${kindWord(principal.kind)} ${principal.name} to ${nameOf(deps, host)} as ${PERMISSION_WORDS[permission]}.`;
  deps.log.info(done);
  void vscode.window.showInformationMessage(done);
  return { host, principal: principal.name, kind: principal.kind, permissions };
}

export async function removeFromWorkspace(deps: AccessCommandDeps, arg: unknown): Promise<RemoveResult> {
  const ctx = await resolveCommandContext(arg, deps.connections);
  const { host } = ctx;
  const opts = accountOptions(ctx);
  // A row that cannot have an assignment is refused before the account is asked.
  const row = ctx.node && principalOfRow(ctx.node, 'remove');
  const assigned = await deps.service.assignments(host, opts);
  const assignment = await assignmentToRemove(ctx, row, assigned);
  const principal = assignment.principal;
  if (principal.kind === 'unknown') throw new Error(`Assignment ${principal.principalId} is of an unknown kind.`);
  const target: AccessPrincipal = {
    kind: principal.kind,
    id: principal.principalId,
    name: principal.name ?? principal.displayName ?? principal.principalId,
  };

  // Asked whatever the argument says: taking access away is a person's decision, not a caller's.
  const workspace = nameOf(deps, host);
  const consent = await confirmed(
    `Remove ${kindWord(target.kind)} ${target.name} from workspace ${workspace}?`,
    {
      detail:
        target.kind === 'group'
          ? `Its members lose the access to ${host} the group gave them (unless another assignment gives it).`
          : `It loses its own access to ${host}; an assigned group it is in still gives it that group's access.`,
    },
    'Remove',
  );
  if (!consent) throw new UserCancelled();
  await busyWhile(() => deps.service.unassign(host, target, opts));
  const done = `Removed ${kindWord(target.kind)} ${target.name} from workspace ${workspace}.`;
  deps.log.info(done);
  void vscode.window.setStatusBarMessage(done, 5000);
  return { host, principal: target.name, kind: target.kind };
}

/** The assignment a row, an argument or a pick names; a principal without one of its own is refused in words. */
async function assignmentToRemove(
  ctx: CommandContext,
  row: AccessPrincipal | undefined,
  assigned: readonly PermissionAssignment[],
): Promise<PermissionAssignment> {
  const { host, args } = ctx;
  if (!row && !args) {
    const picked = await vscode.window.showQuickPick(
      assigned.map((a) => ({
        label: a.principal.name ?? a.principal.displayName ?? a.principal.principalId,
        description: `${kindWord(a.principal.kind === 'unknown' ? 'other' : a.principal.kind)} · ${a.permissions.join(', ')}`,
        a,
      })),
      {
        title: `Remove from ${ctx.workspace.name}`,
        placeHolder: 'Whose assignment to remove?',
        matchOnDescription: true,
      },
    );
    if (!picked) throw new UserCancelled();
    return picked.a;
  }
  const wanted = row?.name ?? stringField(args ?? {}, 'principal');
  const found = assigned.find((a) =>
    row
      ? a.principal.principalId === row.id
      : a.principal.name !== undefined && sameName(a.principal.kind, a.principal.name, wanted),
  );
  if (!found)
    throw new Error(
      `${wanted} has no assignment of its own to ${host}: it reaches the workspace through an assigned group, ` +
        'or not at all. Remove it from that group instead.',
    );
  return found;
}

async function pickPermission(principal: AccessPrincipal, workspace: string): Promise<WorkspacePermission> {
  const levels: WorkspacePermission[] = ['USER', 'ADMIN'];
  const picked = await vscode.window.showQuickPick(
    levels.map((level) => ({ label: level, description: PERMISSION_WORDS[level], level })),
    { title: `Assign ${principal.name} to ${workspace}`, placeHolder: 'Permission on the workspace' },
  );
  if (!picked) throw new UserCancelled();
  return picked.level;
}

function nameOf(deps: AccessCommandDeps, host: string): string {
  return deps.connections.find(host)?.name ?? host;
}
