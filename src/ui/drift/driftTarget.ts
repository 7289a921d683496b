// How the drift commands read their argument: a tree node (group, group member, ghost member,
// workspace), a programmatic object `{ host, group?, … }`, or nothing (palette).
import { refKey } from '../../core/drift/types';
import { normalizeHost } from '../../core/workspaces/host';
import { argObject, chooseHost, type PrincipalCommandDeps } from '../principals/targets';
import { isExplorerNode } from '../common/action';

export interface DriftTarget {
  host: string;
  /** Databricks group id or displayName; undefined = the whole workspace. */
  group?: string;
  /** Only this finding's principal (`refKey`), from a ghost member's "Add". */
  only?: string;
  /** A person started it (node, palette, quick action): prompts and sign-in may be shown. */
  interactive: boolean;
  /** The programmatic argument object, when there was one. */
  args?: Record<string, unknown>;
  graphToken?: string;
}

export async function readDriftTarget(arg: unknown, deps: PrincipalCommandDeps, command: string): Promise<DriftTarget> {
  if (isExplorerNode(arg)) {
    switch (arg.kind) {
      case 'group':
        return { host: arg.host, group: arg.id, interactive: true };
      case 'member':
        if (arg.memberKind === 'group') return { host: arg.host, group: arg.id, interactive: true };
        break;
      case 'missingMember':
        return {
          host: arg.host,
          group: arg.groupId,
          only: refKey(arg.principalKind, arg.principalKey),
          interactive: true,
        };
      case 'workspace':
        return { host: arg.host, interactive: true };
      default:
        break;
    }
    throw new Error(`${command} works on a workspace or a group.`);
  }
  const obj = argObject(arg);
  if (!obj) return { host: await chooseHost(deps, undefined), interactive: true };
  if (typeof obj.host !== 'string' || obj.host.trim() === '')
    throw new Error(`${command}: "host" must be a non-empty string.`);
  const host = normalizeHost(obj.host);
  const group = typeof obj.group === 'string' && obj.group.trim() ? obj.group.trim() : undefined;
  const principal = typeof obj.principal === 'string' && obj.principal.trim() ? obj.principal.trim() : undefined;
  const graphToken = typeof obj.graphToken === 'string' && obj.graphToken.trim() ? obj.graphToken.trim() : undefined;
  return {
    host,
    ...(group ? { group } : {}),
    ...(principal ? { only: principal } : {}),
    interactive: obj.interactive === true,
    args: obj,
    ...(graphToken ? { graphToken } : {}),
  };
}
