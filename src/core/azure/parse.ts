// ARM JSON → our types. Anything without the fields a caller relies on is left out rather than
// guessed; a workspace URL is turned into a host the rest of the extension accepts.

import { isRecord, readBoolean, readString, type JsonRecord } from '../http/json';
import { classifyHost, normalizeHost } from '../workspaces/host';
import type { AzureSubscription, AzureWorkspaceResource } from './types';

/** `{"value":[…], "nextLink"?}` → the records and the link, or undefined when there is no list. */
export function parseArmList(body: unknown): { values: JsonRecord[]; nextLink?: string } | undefined {
  if (!isRecord(body) || !Array.isArray(body['value'])) return undefined;
  const values = body['value'].filter(isRecord);
  const nextLink = readString(body, 'nextLink');
  return nextLink ? { values, nextLink } : { values };
}

export function parseSubscription(v: JsonRecord): AzureSubscription | undefined {
  const subscriptionId = readString(v, 'subscriptionId');
  if (!subscriptionId) return undefined;
  const s: AzureSubscription = {
    subscriptionId,
    displayName: readString(v, 'displayName') ?? subscriptionId,
    state: readString(v, 'state') ?? '',
  };
  const tenantId = readString(v, 'tenantId');
  if (tenantId) s.tenantId = tenantId;
  return s;
}

export function parseWorkspace(v: JsonRecord, subscriptionId: string): AzureWorkspaceResource | undefined {
  const resourceId = readString(v, 'id');
  const name = readString(v, 'name');
  if (!resourceId || !name) return undefined;
  const props = isRecord(v['properties']) ? v['properties'] : {};
  const sku = isRecord(v['sku']) ? (readString(v['sku'], 'name') ?? '') : '';
  const w: AzureWorkspaceResource = {
    resourceId,
    name,
    location: readString(v, 'location') ?? '',
    sku,
    subscriptionId,
    isUcEnabled: readBoolean(props, 'isUcEnabled') === true,
  };
  const url = readString(props, 'workspaceUrl');
  if (url) w.workspaceUrl = url;
  // A string in current api-versions; older ones sent a number (16 digits stay exact in a double).
  const id = props['workspaceId'];
  if (typeof id === 'string' && id !== '') w.workspaceId = id;
  else if (typeof id === 'number' && Number.isSafeInteger(id)) w.workspaceId = String(id);
  const state = readString(props, 'provisioningState');
  if (state) w.provisioningState = state;
  return w;
}

/**
 * ARM's `workspaceUrl` ("adb-123.4.azuredatabricks.net", no scheme) → a normalised host. A bare
 * value gets https://, except a loopback host (a local emulator) which only speaks http. Throws
 * HostError for what is not a usable host (credentials in it, a scheme other than https).
 */
export function workspaceUrlFromArm(raw: string): string {
  const trimmed = raw.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return normalizeHost(trimmed);
  return normalizeHost(`${classifyHost(trimmed) === 'loopback' ? 'http' : 'https'}://${trimmed}`);
}
