// Where a group lives and who can change it, in the words the routing table refuses with (so a
// tooltip and a refused command never say two different things). No `vscode` import.
import { routeFor, type GroupKind, type GroupOperation } from '../../core/account/routing';
import { escapeMarkdown } from '../../core/text/markdown';
import type { GroupSource } from '../../core/scim/types';

/** Short enough for a row: "account group" or "workspace-local". */
export function groupHomeShort(source: GroupSource | undefined): string | undefined {
  return source === 'account' ? 'account group' : source === 'workspace' ? 'workspace-local' : undefined;
}

/** Tooltip lines: where the group lives, who may change its members and its entitlements. */
export function groupRoleRows(source: GroupSource | undefined): Array<[string, string | undefined]> {
  if (source === undefined) return [];
  return source === 'account'
    ? [
        ['Lives in', 'the account (account group), shared by the workspaces it is assigned to'],
        ['Members changed by', 'account admins and group managers'],
        ['Entitlements changed by', 'workspace admins, in each workspace'],
      ]
    : [
        ['Lives in', 'this workspace only (workspace-local, legacy)'],
        ['Members changed by', 'workspace admins'],
        ['Entitlements changed by', 'workspace admins'],
      ];
}

/**
 * How to get the role a change needs, as the routing table says it to someone without one:
 * members first, then entitlements when another role decides them.
 */
export function groupRoleHowTo(source: GroupSource | undefined): string[] {
  if (source === undefined) return [];
  const kind: GroupKind = source === 'account' ? 'account' : 'workspace-local';
  const refusal = (operation: GroupOperation): string | undefined => {
    const decision = routeFor({ kind, role: 'none', operation, identityV2: false });
    return decision.ok ? undefined : decision.message;
  };
  const members = refusal('addMember');
  const entitlements = source === 'account' ? refusal('setEntitlements') : undefined;
  return [members, entitlements].filter((m): m is string => m !== undefined);
}

/** The how-to paragraphs to append to a tooltip, escaped ('' when the source is unknown). */
export function groupRoleParagraphs(source: GroupSource | undefined): string {
  return groupRoleHowTo(source)
    .map((line) => `\n\n${escapeMarkdown(line)}`)
    .join('');
}
