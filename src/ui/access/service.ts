// What the access commands change, as typed calls without prompts: workspace assignments and group
// managers, through the account behind a workspace (`Connections.account`). Refusals the account
// sends back become sentences that name who may do it; the tree rows that show a change reload.
import type { PermissionAssignment, WorkspacePermission } from '../../core/account/assignments';
import { routeFor, type GroupKind } from '../../core/account/routing';
import { DatabricksError } from '../../core/databricks/errors';
import type { AccountAccess, AccountRequest, Connections } from '../common/connection';
import { accessFolderNode, accountFolderNode, accountNodeFor } from '../explorer/accountLoaders';
import type { ExplorerView } from '../explorer/explorerView';
import { workspaceNode } from '../explorer/loaders';
import { childKey, type AccountPrincipalNode, type FolderKind } from '../explorer/nodes';
import {
  findAccountPrincipal,
  managerPrincipalOf,
  managerRefOf,
  sameManager,
  type AccessPrincipal,
  type ManagerRef,
} from './names';

/** How a call reaches the account (see `AccountRequest`). */
export interface AccountOptions {
  /** A person started it: the account id may be asked for and Microsoft sign-in shown. */
  interactive?: boolean;
  /** An Entra token a program handed in (tests, other extensions): this call only, never stored. */
  accountToken?: string;
}

export interface GroupRef {
  id: string;
  displayName: string;
}

export class AccessService {
  constructor(
    private readonly connections: Connections,
    private readonly explorer: ExplorerView,
  ) {}

  /**
   * Runs `use` with the account behind workspace `host`. A client made for a handed-in token is
   * the caller's to close, so it is closed here once `use` is done.
   */
  async withAccount<T>(host: string, opts: AccountOptions, use: (access: AccountAccess) => Promise<T>): Promise<T> {
    if (!this.connections.account)
      throw new Error('This build cannot reach the Databricks account behind a workspace.');
    const request: AccountRequest = {
      ...(opts.interactive ? { interactive: true } : {}),
      ...(opts.accountToken ? { token: opts.accountToken } : {}),
    };
    const access = await this.connections.account(host, request);
    try {
      return await use(access);
    } finally {
      if (opts.accountToken) await access.client.close();
    }
  }

  /** A user name, application id or group name, looked up in the account behind `host`. */
  findPrincipal(host: string, name: string, opts: AccountOptions = {}): Promise<AccessPrincipal> {
    return this.withAccount(host, opts, ({ client }) => findAccountPrincipal(client, name));
  }

  /** An account group by its exact name (workspace-local groups are not in the account). */
  findGroup(host: string, displayName: string, opts: AccountOptions = {}): Promise<GroupRef> {
    return this.withAccount(host, opts, async ({ client }) => {
      const group = await client.findByName('group', displayName);
      if (!group)
        throw new Error(
          `There is no account group "${displayName}" behind ${host}. Name an account group by its exact name; ` +
            'a workspace-local group has no managers.',
        );
      return { id: group.id, displayName: group.displayName };
    });
  }

  /** Who is assigned to workspace `host`, and with which levels. */
  assignments(host: string, opts: AccountOptions = {}): Promise<PermissionAssignment[]> {
    return this.withAccount(host, opts, ({ client, workspaceId }) =>
      explained(assignmentRefusal(host), () => client.assignments.list(workspaceId)),
    );
  }

  /** Gives `principal` USER or ADMIN on workspace `host` (ADMIN implies USER); replaces its own level. */
  async assign(
    host: string,
    principal: AccessPrincipal,
    permission: WorkspacePermission,
    opts: AccountOptions = {},
  ): Promise<PermissionAssignment | undefined> {
    const made = await this.withAccount(host, opts, ({ client, workspaceId }) =>
      explained(
        assignmentRefusal(host, principal),
        () => client.assignments.assign(workspaceId, principal.id, [permission]),
        {
          host,
          principal,
        },
      ),
    );
    this.invalidate(host, principal);
    return made;
  }

  /** Takes `principal`'s own assignment away; it may still reach the workspace through a group. */
  async unassign(host: string, principal: AccessPrincipal, opts: AccountOptions = {}): Promise<void> {
    await this.withAccount(host, opts, ({ client, workspaceId }) =>
      explained(assignmentRefusal(host, principal), () => client.assignments.unassign(workspaceId, principal.id), {
        host,
        principal,
      }),
    );
    this.invalidate(host, principal);
  }

  /** The managers of account group `group` (the `roles/group.manager` rule of its rule set). */
  async managers(host: string, group: GroupRef, opts: AccountOptions = {}): Promise<ManagerRef[]> {
    const names = await this.withAccount(host, opts, ({ client }) =>
      explained(managerRefusal(), () => client.managers.managers(group.id)),
    );
    return names.map(managerRefOf);
  }

  /** Adds a manager (already one: nothing is written); answers the managers afterwards. */
  async addManager(
    host: string,
    group: GroupRef,
    who: Pick<AccessPrincipal, 'kind' | 'name'>,
    opts: AccountOptions = {},
  ): Promise<ManagerRef[]> {
    const accountId = await this.withAccount(host, opts, async ({ client, accountId }) => {
      await explained(managerRefusal(), () => client.managers.addManager(group.id, managerPrincipalOf(who)));
      return accountId;
    });
    this.managersChanged(host, accountId, group);
    return this.managers(host, group, opts);
  }

  /** Removes a manager as listed by `managers`; answers the managers afterwards. */
  async removeManager(
    host: string,
    group: GroupRef,
    manager: ManagerRef,
    opts: AccountOptions = {},
  ): Promise<ManagerRef[]> {
    if (manager.kind === 'other')
      throw new Error(`"${manager.name}" is not a user, service principal or group: change it in the account console.`);
    const who = managerPrincipalOf({ kind: manager.kind, name: manager.name });
    const accountId = await this.withAccount(host, opts, async ({ client, accountId }) => {
      await explained(managerRefusal(), () => client.managers.removeManager(group.id, who));
      return accountId;
    });
    this.managersChanged(host, accountId, group);
    const after = await this.managers(host, group, opts);
    if (after.some((m) => sameManager(m, manager.name)))
      throw new Error(`${manager.name} is still a manager of "${group.displayName}": the account kept the rule.`);
    return after;
  }

  /**
   * The workspace's view of the principal changed: its rows, and the folders whose counts moved
   * (a group brings or takes its members with it).
   */
  private invalidate(host: string, principal: AccessPrincipal): void {
    const folders: FolderKind[] =
      principal.kind === 'group'
        ? ['users', 'groups', 'servicePrincipals']
        : [principal.kind === 'user' ? 'users' : 'servicePrincipals'];
    this.explorer.invalidate(host, { principals: [principal.id], folders });
    // The workspace's Access folder lists the assignments; a node built here stands for the one shown.
    const config = this.connections.find(host);
    if (config) this.explorer.refresh(accessFolderNode(workspaceNode(config)));
  }

  /** The group's row under its account shows the managers once opened: it reloads (a no-op when not shown). */
  private managersChanged(host: string, accountId: string, group: GroupRef): void {
    const folder = accountFolderNode(accountNodeFor(host, accountId), 'groups');
    const row: AccountPrincipalNode = {
      kind: 'accountPrincipal',
      key: childKey(folder, group.id),
      host,
      parent: folder,
      accountId,
      principalKind: 'group',
      id: group.id,
      display: group.displayName,
    };
    this.explorer.refresh(row);
  }
}

/** The routing table's words for a refusal, so a tooltip and a refused command say the same. */
export function refusalOf(kind: GroupKind, operation: 'assignToWorkspace' | 'manageManagers'): string {
  const decision = routeFor({ kind, role: 'none', operation, identityV2: false });
  return decision.ok ? '' : decision.message;
}

function assignmentRefusal(host: string, principal?: AccessPrincipal): string {
  if (principal?.kind === 'group') return refusalOf('account', 'assignToWorkspace');
  return (
    `Only an account admin may change who is assigned to ${host} (account console → Workspaces → the workspace → ` +
    'Permissions). Sign in as one, or ask one to make the change.'
  );
}

function managerRefusal(): string {
  return refusalOf('account', 'manageManagers');
}

/** The account's refusals in words that say who may do it, or which principal to name instead. */
async function explained<T>(
  refused: string,
  call: () => Promise<T>,
  target?: { host: string; principal: AccessPrincipal },
): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (!(err instanceof DatabricksError)) throw err;
    if (err.status === 403) throw new Error(refused);
    if (err.status === 404 && target)
      throw new Error(
        `The account behind ${target.host} does not know ${target.principal.name}: only account users, service ` +
          'principals and account groups can be assigned (not a workspace-local group, nor a principal of another account).',
      );
    throw err;
  }
}
