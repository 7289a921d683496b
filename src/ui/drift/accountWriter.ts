// Where a reconcile writes members: an account group (identity federation) only at account level —
// its workspace refuses the change — reached through Connections.account with an Entra token; any
// other group through workspace SCIM (applyPlan's default). Identity v2 where the workspace offers
// it, else account SCIM — the route of a single member change.
import {
  accountMemberWriter,
  identityV2MemberWriter,
  needsAccountWriter,
  type MemberWriter,
} from '../../core/drift/memberWriter';
import type { Connections } from '../common/connection';

export interface MembersRoute {
  /** undefined: workspace SCIM. */
  writer?: MemberWriter;
  /** Closes a client made for a handed-in token (the caller's for that one call). */
  close(): Promise<void>;
}

export async function membersRouteFor(
  connections: Connections,
  host: string,
  groupId: string,
  opts: { interactive: boolean; accountToken?: string },
): Promise<MembersRoute> {
  const { scim } = await connections.get(host);
  const group = await scim.get('group', groupId, { excludedAttributes: ['members'] });
  if (!needsAccountWriter(group)) return { close: async () => undefined };
  if (!connections.account)
    throw new Error(
      `"${group.displayName}" is an account group: its members are changed at account level, which this build cannot reach. Reconcile it with dbx-scim reconcile, or change it in the account console.`,
    );
  const access = await connections.account(host, {
    interactive: opts.interactive,
    ...(opts.accountToken ? { token: opts.accountToken } : {}),
  });
  return {
    writer: (await access.identityV2.available())
      ? identityV2MemberWriter(access.identityV2)
      : accountMemberWriter(access.client),
    close: async () => {
      if (opts.accountToken) await access.client.close();
    },
  };
}
