// What one host sees of the shared directory. The workspace SCIM handlers are written once; a
// Scope tells them which records exist on this host and who may write. Without a scope (a bare
// Services) everything is visible, as before there was an account.

import type { PrincipalRecord } from '../records';
import type { AccountState } from './accountState';
import { isWorkspaceAdmin } from './roles';

export interface Scope {
  /** Distinguishes cached lists of different hosts. */
  readonly key: string;
  /** The account host: account groups are writable, workspace-local groups do not exist. */
  readonly accountLevel: boolean;
  /** The workspace this host serves (undefined on the account host). */
  readonly workspaceId: string | undefined;
  readonly account: AccountState;
  /** Changes whenever visibility may have changed without the directory changing. */
  generation(): number;
  visible(rec: PrincipalRecord): boolean;
  /** A principal was just created through this host's SCIM. */
  created(rec: PrincipalRecord): void;
  /** May this user write through this host's workspace SCIM? */
  isAdmin(userId: string): boolean;
}

export function workspaceScope(account: AccountState, workspaceId: string): Scope {
  return {
    key: `workspace:${workspaceId}`,
    accountLevel: false,
    workspaceId,
    account,
    generation: () => account.generation,
    visible: (rec) => account.visibleIn(workspaceId, rec),
    // Creating a principal in an identity-federated workspace adds it to the account and to this workspace.
    created: (rec) => account.setHome(rec.id, workspaceId),
    isAdmin: (userId) => isWorkspaceAdmin(account, workspaceId, userId),
  };
}

export function accountScope(account: AccountState): Scope {
  return {
    key: 'account',
    accountLevel: true,
    workspaceId: undefined,
    account,
    generation: () => account.generation,
    visible: (rec) => account.visibleInAccount(rec),
    created: (rec) => account.setHome(rec.id, undefined),
    isAdmin: () => false,
  };
}
