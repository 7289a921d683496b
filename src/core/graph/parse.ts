// Graph JSON → typed members and groups, without casts: fields Graph withholds (limited-info
// members) or sends as null simply stay undefined.

import { isRecord, readBoolean, readRecords, readString, type JsonRecord } from '../http/json';
import type { GraphGroup, GraphMember, GraphMemberType } from './types';

const TYPES: Readonly<Record<string, GraphMemberType>> = {
  '#microsoft.graph.user': 'user',
  '#microsoft.graph.group': 'group',
  '#microsoft.graph.servicePrincipal': 'servicePrincipal',
};

export function parseMember(obj: JsonRecord): GraphMember | undefined {
  const id = readString(obj, 'id');
  if (id === undefined) return undefined;
  const odataType = readString(obj, '@odata.type') ?? '';
  const type = TYPES[odataType] ?? 'other';
  const member: GraphMember = { type, id, displayName: readString(obj, 'displayName') ?? '' };
  const upn = readString(obj, 'userPrincipalName');
  const mail = readString(obj, 'mail');
  const appId = readString(obj, 'appId');
  if (upn !== undefined) member.userPrincipalName = upn;
  if (mail !== undefined) member.mail = mail;
  if (appId !== undefined) member.appId = appId;
  if (type === 'other' && odataType !== '') member.odataType = odataType;
  return member;
}

export function parseGroup(value: unknown): GraphGroup | undefined {
  if (!isRecord(value)) return undefined;
  const id = readString(value, 'id');
  if (id === undefined) return undefined;
  const group: GraphGroup = { id, displayName: readString(value, 'displayName') ?? '' };
  const securityEnabled = readBoolean(value, 'securityEnabled');
  const onPrem = readBoolean(value, 'onPremisesSyncEnabled');
  if (securityEnabled !== undefined) group.securityEnabled = securityEnabled;
  if (onPrem !== undefined) group.onPremisesSyncEnabled = onPrem;
  return group;
}

/** A collection answer: its records, `@odata.nextLink` and `@odata.count`. */
export interface CollectionBody {
  values: JsonRecord[];
  nextLink?: string;
  count?: number;
}

/**
 * A collection answer, or undefined when the answer has no `value` array: `{}` or a sign-in page
 * read as "no members" would make every Databricks member look extra.
 */
export function parseCollection(value: unknown): CollectionBody | undefined {
  if (!isRecord(value)) return undefined;
  const values = readRecords(value, 'value');
  if (values === undefined) return undefined;
  const out: CollectionBody = { values };
  const next = readString(value, '@odata.nextLink');
  if (next) out.nextLink = next;
  const count = value['@odata.count'];
  if (typeof count === 'number' && Number.isFinite(count)) out.count = count;
  return out;
}
