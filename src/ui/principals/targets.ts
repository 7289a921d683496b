// What the principal commands share: a group or a principal named by the caller or shown by a row,
// and the plain sentence for a write the workspace API refuses on an account group.
import { kindOfName, resolveGroup, resolvePrincipals } from '../../core/scim/resolve';
import { KIND_NOUNS, type ScimGroup } from '../../core/scim/types';
import type { ExplorerView } from '../explorer/explorerView';
import type { ExplorerNode } from '../explorer/nodes';
import type { Connections, WorkspaceConnection } from '../common/connection';
import type { ActionDeps } from '../common/action';
import type { PrincipalRef, PrincipalService } from './service';

export interface PrincipalCommandDeps extends ActionDeps {
  connections: Connections;
  explorer: ExplorerView;
  service: PrincipalService;
}

export function connect(deps: PrincipalCommandDeps, host: string): Promise<WorkspaceConnection> {
  return deps.connections.get(host);
}

/** A group named by displayName or by id (a name is tried first). */
export function findGroup(conn: WorkspaceConnection, nameOrId: string): Promise<ScimGroup> {
  return resolveGroup(conn.scim, nameOrId);
}

/** A principal named by userName, applicationId or group name. */
export async function findPrincipal(conn: WorkspaceConnection, name: string): Promise<PrincipalRef> {
  if (kindOfName(name) === 'group') {
    const group = await findGroup(conn, name);
    return { kind: 'group', id: group.id, name: group.displayName, ...(group.source ? { source: group.source } : {}) };
  }
  const { resolved } = await resolvePrincipals(conn.scim, [name]);
  const hit = resolved[0];
  if (!hit) throw new Error(`There is no ${KIND_NOUNS[kindOfName(name)]} "${name}" in ${conn.workspace.host}.`);
  return { kind: hit.kind, id: hit.id, name: hit.name };
}

/** The principal a tree node stands for, when it stands for one. */
export function principalOfNode(node: ExplorerNode): PrincipalRef | undefined {
  switch (node.kind) {
    case 'user':
      return { kind: 'user', id: node.id, name: node.userName };
    case 'servicePrincipal':
      return { kind: 'servicePrincipal', id: node.id, name: node.applicationId };
    case 'group':
      return { kind: 'group', id: node.id, name: node.displayName, ...(node.source ? { source: node.source } : {}) };
    case 'member':
      return node.memberKind === 'unknown'
        ? undefined
        : { kind: node.memberKind, id: node.id, name: node.detail ?? node.display };
    case 'entitlement':
      // Its parent is the principal row, which knows the name (and, for a group, the source).
      return (
        (node.parent && principalOfNode(node.parent)) ?? {
          kind: node.principalKind,
          id: node.principalId,
          name: node.principalId,
        }
      );
    default:
      return undefined;
  }
}
