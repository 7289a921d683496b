// Shared by the account emulator tests: requests to any host of the emulator (workspace or
// account) with any bearer, and the account paths. Plain fetch: the emulator is tested on its own.

import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator';

export interface HostReply<T> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

export type Json = Record<string, unknown>;

export async function call<T = Json>(
  base: string,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<HostReply<T>> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: res.status, headers: res.headers, text, body: parsed as T };
}

export function patchOps(operations: unknown[]): Json {
  return { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: operations };
}

/** `/api/2.0/accounts/{id}` of the emulator's account. */
export function accountPath(emu: Emulator, rest: string): string {
  return `/api/2.0/accounts/${emu.account.id}${rest}`;
}

/** The account host, as the given caller (the seeded account admin by default). */
export function accountApi(emu: Emulator, token = emu.entraToken()) {
  return {
    token,
    call: <T = Json>(method: string, rest: string, body?: unknown) =>
      call<T>(emu.account.url, token, method, accountPath(emu, rest), body),
    scim: <T = Json>(method: string, rest: string, body?: unknown) =>
      call<T>(emu.account.url, token, method, accountPath(emu, `/scim/v2${rest}`), body),
  };
}

/** A workspace host (index into emu.workspaces), as the given caller. */
export function workspaceApi(emu: Emulator, index: number, token: string) {
  const base = (emu.workspaces[index] as { url: string }).url;
  return {
    call: <T = Json>(method: string, path: string, body?: unknown) => call<T>(base, token, method, path, body),
    scim: <T = Json>(method: string, rest: string, body?: unknown) =>
      call<T>(base, token, method, `/api/2.0/preview/scim/v2${rest}`, body),
  };
}

/** Starts a fresh emulator per test and closes it afterwards. */
export function useAccountEmulator(opts: EmulatorOptions = {}): () => Emulator {
  let emu: Emulator | undefined;
  beforeEach(async () => {
    emu = await startEmulator({ dataset: 'demo', workspaces: 2, ...opts });
  });
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });
  return () => {
    if (!emu) throw new Error('emulator not started');
    return emu;
  };
}

export function idOf(emu: Emulator, name: string): string {
  const rec = emu.state.findUser(name) ?? emu.state.findGroup(name);
  if (!rec) throw new Error(`no principal ${name}`);
  return rec.id;
}

export function displayNames(list: Json): string[] {
  return ((list.Resources as Json[] | undefined) ?? []).map((r) => String(r.displayName ?? r.userName));
}
