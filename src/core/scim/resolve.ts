// Turns what people type (a userName, an application id, a group name) into SCIM ids, with one
// filtered list request per kind and per 100 names instead of a lookup per name.
import { DatabricksError } from '../databricks/errors';
import type { ScimClient } from './client';
import { orChunks } from './filter';
import { collectAll } from './paging';
import type { PrincipalKind, ScimGroup } from './types';

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
  client: ScimClient,
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

/** No group has the name or id asked for; the message is the sentence to show. */
export class GroupNotFoundError extends Error {
  override readonly name = 'GroupNotFoundError';

  constructor(
    readonly nameOrId: string,
    readonly host: string,
  ) {
    super(`There is no group "${nameOrId}" in ${host}.`);
  }
}

const GROUP_ATTRIBUTES = ['id', 'displayName', 'meta'];

/**
 * A group named by its displayName or by its id. The name is tried first (ids are numeric strings,
 * and a group may be named with digits); the name is escaped into the filter, never pasted.
 */
export async function resolveGroup(
  client: ScimClient,
  nameOrId: string,
  opts: { signal?: AbortSignal } = {},
): Promise<ScimGroup> {
  const call = opts.signal ? { signal: opts.signal } : {};
  const byName = await client.findGroupByDisplayName(nameOrId, call);
  if (byName) return byName;
  if (/^\d+$/.test(nameOrId)) {
    try {
      return await client.getGroup(nameOrId, { ...call, attributes: GROUP_ATTRIBUTES });
    } catch (err) {
      if (!(err instanceof DatabricksError && err.isNotFound)) throw err;
    }
  }
  throw new GroupNotFoundError(nameOrId, client.host);
}
