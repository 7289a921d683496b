// What a drift command acts on, read from its command context: a workspace, one group, or one
// finding's principal of a group (a ghost member's "Add to This Group").
import { refKey } from '../../core/drift/types';
import type { Connections } from '../common/connection';
import { optionalString, resolveCommandContext } from '../explorer/commandContext';

export interface DriftTarget {
  host: string;
  /** Databricks group id or displayName; undefined = the whole workspace. */
  group?: string;
  /** Only this finding's principal (`refKey`), from a ghost member's "Add". */
  only?: string;
  /** A person started it (row, palette, quick action): prompts and sign-in may be shown. */
  interactive: boolean;
  /** The programmatic argument object, when there was one. */
  args?: Record<string, unknown>;
  graphToken?: string;
  /** An Entra token for Azure Databricks, for an account group's writes (that one call only). */
  accountToken?: string;
}

export async function readDriftTarget(arg: unknown, connections: Connections, title: string): Promise<DriftTarget> {
  const ctx = await resolveCommandContext(arg, connections);
  const { host, node, args, interactive } = ctx;
  if (node) {
    if (node.kind === 'group' || (node.kind === 'member' && node.memberKind === 'group'))
      return { host, group: node.id, interactive };
    if (node.kind === 'missingMember')
      return { host, group: node.groupId, only: refKey(node.principalKind, node.principalKey), interactive };
    if (node.kind === 'workspace') return { host, interactive };
    throw new Error(`${title} works on a workspace or a group.`);
  }
  if (!args) return { host, interactive };
  const group = optionalString(args, 'group');
  const principal = optionalString(args, 'principal');
  const graphToken = optionalString(args, 'graphToken');
  const accountToken = optionalString(args, 'accountToken');
  return {
    host,
    ...(group ? { group } : {}),
    ...(principal ? { only: principal } : {}),
    interactive,
    args,
    ...(graphToken ? { graphToken } : {}),
    ...(accountToken ? { accountToken } : {}),
  };
}
