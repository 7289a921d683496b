// Turns what people type (a userName, an application id, a group name) into SCIM ids, with one
// filtered list request per kind and per 100 names instead of a lookup per name.
import type { ScimClient } from './client';

/** What name resolution needs: the listings of a workspace or an account SCIM client. */
export type PrincipalLister = Pick<ScimClient, 'listUsers' | 'listServicePrincipals' | 'listGroups'>;
import { orChunks } from './filter';
import { collectAll } from './paging';
import type { PrincipalKind } from './types';

export interface ResolvedPrincipal {
  /** What was asked for. */
  name: string;
  id: string;
  kind: PrincipalKind;
  display: string;
}

export interface Resolution {
  resolved: ResolvedPrincipal[];
  /** Names that matched nothing, in the order given. */
  unknown: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Which attribute a typed name is matched against: e-mail-like → user, GUID → SP, else a group. */
export function kindOfName(name: string): PrincipalKind {
  if (name.includes('@')) return 'user';
  if (GUID.test(name)) return 'servicePrincipal';
  return 'group';
}

export async function resolvePrincipals(
  client: PrincipalLister,
  names: readonly string[],
  opts: { signal?: AbortSignal } = {},
): Promise<Resolution> {
  const wanted = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
  const byKind = (k: PrincipalKind) => wanted.filter((n) => kindOfName(n) === k);
  const found = new Map<string, ResolvedPrincipal>();
  const signal = opts.signal;

  const lookups: Array<Promise<void>> = [];
  for (const filter of orChunks('userName', byKind('user'))) {
    lookups.push(
      collectAll(client.listUsers({ filter, signal, attributes: ['id', 'userName', 'displayName'] })).then((users) => {
        for (const u of users)
          found.set(`user:${u.userName.toLowerCase()}`, {
            name: u.userName,
            id: u.id,
            kind: 'user',
            display: u.displayName ?? u.userName,
          });
      }),
    );
  }
  for (const filter of orChunks('applicationId', byKind('servicePrincipal'))) {
    lookups.push(
      collectAll(
        client.listServicePrincipals({ filter, signal, attributes: ['id', 'applicationId', 'displayName'] }),
      ).then((sps) => {
        for (const s of sps)
          found.set(`servicePrincipal:${s.applicationId.toLowerCase()}`, {
            name: s.applicationId,
            id: s.id,
            kind: 'servicePrincipal',
            display: s.displayName ?? s.applicationId,
          });
      }),
    );
  }
  for (const filter of orChunks('displayName', byKind('group'))) {
    lookups.push(
      collectAll(client.listGroups({ filter, signal, attributes: ['id', 'displayName'] })).then((groups) => {
        for (const g of groups)
          found.set(`group:${g.displayName}`, { name: g.displayName, id: g.id, kind: 'group', display: g.displayName });
      }),
    );
  }
  await Promise.all(lookups);

  const resolved: ResolvedPrincipal[] = [];
  const unknown: string[] = [];
  for (const name of wanted) {
    const kind = kindOfName(name);
    const key = kind === 'group' ? `group:${name}` : `${kind}:${name.toLowerCase()}`;
    const hit = found.get(key);
    if (hit) resolved.push({ ...hit, name });
    else unknown.push(name);
  }
  return { resolved, unknown };
}
