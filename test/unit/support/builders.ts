// Fixtures for the scim.* and tokens.* tests: typed JSON builders that fill valid defaults (so a
// test states only what it is about), and a harness that starts the emulator and wires a real
// HttpClient + ScimClient + TokenApi to it over loopback HTTP.

import { HttpClient } from '../../../src/core/http/client';
import type { RetryOptions } from '../../../src/core/http/types';
import { ScimClient } from '../../../src/core/scim/client';
import { TokenApi } from '../../../src/core/tokens/api';
import { startEmulator } from '../../emulator/index';
import type { DatasetName, Emulator, Knobs } from '../../emulator/types';

// ---- wire JSON builders ---------------------------------------------------------------------

type Json = Record<string, unknown>;

export function userJson(over: Json = {}): Json {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: '1000000000000001',
    userName: 'jane.doe@contoso.com',
    displayName: 'Jane Doe',
    active: true,
    ...over,
  };
}

export function groupJson(over: Json = {}): Json {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    id: '2000000000000001',
    displayName: 'data-eng',
    meta: { resourceType: 'WorkspaceGroup' },
    ...over,
  };
}

export function servicePrincipalJson(over: Json = {}): Json {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal'],
    id: '3000000000000001',
    applicationId: '11111111-0000-0000-0000-111111111111',
    displayName: 'etl-sp',
    active: true,
    ...over,
  };
}

export function listJson(resources: Json[] | undefined, totalResults: number, startIndex = 1): Json {
  const body: Json = {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults,
    startIndex,
    itemsPerPage: resources?.length ?? 0,
  };
  if (resources !== undefined) body['Resources'] = resources;
  return body;
}

// ---- emulator harness -----------------------------------------------------------------------

/**
 * Fast retries: the emulator's Retry-After of 1 s would otherwise make every throttling test slow.
 * The budget stays at the real default, so a Retry-After of a few seconds still counts as one
 * the budget can cover (a longer one ends the request at once).
 */
export const FAST_RETRY: Partial<RetryOptions> = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, budgetMs: 60_000 };

/** An HttpClient that sends `token` to the emulator only. */
export function httpFor(url: string, token: string, retry: Partial<RetryOptions> = FAST_RETRY): HttpClient {
  const origin = new URL(url).origin;
  return new HttpClient({
    auth: { origin, getToken: () => Promise.resolve(token) },
    noProxyFromEnv: true,
    retry,
    maxConcurrency: 16,
  });
}

export interface HarnessOptions {
  dataset?: DatasetName;
  knobs?: Partial<Knobs>;
  pageSize?: number;
  concurrency?: number;
  maxMembersPerPatch?: number;
  retry?: Partial<RetryOptions>;
}

export interface ScimHarness {
  emulator: Emulator;
  http: HttpClient;
  scim: ScimClient;
  tokens: TokenApi;
  /** Log entries for one path prefix below the SCIM base, e.g. "/Users". */
  scimRequests(pathPrefix: string, method?: string): Emulator['log'];
  close(): Promise<void>;
}

export const SCIM_BASE = '/api/2.0/preview/scim/v2';

export async function startHarness(opts: HarnessOptions = {}): Promise<ScimHarness> {
  const emulator = await startEmulator({
    dataset: opts.dataset ?? 'demo',
    ...(opts.knobs ? { knobs: opts.knobs } : {}),
  });
  const http = httpFor(emulator.url, emulator.adminToken, opts.retry);
  const scim = new ScimClient({
    host: emulator.url,
    http,
    ...(opts.pageSize !== undefined ? { pageSize: opts.pageSize } : {}),
    ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
    ...(opts.maxMembersPerPatch !== undefined ? { maxMembersPerPatch: opts.maxMembersPerPatch } : {}),
  });
  const tokens = new TokenApi({ host: emulator.url, http });
  return {
    emulator,
    http,
    scim,
    tokens,
    scimRequests(pathPrefix, method) {
      return emulator.log.filter(
        (e) => e.path.startsWith(SCIM_BASE + pathPrefix) && (method === undefined || e.method === method),
      );
    },
    async close() {
      await http.close();
      await emulator.close();
    },
  };
}
