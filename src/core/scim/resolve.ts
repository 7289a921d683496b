// Turns what people type (a userName, an application id, a group name) into SCIM ids, with one
// filtered list request per kind and per 100 names instead of a lookup per name.
import { DatabricksError } from '../databricks/errors';
import type { ScimClient } from './client';
import { orChunks } from './filter';
import { collectAll } from './paging';
import { NAME_ATTRIBUTE, principalName } from './resources';
import type { PrincipalKind, ScimGroup } from './types';

/** What name resolution needs: the listings of a workspace or an account SCIM client. */
export type PrincipalLister = Pick<ScimClient, 'listAll'>;

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

/** The map key of a typed or listed name: userNames and application ids match whatever their case. */
function keyOf(kind: PrincipalKind, name: string): string {
  return kind === 'group' ? `group:${name}` : `${kind}:${name.toLowerCase()}`;
}

const KINDS: readonly PrincipalKind[] = ['user', 'servicePrincipal', 'group'];

export async function resolvePrincipals(
  client: PrincipalLister,
  names: readonly string[],
  opts: { signal?: AbortSignal } = {},
): Promise<Resolution> {
  const wanted = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
  const byKind = (k: PrincipalKind) => wanted.filter((n) => kindOfName(n) === k);
  const found = new Map<string, ResolvedPrincipal>();
  const signal = opts.signal;

  await Promise.all(
    KINDS.flatMap((kind) =>
      orChunks(NAME_ATTRIBUTE[kind], byKind(kind)).map(async (filter) => {
        const attributes = ['id', NAME_ATTRIBUTE[kind], 'displayName'];
        for (const item of await collectAll(client.listAll(kind, { filter, signal, attributes }))) {
          const name = principalName(item);
          found.set(keyOf(kind, name), { name, id: item.id, kind, display: item.displayName ?? name });
        }
      }),
    ),
  );

  const resolved: ResolvedPrincipal[] = [];
  const unknown: string[] = [];
  for (const name of wanted) {
    const hit = found.get(keyOf(kindOfName(name), name));
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
  const byName = await client.findByName('group', nameOrId, call);
  if (byName) return byName;
  if (/^\d+$/.test(nameOrId)) {
    try {
      return await client.get('group', nameOrId, { ...call, attributes: GROUP_ATTRIBUTES });
    } catch (err) {
      if (!(err instanceof DatabricksError && err.isNotFound)) throw err;
    }
  }
  throw new GroupNotFoundError(nameOrId, client.host);
}
