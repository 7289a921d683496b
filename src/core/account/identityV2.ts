// Identity v2 (Beta) on a workspace host, acting on the account: create an account group, change
// its direct members, resolve an Entra group into the account. A Beta may be missing on a given
// workspace, so support is detected once per host (an unknown route answers 404 ENDPOINT_NOT_FOUND
// or 501) and remembered; every call on a host without it throws IdentityV2UnavailableError.

import { DatabricksError } from '../databricks/errors';
import { isRecord, readRecords, readString, type JsonRecord } from '../http/json';
import { encodeId } from '../scim/query';
import { send, type SendOptions } from '../databricks/send';
import type { HttpTransport } from '../http/types';
import { normalizeHost } from '../workspaces/host';
import { idForBody, parseJsonWithIds } from './bigIds';
import { IdentityV2UnavailableError } from './errors';

export interface V2Group {
  groupId: string;
  groupName: string;
  externalId?: string;
  accountId?: string;
}

export interface V2DirectMember {
  principalId: string;
  principalType: 'USER' | 'GROUP' | 'SERVICE_PRINCIPAL' | 'UNKNOWN';
  displayName?: string;
  /** INTERNAL (changed in Databricks) or IDENTITY_PROVIDER (synced; changing it here is undone by the next sync). */
  membershipSource?: string;
}

/** Whether each workspace host offers Identity v2; share one per process so each host is probed once. */
export class IdentityV2Support {
  private readonly known = new Map<string, Promise<boolean>>();

  remembered(host: string): Promise<boolean> | undefined {
    return this.known.get(normalizeHost(host));
  }
  remember(host: string, answer: Promise<boolean>): void {
    this.known.set(normalizeHost(host), answer);
  }
  forget(host: string): void {
    this.known.delete(normalizeHost(host));
  }
}

export const sharedIdentityV2Support = new IdentityV2Support();

/** A route the host does not have, as opposed to a resource it does not have. */
export function isMissingApi(err: unknown): boolean {
  if (!(err instanceof DatabricksError)) return false;
  if (err.status === 501) return true;
  return err.status === 404 && (err.code === 'ENDPOINT_NOT_FOUND' || /no api found/i.test(err.detail));
}

const MAX_MEMBER_PAGES = 1000;

export class IdentityV2Client {
  readonly host: string;
  private readonly base: string;

  constructor(
    host: string,
    private readonly http: HttpTransport,
    private readonly support: IdentityV2Support = sharedIdentityV2Support,
  ) {
    this.host = normalizeHost(host);
    this.base = `${this.host}/api/2.0/identity`;
  }

  /** Probes once per host (a direct-member list of a group id that cannot exist); remembered. */
  available(opts: { signal?: AbortSignal } = {}): Promise<boolean> {
    const known = this.support.remembered(this.host);
    if (known) return known;
    const probe = this.call('GET', '/groups/0/direct-members', { query: { page_size: 1 }, ...opts }).then(
      () => true,
      (err: unknown) => {
        if (err instanceof IdentityV2UnavailableError) return false;
        // Any other answer (the group is unknown, the caller lacks rights) comes from the API itself.
        if (err instanceof DatabricksError && err.status >= 400 && err.status < 500) return true;
        this.support.forget(this.host);
        throw err;
      },
    );
    this.support.remember(this.host, probe);
    return probe;
  }

  async createGroup(
    group: { displayName: string; externalId?: string },
    opts: { signal?: AbortSignal } = {},
  ): Promise<V2Group> {
    const json: JsonRecord = { group_name: group.displayName };
    if (group.externalId !== undefined) json['external_id'] = group.externalId;
    const body = await this.call('POST', '/groups', { json, ...opts, what: `group ${group.displayName}` });
    return this.groupOf(body, 'POST', '/groups');
  }

  /** Brings an Entra group into the account by its object id (needs Automatic Identity Management). */
  async resolveGroupByExternalId(externalId: string, opts: { signal?: AbortSignal } = {}): Promise<V2Group> {
    const path = '/groups/resolve-by-external-id';
    const body = await this.call('POST', path, { json: { external_id: externalId }, ...opts, what: 'the Entra group' });
    return this.groupOf(isRecord(body) ? body['group'] : undefined, 'POST', path);
  }

  async addDirectMember(
    groupId: string,
    principalId: string,
    opts: { signal?: AbortSignal } = {},
  ): Promise<V2DirectMember | undefined> {
    const path = `/groups/${encodeId(groupId)}/direct-members`;
    const body = await this.call('POST', path, {
      json: { principal_id: idForBody(principalId) },
      ...opts,
      what: `group ${groupId}`,
    });
    return isRecord(body) ? parseMember(body) : undefined;
  }

  async removeDirectMember(groupId: string, principalId: string, opts: { signal?: AbortSignal } = {}): Promise<void> {
    const path = `/groups/${encodeId(groupId)}/direct-members/${encodeId(principalId)}`;
    await this.call('DELETE', path, { ...opts, what: `member ${principalId} of group ${groupId}` });
  }

  /** Every direct member, following page tokens (bounded). */
  async listDirectMembers(groupId: string, opts: { signal?: AbortSignal } = {}): Promise<V2DirectMember[]> {
    const path = `/groups/${encodeId(groupId)}/direct-members`;
    const out: V2DirectMember[] = [];
    let token: string | undefined;
    for (let page = 0; page < MAX_MEMBER_PAGES; page++) {
      const query: Record<string, string | number> = { page_size: 1000 };
      if (token !== undefined) query['page_token'] = token;
      const body = await this.call('GET', path, { query, ...opts, what: `group ${groupId}`, listing: true });
      if (!isRecord(body)) throw new Error(`${this.host} answered the member list of group ${groupId} with no object`);
      for (const m of readRecords(body, 'direct_group_members') ?? []) {
        const member = parseMember(m);
        if (member) out.push(member);
      }
      const next = readString(body, 'next_page_token');
      if (next === undefined || next === '' || next === token) return out;
      token = next;
    }
    throw new Error(`The member list of group ${groupId} goes on for more than ${MAX_MEMBER_PAGES} pages`);
  }

  private groupOf(raw: unknown, method: string, path: string): V2Group {
    const g = isRecord(raw) ? raw : undefined;
    const groupId = g && readString(g, 'group_id');
    const groupName = g && readString(g, 'group_name');
    if (!g || groupId === undefined || groupName === undefined) {
      throw new Error(`${method} ${path}: ${this.host} answered without a group id and name`);
    }
    const out: V2Group = { groupId, groupName };
    const externalId = readString(g, 'external_id');
    if (externalId !== undefined) out.externalId = externalId;
    const accountId = readString(g, 'account_id');
    if (accountId !== undefined) out.accountId = accountId;
    return out;
  }

  /** One request; a missing API is remembered for the host and thrown as IdentityV2UnavailableError. */
  private async call(method: 'GET' | 'POST' | 'DELETE', path: string, opts: SendOptions): Promise<unknown> {
    try {
      const res = await send(this.http, this.host, this.base, method, path, opts);
      return parseJsonWithIds(res.bodyText);
    } catch (err) {
      if (!isMissingApi(err)) throw err;
      this.support.remember(this.host, Promise.resolve(false));
      throw new IdentityV2UnavailableError(this.host);
    }
  }
}

function parseMember(raw: JsonRecord): V2DirectMember | undefined {
  const principalId = readString(raw, 'principal_id');
  if (principalId === undefined) return undefined;
  const type = readString(raw, 'principal_type');
  const out: V2DirectMember = {
    principalId,
    principalType: type === 'USER' || type === 'GROUP' || type === 'SERVICE_PRINCIPAL' ? type : 'UNKNOWN',
  };
  const display = readString(raw, 'display_name');
  if (display !== undefined) out.displayName = display;
  const source = readString(raw, 'membership_source');
  if (source !== undefined) out.membershipSource = source;
  return out;
}
