// Where applyPlan's membership writes go. A workspace-local group is changed through workspace SCIM;
// an account group (identity federation) only at account level, where every write is read back
// because the service has answered 2xx to membership writes it then dropped. Creating users and
// service principals stays on workspace SCIM either way: a federated workspace adds them to the account.

import type { AccountClient } from '../account/client';
import { MembershipNotAppliedError } from '../account/errors';
import type { IdentityV2Client } from '../account/identityV2';
import { verifyMembership } from '../account/membershipCheck';
import { DatabricksError } from '../databricks/errors';
import type { ScimClient } from '../scim/client';
import type { GroupSource } from '../scim/types';

export interface WriteOptions {
  signal?: AbortSignal;
}

/**
 * One group's membership writes. Success is the promise resolving (what it resolves to is the
 * client's own report, not read here); a rejection fails every id of that call.
 */
export interface MemberWriter {
  /** Which API the writes go to, for logs and reports. */
  readonly route: 'workspaceScim' | 'accountScim' | 'identityV2';
  add(groupId: string, ids: readonly string[], opts?: WriteOptions): Promise<unknown>;
  remove(groupId: string, ids: readonly string[], opts?: WriteOptions): Promise<unknown>;
}

/** Workspace SCIM: adds in batches; removes one member a request, so one refusal fails one id. */
export function workspaceMemberWriter(scim: Pick<ScimClient, 'addMembers' | 'removeMember'>): MemberWriter {
  return {
    route: 'workspaceScim',
    add: (groupId, ids, opts = {}) => scim.addMembers(groupId, ids, opts),
    remove: async (groupId, ids, opts = {}) => {
      for (const id of ids) await scim.removeMember(groupId, id, opts);
    },
  };
}

/** Account SCIM: account group ids and principal ids are the ones the federated workspace shows. */
export function accountMemberWriter(client: Pick<AccountClient, 'addMembers' | 'removeMembers'>): MemberWriter {
  return {
    route: 'accountScim',
    add: (groupId, ids, opts = {}) => client.addMembers(groupId, ids, opts),
    remove: (groupId, ids, opts = {}) => client.removeMembers(groupId, ids, opts),
  };
}

/**
 * The workspace's Identity v2 (Beta) direct-member routes, which a group manager may use without
 * being account admin: one request per member (the API has no batch), then the members read back.
 */
export function identityV2MemberWriter(
  v2: Pick<IdentityV2Client, 'addDirectMember' | 'removeDirectMember' | 'listDirectMembers'>,
): MemberWriter {
  const readBack = (groupId: string, added: readonly string[], removed: readonly string[], opts: WriteOptions) =>
    verifyMembership(
      groupId,
      added,
      removed,
      async () => new Set((await v2.listDirectMembers(groupId, opts)).map((m) => m.principalId)),
      opts,
    );
  return {
    route: 'identityV2',
    add: async (groupId, ids, opts = {}) => {
      for (const id of ids) {
        try {
          await v2.addDirectMember(groupId, id, opts);
        } catch (err) {
          if (!(err instanceof DatabricksError && err.isAlreadyMember)) throw err;
        }
      }
      await readBack(groupId, ids, [], opts);
    },
    remove: async (groupId, ids, opts = {}) => {
      for (const id of ids) {
        try {
          await v2.removeDirectMember(groupId, id, opts);
        } catch (err) {
          // Not a member (any more): what was asked is true.
          if (!(err instanceof DatabricksError && err.status === 404 && err.code !== 'ENDPOINT_NOT_FOUND')) throw err;
        }
      }
      await readBack(groupId, [], ids, opts);
    },
  };
}

/** Whether a group's members must be written at account level. */
export function needsAccountWriter(group: { source?: GroupSource | undefined }): boolean {
  return group.source === 'account';
}

/** The sentence for a write the service acknowledged and the read-back did not show. */
export function notAppliedText(err: MembershipNotAppliedError): string {
  const n = err.notAdded.length + err.notRemoved.length;
  return (
    `Databricks accepted the change but the group read back without it (${n} principal${n === 1 ? '' : 's'} unchanged). ` +
    'Nothing is counted as changed: run reconcile again, or check the group in the account console.'
  );
}
