// Errors of the account layer that are not a failed HTTP call: a write the service answered with
// success but did not apply, and an optional API (Identity v2) the workspace does not offer.

export interface MembershipChangeMiss {
  groupId: string;
  /** Ids asked to be added that are not members after the write. */
  notAdded: string[];
  /** Ids asked to be removed that are still members after the write. */
  notRemoved: string[];
}

/**
 * A membership write that answered 2xx but changed nothing for some principals (seen when a
 * workspace accepts a PATCH on an account group and drops it). The group was read back to know.
 */
export class MembershipNotAppliedError extends Error {
  override readonly name = 'MembershipNotAppliedError';
  readonly groupId: string;
  readonly notAdded: readonly string[];
  readonly notRemoved: readonly string[];

  constructor(miss: MembershipChangeMiss) {
    const parts: string[] = [];
    if (miss.notAdded.length > 0) parts.push(`not added: ${listIds(miss.notAdded)}`);
    if (miss.notRemoved.length > 0) parts.push(`not removed: ${listIds(miss.notRemoved)}`);
    super(
      `The service accepted the membership change of group ${miss.groupId} but did not apply it (${parts.join('; ')}). ` +
        'The group is probably managed elsewhere (an account group, or provisioned from Entra ID): change it there.',
    );
    this.groupId = miss.groupId;
    this.notAdded = miss.notAdded;
    this.notRemoved = miss.notRemoved;
  }
}

function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, 10).join(', ');
  return ids.length > 10 ? `${shown} and ${ids.length - 10} more` : shown;
}

/** An Identity v2 call on a workspace that does not offer the API (404/501 on first use). */
export class IdentityV2UnavailableError extends Error {
  override readonly name = 'IdentityV2UnavailableError';
  constructor(readonly host: string) {
    super(`${host} does not offer the Identity API (Beta); use the account console or account SCIM instead.`);
  }
}
