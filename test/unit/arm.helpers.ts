// Shared by the arm.* tests: the ARM emulator with an AzureResourceClient wired to it over loopback
// HTTP (fast retries, no proxy), and a raw GET for checks of the emulator itself.

import { AzureResourceClient } from '../../src/core/azure/client';
import type { RetryOptions } from '../../src/core/http/types';
import { startArmEmulator, type ArmEmulator, type ArmEmulatorOptions } from '../emulator/arm';
import { FAST_RETRY } from './support/builders';

export interface ArmHarness {
  emu: ArmEmulator;
  arm: AzureResourceClient;
  /** Log entries for one subscription's workspace list (all pages). */
  workspaceRequests(subscriptionId: string): ArmEmulator['log'];
  close(): Promise<void>;
}

export async function startArmHarness(
  opts: ArmEmulatorOptions & { retry?: Partial<RetryOptions>; maxPages?: number } = {},
): Promise<ArmHarness> {
  const emu = await startArmEmulator(opts);
  const arm = new AzureResourceClient({
    endpoint: emu.url,
    getToken: () => Promise.resolve(emu.token),
    http: { noProxyFromEnv: true, retry: opts.retry ?? FAST_RETRY },
    ...(opts.maxPages !== undefined ? { maxPages: opts.maxPages } : {}),
  });
  return {
    emu,
    arm,
    workspaceRequests: (id) => emu.log.filter((e) => e.path.startsWith(`/subscriptions/${id}/`)),
    async close() {
      await arm.close();
      await emu.close();
    },
  };
}

export interface RawAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** GET `pathAndQuery` on the emulator with `token` (none when undefined), straight over fetch. */
export async function armGet(emu: ArmEmulator, pathAndQuery: string, token: string | undefined): Promise<RawAnswer> {
  const res = await fetch(
    `${emu.url}${pathAndQuery}`,
    token === undefined ? {} : { headers: { Authorization: `Bearer ${token}` } },
  );
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

export const SUBS_PATH = '/subscriptions?api-version=2022-12-01';
export const workspacesPath = (id: string, apiVersion = '2024-05-01'): string =>
  `/subscriptions/${id}/providers/Microsoft.Databricks/workspaces?api-version=${apiVersion}`;
