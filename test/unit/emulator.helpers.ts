// Shared by the emulator tests: a tiny fetch wrapper (deliberately not src/core — the emulator is
// tested on its own) and the response shapes the tests read.

import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator';

export const SCIM = '/api/2.0/preview/scim/v2';

export interface ScimRef {
  value: string;
  display?: string;
  $ref?: string;
  type?: string;
}

export interface ScimResource {
  schemas: string[];
  id: string;
  userName?: string;
  displayName?: string;
  applicationId?: string;
  active?: boolean;
  externalId?: string;
  name?: { givenName?: string; familyName?: string };
  emails?: ScimRef[];
  members?: ScimRef[];
  groups?: ScimRef[];
  entitlements?: ScimRef[];
  roles?: ScimRef[];
  meta?: { resourceType: string };
}

export interface ScimList {
  schemas: string[];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources?: ScimResource[];
}

export interface ScimErrorBody {
  schemas: string[];
  detail: string;
  status: string;
  scimType?: string;
}

export interface DatabricksErrorBody {
  error_code: string | number;
  message: string;
}

export interface Reply<T> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

export class Api {
  constructor(
    readonly emu: Emulator,
    public token: string = emu.adminToken,
  ) {}

  async call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    init: { headers?: Record<string, string>; raw?: string } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}`, ...init.headers };
    let payload: string | undefined = init.raw;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['Content-Type'] ??= 'application/scim+json';
    }
    const res = await fetch(this.emu.url + path, { method, headers, body: payload, redirect: 'manual' });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: res.status, headers: res.headers, text, body: parsed as T };
  }

  get<T = ScimResource>(path: string): Promise<Reply<T>> {
    return this.call<T>('GET', path);
  }
  list(resource: string, query: Record<string, string | number> = {}): Promise<Reply<ScimList>> {
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
    return this.call<ScimList>('GET', `${SCIM}/${resource}${qs ? `?${qs}` : ''}`);
  }
  post<T = ScimResource>(path: string, body: unknown): Promise<Reply<T>> {
    return this.call<T>('POST', path, body);
  }
  put<T = ScimResource>(path: string, body: unknown): Promise<Reply<T>> {
    return this.call<T>('PUT', path, body);
  }
  patch<T = ScimResource>(path: string, operations: unknown[]): Promise<Reply<T>> {
    return this.call<T>('PATCH', path, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: operations,
    });
  }
  delete<T = unknown>(path: string): Promise<Reply<T>> {
    return this.call<T>('DELETE', path);
  }
}

/** Starts an emulator per test (cheap for demo/empty) and closes it afterwards. */
export function useEmulator(opts: EmulatorOptions = {}): { emu: () => Emulator; api: () => Api } {
  let emu: Emulator | undefined;
  let api: Api | undefined;
  beforeEach(async () => {
    emu = await startEmulator(opts);
    api = new Api(emu);
  });
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });
  return {
    emu: () => {
      if (!emu) throw new Error('emulator not started');
      return emu;
    },
    api: () => {
      if (!api) throw new Error('emulator not started');
      return api;
    },
  };
}

export function userIdOf(emu: Emulator, userName: string): string {
  const u = emu.state.findUser(userName);
  if (!u) throw new Error(`no user ${userName}`);
  return u.id;
}

export function groupIdOf(emu: Emulator, name: string): string {
  const g = emu.state.findGroup(name);
  if (!g) throw new Error(`no group ${name}`);
  return g.id;
}

export function spIdOf(emu: Emulator, displayName: string): string {
  const sp = emu.state.servicePrincipals.find((s) => s.displayName === displayName);
  if (!sp) throw new Error(`no service principal ${displayName}`);
  return sp.id;
}

export function values(refs: ScimRef[] | undefined): string[] {
  return (refs ?? []).map((r) => r.value);
}
