// A group's members carry only id and display; people and pipelines need the userName or
// applicationId too. Fetched with `id eq … or …` filters, 100 ids a request, all kinds in parallel.
import type { ScimClient } from './client';
import { orChunks } from './filter';
import { collectAll } from './paging';
import type { MemberKind, ScimMember } from './types';

export interface MemberDetails {
  id: string;
  type: MemberKind;
  displayName: string;
  userName?: string;
  applicationId?: string;
  active?: boolean;
}

export async function describeMembers(
  client: Pick<ScimClient, 'listUsers' | 'listServicePrincipals'>,
  members: readonly ScimMember[],
  opts: { signal?: AbortSignal } = {},
): Promise<MemberDetails[]> {
  const idsOf = (kind: MemberKind) => members.filter((m) => m.kind === kind).map((m) => m.id);
  const details = new Map<string, Partial<MemberDetails>>();
  const signal = opts.signal;
  await Promise.all([
    ...orChunks('id', idsOf('user')).map(async (filter) => {
      for (const u of await collectAll(client.listUsers({ filter, signal })))
        details.set(u.id, {
          userName: u.userName,
          displayName: u.displayName ?? u.userName,
          ...(u.active === undefined ? {} : { active: u.active }),
        });
    }),
    ...orChunks('id', idsOf('servicePrincipal')).map(async (filter) => {
      for (const s of await collectAll(client.listServicePrincipals({ filter, signal })))
        details.set(s.id, {
          applicationId: s.applicationId,
          displayName: s.displayName ?? s.applicationId,
          ...(s.active === undefined ? {} : { active: s.active }),
        });
    }),
  ]);
  return members.map((m) => ({ id: m.id, type: m.kind, displayName: m.display, ...details.get(m.id) }));
}
