// A group's members carry only id and display; people and pipelines need the userName or
// applicationId too. Fetched with `id eq … or …` filters, 100 ids a request, all kinds in parallel.
import type { ScimClient } from './client';
import { orChunks } from './filter';
import { collectAll } from './paging';
import { principalName } from './resources';
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
  client: Pick<ScimClient, 'listAll'>,
  members: readonly ScimMember[],
  opts: { signal?: AbortSignal } = {},
): Promise<MemberDetails[]> {
  const idsOf = (kind: MemberKind) => members.filter((m) => m.kind === kind).map((m) => m.id);
  const details = new Map<string, Partial<MemberDetails>>();
  const signal = opts.signal;
  await Promise.all(
    (['user', 'servicePrincipal'] as const).flatMap((kind) =>
      orChunks('id', idsOf(kind)).map(async (filter) => {
        for (const p of await collectAll(client.listAll(kind, { filter, signal }))) {
          const name = principalName(p);
          details.set(p.id, {
            ...(kind === 'user' ? { userName: name } : { applicationId: name }),
            displayName: p.displayName ?? name,
            ...(p.active === undefined ? {} : { active: p.active }),
          });
        }
      }),
    ),
  );
  return members.map((m) => ({ id: m.id, type: m.kind, displayName: m.display, ...details.get(m.id) }));
}
