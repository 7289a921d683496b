// What the principal commands change, as typed calls without prompts: each write goes to the
// workspace, says plainly when the workspace refuses it for an account group, and invalidates
// exactly the rows it changed. Commands find their target (row, palette, arguments), ask what they
// must, and call these.
import { DatabricksError } from '../../core/databricks/errors';
import type { PrincipalKind, ScimGroup } from '../../core/scim/types';
import type { Connections } from '../common/connection';
import type { ExplorerView } from '../explorer/explorerView';

/** A principal as the commands need it: what kind, its id, and the name people know it by. */
export interface PrincipalRef {
  kind: PrincipalKind;
  id: string;
  /** userName, applicationId or group displayName. */
  name: string;
  /** Only known for groups: account groups cannot be changed at workspace level. */
  source?: ScimGroup['source'];
}

export interface GroupRef {
  id: string;
  displayName: string;
  source?: ScimGroup['source'];
}

export class PrincipalService {
  constructor(
    private readonly connections: Connections,
    private readonly explorer: ExplorerView,
  ) {}

  /** Adds principals (by id) to a group in one request; "already a member" counts as done. */
  async addMembers(host: string, group: GroupRef, ids: readonly string[]): Promise<void> {
    checkWritable(group, 'members');
    const { scim } = await this.connections.get(host);
    await explained(group.displayName, 'members', () => scim.addMembers(group.id, [...ids]));
    // The group's members and each new member's own groups changed, wherever they are shown.
    this.explorer.invalidate(host, { groups: [group.id], principals: ids });
  }

  async removeMember(host: string, group: GroupRef, principalId: string): Promise<void> {
    checkWritable(group, 'members');
    const { scim } = await this.connections.get(host);
    await explained(group.displayName, 'members', () => scim.removeMember(group.id, principalId));
    this.explorer.invalidate(host, { groups: [group.id], principals: [principalId] });
  }

  async setEntitlements(
    host: string,
    principal: PrincipalRef,
    added: readonly string[],
    removed: readonly string[],
  ): Promise<void> {
    if (added.length + removed.length === 0) return;
    if (principal.source === 'account') throw new Error(accountGroupMessage(principal.name, 'entitlements'));
    const { scim } = await this.connections.get(host);
    const write = () => scim.setEntitlements(principal.kind, principal.id, [...added], [...removed]);
    await (principal.kind === 'group' ? explained(principal.name, 'entitlements', write) : write());
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
}

/** Account groups cannot be changed through the workspace API: said before anything is sent. */
export function checkWritable(group: GroupRef, what: string): void {
  if (group.source === 'account') throw new Error(accountGroupMessage(group.displayName, what));
}

/** The service's "account group" refusal as a plain sentence, for groups whose source was not known before. */
async function explained<T>(groupName: string, what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof DatabricksError && err.isAccountGroupWrite)
      throw new Error(accountGroupMessage(groupName, what));
    throw err;
  }
}

export function accountGroupMessage(groupName: string, what: string): string {
  return (
    `"${groupName}" is an account group: its ${what} cannot be changed at workspace level. ` +
    'Change it in the Databricks account console (accounts.azuredatabricks.net) or in Entra ID.'
  );
}
