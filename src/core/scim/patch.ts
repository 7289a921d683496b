// PATCH bodies in the forms Databricks is known to accept. Everything that goes
// into a `path` filter is escaped with the same quoting as filter.ts.

import { quote } from './filter';

export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export type PatchOpName = 'add' | 'remove' | 'replace';

export interface PatchOperation {
  op: PatchOpName;
  path?: string;
  value?: unknown;
}

export interface PatchBody {
  schemas: [typeof PATCH_OP_SCHEMA];
  Operations: PatchOperation[];
}

export function patchBody(operations: readonly PatchOperation[]): PatchBody {
  if (operations.length === 0) throw new Error('A SCIM PATCH needs at least one operation');
  return { schemas: [PATCH_OP_SCHEMA], Operations: [...operations] };
}

function assertId(id: string, what: string): string {
  if (typeof id !== 'string' || id.trim() === '') throw new Error(`${what} must be a non-empty string`);
  return id;
}

/** De-duplicated `[{value}]` list; SCIM wants objects here (a bare id list is a 400 invalidSyntax). */
function valueObjects(values: readonly string[], what: string): { value: string }[] {
  return [...new Set(values.map((v) => assertId(v, what)))].map((value) => ({ value }));
}

/** Adds many members in one operation: one round trip and one audit entry for the whole batch. */
export function addMembersOp(memberIds: readonly string[]): PatchOperation {
  if (memberIds.length === 0) throw new Error('addMembersOp needs at least one member id');
  return { op: 'add', path: 'members', value: valueObjects(memberIds, 'member id') };
}

/** The value-path form Databricks documents and Terraform uses for a single removal. */
export function removeMemberOp(memberId: string): PatchOperation {
  return { op: 'remove', path: `members[value eq ${quote(assertId(memberId, 'member id'))}]` };
}

export function addEntitlementsOp(entitlements: readonly string[]): PatchOperation {
  if (entitlements.length === 0) throw new Error('addEntitlementsOp needs at least one entitlement');
  return { op: 'add', path: 'entitlements', value: valueObjects(entitlements, 'entitlement') };
}

export function removeEntitlementOp(entitlement: string): PatchOperation {
  return { op: 'remove', path: `entitlements[value eq ${quote(assertId(entitlement, 'entitlement'))}]` };
}

/** Sets the whole entitlement list (an empty list clears it). */
export function replaceEntitlementsOp(entitlements: readonly string[]): PatchOperation {
  return { op: 'replace', path: 'entitlements', value: [...new Set(entitlements)].map((value) => ({ value })) };
}

/**
 * A JSON boolean, the RFC form and what the Entra connector sends to Databricks every cycle
 * (the SDK tests' string "false" is accepted too, but a boolean cannot be mistyped).
 */
export function setActiveOp(active: boolean): PatchOperation {
  return { op: 'replace', path: 'active', value: active };
}

export function setDisplayNameOp(displayName: string): PatchOperation {
  return { op: 'replace', path: 'displayName', value: assertId(displayName, 'displayName') };
}
