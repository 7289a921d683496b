// Fixture for the account.* tests: an emulator with its account host, an account admin (and any
// other users a test needs) with Entra tokens, and AccountClients wired to it over loopback HTTP.

import { AccountClient, type AccountClientOptions } from '../../../src/core/account/client';
import { entraTokenSource } from '../../../src/core/account/entraToken';
import { HostLimitsRegistry } from '../../../src/core/http/hostLimits';
import { ACCOUNT_ADMIN_ROLE, startEmulator } from '../../emulator/index';
import type { Emulator, EmulatorOptions, UserRecord } from '../../emulator/index';
import { FAST_RETRY, httpFor } from './builders';

export const ACCOUNT_ADMIN = 'account.admin@contoso.com';

export interface AccountRig {
  emu: Emulator;
  admin: UserRecord;
  registry: HostLimitsRegistry;
  /** A client for the account admin (or the given user); closed with the rig. */
  client(opts?: Partial<AccountClientOptions> & { userName?: string }): AccountClient;
  /** An HttpClient for a workspace (default #1) with the user's Entra token (Identity v2, workspace SCIM). */
  workspaceHttp(userName?: string, url?: string): ReturnType<typeof httpFor>;
  /** Account-host log entries below `/api/2.0[/preview]/accounts/{id}` + `suffix`. */
  accountRequests(suffix: string, method?: string): Emulator['log'];
  close(): Promise<void>;
}

export async function startAccountRig(opts: EmulatorOptions = {}): Promise<AccountRig> {
  const emu = await startEmulator({ dataset: 'demo', ...opts });
  const admin = emu.state.createUser({
    userName: ACCOUNT_ADMIN,
    displayName: 'Account Admin',
    roles: [ACCOUNT_ADMIN_ROLE],
  });
  const registry = new HostLimitsRegistry();
  const closables: Array<{ close(): Promise<void> }> = [];
  return {
    emu,
    admin,
    registry,
    client(o = {}) {
      const { userName, ...rest } = o;
      const c = new AccountClient({
        accountId: emu.account.id,
        accountsHost: emu.account.url,
        token: entraTokenSource(emu.entraToken(userName ?? ACCOUNT_ADMIN)),
        hostLimits: registry,
        http: { noProxyFromEnv: true, retry: FAST_RETRY },
        readBack: { attempts: 1, delayMs: 0 },
        ...rest,
      });
      closables.push(c);
      return c;
    },
    workspaceHttp(userName, url) {
      const http = httpFor(url ?? emu.url, emu.entraToken(userName ?? ACCOUNT_ADMIN));
      closables.push(http);
      return http;
    },
    accountRequests(suffix, method) {
      const prefixes = ['/api/2.0', '/api/2.0/preview'].map((api) => `${api}/accounts/${emu.account.id}${suffix}`);
      return emu.log.filter(
        (e) => prefixes.some((p) => e.path.startsWith(p)) && (method === undefined || e.method === method),
      );
    },
    async close() {
      for (const c of closables) await c.close();
      await emu.close();
    },
  };
}
