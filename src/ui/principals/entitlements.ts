// dbxScim.editEntitlements: the caller names the complete desired set; the difference with what the
// principal has now goes out as one PATCH (ScimClient.setEntitlements). Entitlements are per
// workspace, so account groups' go through workspace SCIM like everyone else's.
import * as vscode from 'vscode';
import type { WorkspaceConnection } from '../common/connection';
import type { ExplorerNode } from '../explorer/nodes';
import { pickPrincipals } from './principalPicker';
import { hitName } from './principalSearch';
import { busyWhile } from '../common/action';
import { UserCancelled } from '../common/errors';
import { resolveCommandContext, stringArrayField, stringField } from '../explorer/commandContext';
import type { PrincipalRef } from './service';
import { connect, findPrincipal, principalOfNode, type PrincipalCommandDeps } from './targets';

/** The workspace-level entitlements Databricks knows, with what each one lets a principal do. */
export const ENTITLEMENTS: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'workspace-access', label: 'Workspace access' },
  { value: 'databricks-sql-access', label: 'Databricks SQL access' },
  { value: 'allow-cluster-create', label: 'Unrestricted cluster creation' },
  { value: 'allow-instance-pool-create', label: 'Instance pool creation' },
  { value: 'workspace-consume', label: 'Consumer access (dashboards, apps)' },
];

export interface EditEntitlementsResult {
  principal: string;
  entitlements: string[];
  added: string[];
  removed: string[];
}

export async function editEntitlements(deps: PrincipalCommandDeps, arg: unknown): Promise<EditEntitlementsResult> {
  const { host, node, args: obj } = await resolveCommandContext(arg, deps.connections);
  const conn = await connect(deps, host);
  const principal = await targetOf(conn, node, obj);

  const current = await currentEntitlements(conn, principal);
  const desired = obj
    ? checkedValues(stringArrayField(obj, 'entitlements'))
    : await pickEntitlements(principal, current);
  const added = desired.filter((e) => !current.includes(e));
  const removed = current.filter((e) => !desired.includes(e));
  await busyWhile(() => deps.service.setEntitlements(host, principal, added, removed));
  void vscode.window.setStatusBarMessage(
    added.length + removed.length > 0
      ? `Entitlements of ${principal.name} saved.`
      : `Entitlements of ${principal.name} unchanged.`,
    5000,
  );
  return { principal: principal.name, entitlements: desired, added, removed };
}

async function targetOf(
  conn: WorkspaceConnection,
  node: ExplorerNode | undefined,
  obj: Record<string, unknown> | undefined,
): Promise<PrincipalRef> {
  if (node) {
    const fromNode = principalOfNode(node);
    if (!fromNode) throw new Error('Edit Entitlements works on a user, group or service principal.');
    return fromNode;
  }
  if (obj) return findPrincipal(conn, stringField(obj, 'principal'));
  const picked = await pickPrincipals(conn.scim, {
    title: 'Edit entitlements of…',
    placeholder: 'Search users, groups and service principals',
    canPickMany: false,
  });
  const hit = picked?.[0];
  if (!hit) throw new UserCancelled();
  return { kind: hit.kind, id: hit.id, name: hitName(hit), ...(hit.source ? { source: hit.source } : {}) };
}

/** One GET of just the entitlements; for groups also `meta`, which tells an account group apart. */
async function currentEntitlements(conn: WorkspaceConnection, principal: PrincipalRef): Promise<string[]> {
  switch (principal.kind) {
    case 'user':
      return (await conn.scim.get('user', principal.id, { attributes: ['entitlements'] })).entitlements ?? [];
    case 'servicePrincipal':
      return (
        (await conn.scim.get('servicePrincipal', principal.id, { attributes: ['entitlements'] })).entitlements ?? []
      );
    case 'group': {
      const group = await conn.scim.get('group', principal.id, { attributes: ['displayName', 'entitlements', 'meta'] });
      // The source learned here decides how a refusal of the write is worded.
      if (group.source) principal.source = group.source;
      return group.entitlements ?? [];
    }
  }
}

/** Programmatic values must be real entitlements: a typo would otherwise be sent and half-applied. */
function checkedValues(values: readonly string[]): string[] {
  const known = new Set(ENTITLEMENTS.map((e) => e.value));
  const wrong = values.filter((v) => !known.has(v));
  if (wrong.length > 0) throw new Error(`Unknown entitlement ${wrong.join(', ')}; use ${[...known].join(', ')}.`);
  return [...new Set(values)];
}

async function pickEntitlements(principal: PrincipalRef, current: readonly string[]): Promise<string[]> {
  // Values the server has that this list does not know are offered too, so saving keeps them.
  const extra = current
    .filter((c) => !ENTITLEMENTS.some((e) => e.value === c))
    .map((value) => ({ value, label: value }));
  const items = [...ENTITLEMENTS, ...extra].map((e) => ({
    label: e.label,
    description: e.value,
    value: e.value,
    picked: current.includes(e.value),
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `Entitlements of ${principal.name}`,
    placeHolder: 'Tick the entitlements this principal should have',
    canPickMany: true,
    ignoreFocusOut: true,
  });
  if (!picked) throw new UserCancelled();
  return picked.map((p) => p.value);
}
