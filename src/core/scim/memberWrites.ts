// Writes that are more than one PATCH form: batched member adds, entitlement changes that must
// survive Databricks' "No such attribute" answer, activation and renames. Success means "the
// state asked for now holds", so answers that say it already held are treated as success.

import { DatabricksError } from '../databricks/errors';
import {
  addEntitlementsOp,
  addMembersOp,
  removeEntitlementOp,
  removeMemberOp,
  setActiveOp,
  setDisplayNameOp,
  type PatchOperation,
} from './patch';
import type { PrincipalKind } from './types';

export type PatchFn = (
  kind: PrincipalKind,
  id: string,
  ops: readonly PatchOperation[],
  opts: { signal?: AbortSignal },
) => Promise<unknown>;

/**
 * Members per PATCH. Databricks documents no limit, so this is a guess kept deliberately modest:
 * 1000 `{value}` objects is ~30 KB of JSON, a 20k-member reconcile still needs only 20 requests,
 * and a request that times out or is throttled repeats a bounded amount of server work.
 * Configurable (ScimClientOptions.maxMembersPerPatch) for when the real limit is known.
 */
export const DEFAULT_MAX_MEMBERS_PER_PATCH = 1000;

export interface AddMembersResult {
  /** PATCH requests sent. */
  requests: number;
  /** Distinct ids asked for. */
  requested: number;
  /** Ids the server said were members already (only known when it said so; an idempotent add says nothing). */
  alreadyMembers: string[];
}

/** Removing an entitlement that is not set: 400 invalidPath "No such attribute …" (Terraform treats it as done). */
function isNoSuchAttribute(err: unknown): boolean {
  return (
    err instanceof DatabricksError &&
    err.status === 400 &&
    (err.scimType === 'invalidPath' || /no such attribute/i.test(err.detail))
  );
}

function isAlreadyMember(err: unknown): boolean {
  return err instanceof DatabricksError && err.isAlreadyMember;
}

export class MemberWrites {
  readonly maxMembersPerPatch: number;

  constructor(
    private readonly patch: PatchFn,
    maxMembersPerPatch: number | undefined,
  ) {
    const max = maxMembersPerPatch ?? DEFAULT_MAX_MEMBERS_PER_PATCH;
    if (!Number.isInteger(max) || max < 1) throw new Error(`maxMembersPerPatch must be a positive integer, got ${max}`);
    this.maxMembersPerPatch = max;
  }

  /**
   * One PATCH per chunk of maxMembersPerPatch ids. If a chunk fails, earlier chunks stay applied;
   * calling again with the same ids is safe (adding a member twice is a no-op).
   */
  async addMembers(
    groupId: string,
    memberIds: readonly string[],
    opts: { signal?: AbortSignal },
  ): Promise<AddMembersResult> {
    const unique = [...new Set(memberIds)];
    const result: AddMembersResult = { requests: 0, requested: unique.length, alreadyMembers: [] };
    for (let i = 0; i < unique.length; i += this.maxMembersPerPatch) {
      const chunk = unique.slice(i, i + this.maxMembersPerPatch);
      try {
        result.requests++;
        await this.patch('group', groupId, [addMembersOp(chunk)], opts);
      } catch (err) {
        if (!isAlreadyMember(err)) throw err;
        if (chunk.length === 1) {
          result.alreadyMembers.push(...chunk);
          continue;
        }
        // A server that rejects a whole batch because one id is already in it: add one by one,
        // so the ids that are not members yet still get in.
        for (const id of chunk) {
          try {
            result.requests++;
            await this.patch('group', groupId, [addMembersOp([id])], opts);
          } catch (inner) {
            if (!isAlreadyMember(inner)) throw inner;
            result.alreadyMembers.push(id);
          }
        }
      }
    }
    return result;
  }

  async removeMember(groupId: string, memberId: string, opts: { signal?: AbortSignal }): Promise<void> {
    await this.patch('group', groupId, [removeMemberOp(memberId)], opts);
  }

  /**
   * One `members[value eq "…"]` operation per member (the only remove form every Databricks
   * API takes), up to maxMembersPerPatch operations per PATCH. Returns the PATCH requests sent.
   */
  async removeMembers(groupId: string, memberIds: readonly string[], opts: { signal?: AbortSignal }): Promise<number> {
    const unique = [...new Set(memberIds)];
    let requests = 0;
    for (let i = 0; i < unique.length; i += this.maxMembersPerPatch) {
      requests++;
      await this.patch('group', groupId, unique.slice(i, i + this.maxMembersPerPatch).map(removeMemberOp), opts);
    }
    return requests;
  }

  async setEntitlements(
    kind: PrincipalKind,
    id: string,
    add: readonly string[],
    remove: readonly string[],
    opts: { signal?: AbortSignal },
  ): Promise<void> {
    const adds = [...new Set(add)];
    // An entitlement both added and removed is ambiguous; adding wins, as the safer reading.
    const removes = [...new Set(remove)].filter((r) => !adds.includes(r));
    const addOps: PatchOperation[] = adds.length > 0 ? [addEntitlementsOp(adds)] : [];
    const removeOps = removes.map(removeEntitlementOp);
    if (addOps.length + removeOps.length === 0) return;
    try {
      await this.patch(kind, id, [...addOps, ...removeOps], opts);
    } catch (err) {
      if (!isNoSuchAttribute(err) || removeOps.length === 0) throw err;
      // One removal named an entitlement that is not set, and the server rejected the whole
      // PATCH. Redo it in parts so the rest still happens; the absent one is already "removed".
      if (addOps.length > 0) await this.patch(kind, id, addOps, opts);
      for (const op of removeOps) {
        try {
          await this.patch(kind, id, [op], opts);
        } catch (inner) {
          if (!isNoSuchAttribute(inner)) throw inner;
        }
      }
    }
  }

  async setActive(
    kind: 'user' | 'servicePrincipal',
    id: string,
    active: boolean,
    opts: { signal?: AbortSignal },
  ): Promise<void> {
    await this.patch(kind, id, [setActiveOp(active)], opts);
  }

  async setDisplayName(
    kind: PrincipalKind,
    id: string,
    displayName: string,
    opts: { signal?: AbortSignal },
  ): Promise<void> {
    await this.patch(kind, id, [setDisplayNameOp(displayName)], opts);
  }
}
