// Workspace permission assignments on the account host: who may use a workspace (USER) or run it
// (ADMIN). Ids are int64 numbers on the wire and are kept as strings here (bigIds.ts).

import { isRecord, readRecords, readString, type JsonRecord } from '../http/json';
import { encodeId } from '../scim/query';
import { parseJsonWithIds } from './bigIds';
import type { AccountConnection } from './connection';

export type WorkspacePermission = 'USER' | 'ADMIN';

export interface AssignedPrincipal {
  /** Decimal id, exact (the same principal's SCIM id). */
  principalId: string;
  displayName?: string;
  kind: 'user' | 'group' | 'servicePrincipal' | 'unknown';
  /** userName, group name, or application id, by kind. */
  name?: string;
}

export interface PermissionAssignment {
  principal: AssignedPrincipal;
  /** Known levels only; an unknown level from the service is dropped, not guessed. */
  permissions: WorkspacePermission[];
  /** Set when the service reports the assignment broken. */
  error?: string;
}

const WORKSPACE_ID = /^[0-9]{1,20}$/;

function principalOf(raw: JsonRecord): AssignedPrincipal | undefined {
  const principalId = readString(raw, 'principal_id');
  if (principalId === undefined || !/^-?[0-9]+$/.test(principalId)) return undefined;
  const out: AssignedPrincipal = { principalId, kind: 'unknown' };
  const display = readString(raw, 'display_name');
  if (display !== undefined) out.displayName = display;
  const byKind = [
    ['user', 'user_name'],
    ['group', 'group_name'],
    ['servicePrincipal', 'service_principal_name'],
  ] as const;
  for (const [kind, key] of byKind) {
    const name = readString(raw, key);
    if (name !== undefined) return { ...out, kind, name };
  }
  return out;
}

export function parseAssignment(raw: unknown): PermissionAssignment | undefined {
  if (!isRecord(raw) || !isRecord(raw['principal'])) return undefined;
  const principal = principalOf(raw['principal']);
  if (!principal) return undefined;
  const levels = Array.isArray(raw['permissions']) ? raw['permissions'] : [];
  const permissions = levels.filter((p): p is WorkspacePermission => p === 'USER' || p === 'ADMIN');
  const out: PermissionAssignment = { principal, permissions: [...new Set(permissions)] };
  const error = readString(raw, 'error');
  if (error !== undefined) out.error = error;
  return out;
}

export class WorkspaceAssignments {
  constructor(private readonly conn: AccountConnection) {}

  private base(workspaceId: string): string {
    if (!WORKSPACE_ID.test(workspaceId)) throw new Error('A workspace id must be a decimal number');
    return `${this.conn.accountBase}/workspaces/${workspaceId}/permissionassignments`;
  }

  async list(workspaceId: string, opts: { signal?: AbortSignal } = {}): Promise<PermissionAssignment[]> {
    const res = await this.conn.send(this.base(workspaceId), 'GET', '', {
      signal: opts.signal,
      what: `the assignments of workspace ${workspaceId}`,
      listing: true,
    });
    const body = parseJsonWithIds(res.bodyText);
    const rows = isRecord(body) ? readRecords(body, 'permission_assignments') : undefined;
    if (rows === undefined && !(isRecord(body) && Object.keys(body).length === 0)) {
      throw this.conn.shapeError('GET', '/permissionassignments', 'the answer holds no permission_assignments');
    }
    return (rows ?? []).map(parseAssignment).filter((a): a is PermissionAssignment => a !== undefined);
  }

  /** Sets a principal's levels on a workspace (ADMIN implies USER). An empty list is refused: use unassign. */
  async assign(
    workspaceId: string,
    principalId: string,
    permissions: readonly WorkspacePermission[],
    opts: { signal?: AbortSignal } = {},
  ): Promise<PermissionAssignment | undefined> {
    // The service reads an empty or unknown list as "remove the assignment": never send one by accident.
    const levels = [...new Set(permissions)].filter((p) => p === 'USER' || p === 'ADMIN');
    if (levels.length === 0) throw new Error('assign needs USER or ADMIN; to take access away use unassign');
    const res = await this.conn.send(this.base(workspaceId), 'PUT', `/principals/${encodeId(principalId)}`, {
      json: { permissions: levels },
      signal: opts.signal,
      what: `principal ${principalId} on workspace ${workspaceId}`,
    });
    return parseAssignment(parseJsonWithIds(res.bodyText));
  }

  async unassign(workspaceId: string, principalId: string, opts: { signal?: AbortSignal } = {}): Promise<void> {
    await this.conn.send(this.base(workspaceId), 'DELETE', `/principals/${encodeId(principalId)}`, {
      signal: opts.signal,
      what: `principal ${principalId} on workspace ${workspaceId}`,
    });
  }
}
