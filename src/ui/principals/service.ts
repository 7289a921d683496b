// What the principal commands change, as typed calls without prompts, and where each write goes:
// members of a workspace-local group through workspace SCIM, members of an ACCOUNT group through the
// account (accountMembers.ts), entitlements of every principal through workspace SCIM (they are per
// workspace, also for account groups). Each write invalidates exactly the rows it changed. Commands
// find their target (row, palette, arguments), ask what they must, and call these.
import { routeFor } from '../../core/account/routing';
import { DatabricksError } from '../../core/databricks/errors';
import type { ScimClient } from '../../core/scim/client';
import type { PrincipalKind, ScimGroup } from '../../core/scim/types';
import type { AccountRequest, Connections } from '../common/connection';
import type { ExplorerView } from '../explorer/explorerView';
import { accountFolderNode, accountNodeFor } from '../explorer/accountLoaders';
import { createAccountGroup } from './accountGroupCreate';
import { accountDirectMembers, changeAccountMembers } from './accountMembers';

/** A principal as the commands need it: what kind, its id, and the name people know it by. */
export interface PrincipalRef {
  kind: PrincipalKind;
  id: string;
  /** userName, applicationId or group displayName. */
  name: string;
  /** Only known for groups: an account group's members are changed through the account. */
  source?: ScimGroup['source'];
}

export interface GroupRef {
  id: string;
  displayName: string;
  source?: ScimGroup['source'];
}

/** How a membership write may reach the account: the names for its messages, and the account request. */
export interface MemberWriteOptions {
  /** Names people know the principals by, in the order of the ids. */
  names?: readonly string[];
  account?: AccountRequest;
}

export class PrincipalService {
  constructor(
    private readonly connections: Connections,
    private readonly explorer: ExplorerView,
  ) {}

  /**
   * Adds principals (by id) to a group: one workspace PATCH for a workspace-local group, the account
   * route for an account group (also when the workspace only says so on the write). "Already a
   * member" counts as done; an account write that answered 2xx but changed nothing is an error.
   */
  async addMembers(
    host: string,
    group: GroupRef,
    ids: readonly string[],
    opts: MemberWriteOptions = {},
  ): Promise<void> {
    await this.changeMembers(host, group, { add: ids, remove: [] }, opts, (scim) =>
      scim.addMembers(group.id, [...ids]),
    );
    // The group's members and each new member's own groups changed, wherever they are shown.
    this.explorer.invalidate(host, { groups: [group.id], principals: ids });
  }

  async removeMember(host: string, group: GroupRef, principalId: string, opts: MemberWriteOptions = {}): Promise<void> {
    const write = (scim: ScimClient) => scim.removeMember(group.id, principalId);
    await this.changeMembers(host, group, { add: [], remove: [principalId] }, opts, write);
    this.explorer.invalidate(host, { groups: [group.id], principals: [principalId] });
  }

  /**
   * Whether `principalId` is a direct member of an account group, read at account level (signing in
   * as `request` allows): a removal checks this before anyone is asked to agree to it, so a missing
   * sign-in, a refused token or a row shown from an older read fails first.
   */
  async isAccountGroupMember(
    host: string,
    group: GroupRef,
    principalId: string,
    request: AccountRequest = {},
  ): Promise<boolean> {
    if (!this.connections.account) throw new Error(accountGroupMessage(group.displayName, 'members'));
    const access = await this.connections.account(host, request);
    try {
      return (await accountDirectMembers(access, group.id)).has(principalId);
    } finally {
      if (request.token !== undefined) await access.client.close();
    }
  }

  private async changeMembers(
    host: string,
    group: GroupRef,
    change: { add: readonly string[]; remove: readonly string[] },
    opts: MemberWriteOptions,
    workspaceWrite: (scim: ScimClient) => Promise<unknown>,
  ): Promise<void> {
    if (group.source !== 'account') {
      const { scim } = await this.connections.get(host);
      try {
        await workspaceWrite(scim);
        return;
      } catch (err) {
        // A group whose source was not known refused as an account group: it is one, go there.
        if (!(err instanceof DatabricksError && err.isAccountGroupWrite && this.connections.account)) {
          throw err instanceof DatabricksError && err.isAccountGroupWrite
            ? new Error(accountGroupMessage(group.displayName, 'members'))
            : err;
        }
      }
    }
    if (!this.connections.account) throw new Error(accountGroupMessage(group.displayName, 'members'));
    const access = await this.connections.account(host, opts.account);
    const ids = [...change.add, ...change.remove];
    const names = new Map(ids.map((id, i) => [id, opts.names?.[i] ?? id]));
    try {
      await changeAccountMembers(access, { groupId: group.id, groupName: group.displayName, ...change, names });
    } finally {
      // A client made for a token handed in for this call is not kept.
      if (opts.account?.token !== undefined) await access.client.close();
    }
  }

  async setEntitlements(
    host: string,
    principal: PrincipalRef,
    added: readonly string[],
    removed: readonly string[],
  ): Promise<void> {
    if (added.length + removed.length === 0) return;
    // Entitlements are per workspace, also for account groups: workspace SCIM for every principal.
    const { scim } = await this.connections.get(host);
    try {
      await scim.setEntitlements(principal.kind, principal.id, [...added], [...removed]);
    } catch (err) {
      if (principal.source === 'account' && err instanceof DatabricksError && err.status === 403) {
        const decision = routeFor({ kind: 'account', role: 'none', operation: 'setEntitlements', identityV2: false });
        if (!decision.ok) throw new Error(decision.message);
      }
      throw err;
    }
    this.explorer.invalidate(host, { principals: [principal.id] });
  }

  /** A workspace-local group; a taken name is said in one sentence instead of the service's 409. */
  async createGroup(host: string, displayName: string): Promise<ScimGroup> {
    const { scim } = await this.connections.get(host);
    let group: ScimGroup;
    try {
      group = await scim.createGroup({ displayName });
    } catch (err) {
      if (err instanceof DatabricksError && err.isConflict)
        throw new Error(`A group named "${displayName}" already exists in ${host}.`);
      throw err;
    }
    this.explorer.invalidate(host, { folders: ['groups'] });
    return group;
  }

  /**
   * An account group, usable in this workspace (accountGroupCreate.ts). The workspace's Groups
   * folder, its Access folder (an assignment was added) and the account's Groups folder reload.
   */
  async createAccountGroup(host: string, displayName: string, request: AccountRequest = {}): Promise<ScimGroup> {
    if (!this.connections.account)
      throw new Error('This build cannot reach the Databricks account behind a workspace.');
    const access = await this.connections.account(host, request);
    try {
      const { group } = await createAccountGroup(access, displayName);
      this.explorer.invalidate(host, { folders: ['groups'], access: true });
      this.explorer.refresh(accountFolderNode(accountNodeFor(host, access.accountId), 'groups'));
      return group;
    } finally {
      // A client made for a token handed in for this call is not kept.
      if (request.token !== undefined) await access.client.close();
    }
  }
}

export function accountGroupMessage(groupName: string, what: string): string {
  return (
    `"${groupName}" is an account group: its ${what} cannot be changed at workspace level. ` +
    'Change it in the Databricks account console (accounts.azuredatabricks.net) or in Entra ID.'
  );
}
