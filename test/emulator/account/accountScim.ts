// Account SCIM (`/api/2.0/accounts/{account_id}/scim/v2/...`). The workspace handlers do the work
// on the shared directory, through the account's Scope (account groups writable, workspace-local
// groups absent); this file adds what differs at account level: account-admin writes, no
// entitlements anywhere, no `groups` on groups, a smaller page cap, group lists without members,
// the strict member-remove form, and membership writes that may silently do nothing.

import type { ApiRequest, Reply, Services } from '../context';
import { scimError } from '../errors';
import { patchPrincipal } from '../patch';
import type { PrincipalKind } from '../records';
import { getPrincipal, listPrincipals } from '../scimRead';
import { createPrincipal, deletePrincipal, replacePrincipal } from '../scimWrite';
import { requirePrincipal } from '../guards';
import { renderPrincipal } from '../render';
import { requireAccountAdmin } from './roles';

const KIND_OF_SEGMENT: Readonly<Record<string, PrincipalKind>> = {
  Users: 'user',
  Groups: 'group',
  ServicePrincipals: 'servicePrincipal',
};

type Json = Record<string, unknown>;

export const ACCOUNT_ENTITLEMENTS_REFUSED = 'entitlements can only be managed at the workspace level';

/** The answer, or undefined when the path is not an account SCIM route (→ 404). */
export function accountScim(
  s: Services,
  req: ApiRequest,
  segment: string,
  id: string | undefined,
  random: () => number,
): Reply | undefined {
  const kind = KIND_OF_SEGMENT[segment];
  const account = s.scope?.account;
  if (!kind || !account) return undefined;
  const { method } = req;
  if (method === 'GET') {
    if (id === undefined) {
      const k = s.knobs();
      const capped: Services = { ...s, knobs: () => ({ ...k, pageCap: Math.min(k.pageCap, k.accountPageCap) }) };
      const reply = listPrincipals(capped, kind, req);
      const body = reply.body as Json;
      if (Array.isArray(body.Resources)) {
        body.Resources = (body.Resources as Json[]).map((r) => accountShape(kind, r, !k.accountListMembers));
      }
      return reply;
    }
    return shaped(kind, getPrincipal(s, kind, id, req));
  }
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(method) || (method === 'POST') !== (id === undefined)) {
    return undefined;
  }
  requireAccountAdmin(account, req.caller.id);
  refuseEntitlements(req.body, method);
  if (kind === 'group') refuseNonAccountMembers(s, req.body, method);
  if (method === 'POST') return shaped(kind, createPrincipal(s, kind, req));
  const target = id as string;
  if (method === 'PUT') return shaped(kind, replacePrincipal(s, kind, target, req));
  if (method === 'DELETE') return deletePrincipal(s, kind, target);
  const ops = operationsOf(req.body);
  if (s.knobs().strictMemberRemove) refuseRemoveWithValue(ops);
  if (kind === 'group' && ops.some(touchesMembers) && silentlyIgnored(s.knobs().silentNoOpMembershipWrites, random)) {
    // The write is acknowledged and dropped: only reading the group back shows it did not happen.
    const group = requirePrincipal(s, 'group', target);
    if (s.knobs().patchStatus === 200)
      return shaped(kind, {
        status: 200,
        body: renderPrincipal(s.state.directory, group, undefined, s.scope?.visible),
      });
    return { status: 204 };
  }
  return shaped(kind, patchPrincipal(s, kind, target, req));
}

function shaped(kind: PrincipalKind, reply: Reply): Reply {
  if (reply.body && typeof reply.body === 'object') reply.body = accountShape(kind, reply.body as Json, false);
  return reply;
}

/** A workspace rendering in the account model: no entitlements, no workspace schema, no parents on groups. */
function accountShape(kind: PrincipalKind, r: Json, dropMembers: boolean): Json {
  const out: Json = { ...r };
  delete out.entitlements;
  if (kind === 'user') out.schemas = ['urn:ietf:params:scim:schemas:core:2.0:User'];
  if (kind === 'group') {
    delete out.groups;
    if (dropMembers) delete out.members;
  }
  return out;
}

function operationsOf(body: unknown): Json[] {
  if (typeof body !== 'object' || body === null) return [];
  const ops = (body as Json).Operations;
  return Array.isArray(ops) ? ops.filter((o): o is Json => typeof o === 'object' && o !== null) : [];
}

/** The entitlements an object carries (any case of the key), as a list. */
function listedEntitlements(value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const key = Object.keys(value).find((k) => k.toLowerCase() === 'entitlements');
  const v = key === undefined ? undefined : (value as Json)[key];
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

/** Entitlements exist only in workspaces: any attempt to set them here is a 400. */
function refuseEntitlements(body: unknown, method: string): void {
  const refused =
    method === 'PATCH'
      ? operationsOf(body).some(
          (op) =>
            (typeof op.path === 'string' && op.path.trim().toLowerCase().startsWith('entitlements')) ||
            listedEntitlements(op.value).length > 0,
        )
      : listedEntitlements(body).length > 0;
  if (refused) throw scimError(400, ACCOUNT_ENTITLEMENTS_REFUSED, 'invalidValue');
}

/** Ids in a list of {"value"} objects (or one such object). */
function valuesIn(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  return list.flatMap((v) => (typeof v === 'object' && v !== null && 'value' in v ? [String(v.value)] : []));
}

/**
 * An account group's members are account principals: a workspace-local group or an identity the
 * account does not have yet is refused like an unknown id.
 */
function refuseNonAccountMembers(s: Services, body: unknown, method: string): void {
  const ids =
    method === 'PATCH'
      ? operationsOf(body)
          .filter((op) => String(op.op).toLowerCase() !== 'remove')
          .flatMap((op) =>
            typeof op.path === 'string'
              ? op.path.trim().toLowerCase() === 'members'
                ? valuesIn(op.value)
                : []
              : typeof op.value === 'object' && op.value !== null
                ? valuesIn((op.value as Json).members)
                : [],
          )
      : typeof body === 'object' && body !== null
        ? valuesIn((body as Json).members)
        : [];
  for (const id of ids) {
    const rec = s.state.getPrincipal(id);
    if (!rec || s.scope?.visible(rec)) continue;
    const detail = `Member with id ${id} does not exist.`;
    throw s.knobs().unknownMemberStatus === 404 ? scimError(404, detail) : scimError(400, detail, 'invalidValue');
  }
}

function refuseRemoveWithValue(ops: Json[]): void {
  for (const op of ops) {
    if (String(op.op).toLowerCase() === 'remove' && 'value' in op) {
      throw scimError(400, 'Unrecognized field "value"', 'invalidSyntax');
    }
  }
}

function touchesMembers(op: Json): boolean {
  if (typeof op.path === 'string') return op.path.trim().toLowerCase().startsWith('members');
  return typeof op.value === 'object' && op.value !== null && 'members' in op.value;
}

function silentlyIgnored(knob: number | boolean, random: () => number): boolean {
  if (typeof knob === 'boolean') return knob;
  return knob > 0 && random() < knob;
}
