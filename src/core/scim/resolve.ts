// Turns what people type (a userName, an application id, a group name) into SCIM ids, with one
// filtered list request per kind and per 100 names instead of a lookup per name.
import { DatabricksError } from '../databricks/errors';
import type { ScimClient } from './client';

/** What name resolution needs: the listings of a workspace or an account SCIM client. */
export type PrincipalLister = Pick<ScimClient, 'listUsers' | 'listServicePrincipals' | 'listGroups'>;
import { orChunks } from './filter';
import { collectAll } from './paging';
import type { PrincipalKind, ScimGroup, ScimPage } from './types';

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

/** How one kind is looked up: the attribute filtered on, the listing, and the name and display of an item. */
interface KindLookup<T extends { id: string }> {
  kind: PrincipalKind;
  attribute: string;
  list: (filter: string) => AsyncIterable<ScimPage<T>>;
  nameOf: (item: T) => string;
  displayOf: (item: T) => string | undefined;
}

function lookUp<T extends { id: string }>(
  names: readonly string[],
  how: KindLookup<T>,
  found: Map<string, ResolvedPrincipal>,
): Array<Promise<void>> {
  return orChunks(how.attribute, names).map(async (filter) => {
    for (const item of await collectAll(how.list(filter))) {
      const name = how.nameOf(item);
      found.set(keyOf(how.kind, name), { name, id: item.id, kind: how.kind, display: how.displayOf(item) ?? name });
    }
  });
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

  await Promise.all([
    ...lookUp(
      byKind('user'),
      {
        kind: 'user',
        attribute: 'userName',
        list: (filter) => client.listUsers({ filter, signal, attributes: ['id', 'userName', 'displayName'] }),
        nameOf: (u) => u.userName,
        displayOf: (u) => u.displayName,
      },
      found,
    ),
    ...lookUp(
      byKind('servicePrincipal'),
      {
        kind: 'servicePrincipal',
        attribute: 'applicationId',
        list: (filter) =>
          client.listServicePrincipals({ filter, signal, attributes: ['id', 'applicationId', 'displayName'] }),
        nameOf: (s) => s.applicationId,
        displayOf: (s) => s.displayName,
      },
      found,
    ),
    ...lookUp(
      byKind('group'),
      {
        kind: 'group',
        attribute: 'displayName',
        list: (filter) => client.listGroups({ filter, signal, attributes: ['id', 'displayName'] }),
        nameOf: (g) => g.displayName,
        displayOf: () => undefined,
      },
      found,
    ),
  ]);

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
