// The hosts one emulator process serves, all on the same state: workspace #1 (the `url` every
// existing test uses), any extra workspaces, and the account host. Each host has its own Services
// (a Scope saying what it sees), its own list cache, and — workspaces only — its own SCIM limits.

import type { ApiRequest, Reply, Services } from '../context';
import { ListCache } from '../listing';
import { createPrng } from '../prng';
import type { ServerLifecycle } from '../lifecycle';
import type { UserRecord } from '../records';
import { authenticate, dispatch } from '../router';
import type { EmulatorState } from '../state';
import type { EmulatorOptions, Knobs } from '../types';
import type { WorkspaceLimits } from '../limits';
import { AccountState } from './accountState';
import { accountAuthenticate, accountDispatch } from './accountRouter';
import { seedDemoAccount } from './demoAccount';
import { AccountRateLimiter } from './rateLimits';
import { ACCOUNT_ADMIN_ROLE } from './roles';
import { accountScope, workspaceScope } from './scope';
import { wellKnownConfig, workspaceExtras } from './workspaceRoutes';

export const DEFAULT_ACCOUNT_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

export interface HostSpec {
  readonly kind: 'workspace' | 'account';
  /** `account`, or the workspace id: what `host` says in the request log. */
  readonly name: string;
  readonly limits?: WorkspaceLimits;
  /** Answers that need no authentication (the well-known configuration). */
  beforeAuth?(method: string, pathname: string, baseUrl: string): Reply | undefined;
  authenticate(authorization: string | undefined): UserRecord;
  dispatch(req: ApiRequest): Reply;
}

export type Host = HostSpec & { lifecycle: ServerLifecycle; baseUrl: string };

/** Workspace ids after the first: 16 digits, distinct and fixed. */
function extraWorkspaceId(first: string, i: number): string {
  return String(BigInt(first) + BigInt(i) * 1_111_111_111n);
}

export function buildHosts(
  state: EmulatorState,
  knobs: () => Readonly<Knobs>,
  opts: EmulatorOptions,
  firstWorkspaceId: string,
  limitsFor: (workspaceId: string) => WorkspaceLimits,
): { account: AccountState; all: HostSpec[]; primaryLimits: WorkspaceLimits } {
  const count = Math.max(1, opts.workspaces ?? 1);
  const ids = Array.from({ length: count }, (_, i) =>
    i === 0 ? firstWorkspaceId : extraWorkspaceId(firstWorkspaceId, i),
  );
  const account = new AccountState(state, opts.accountId ?? DEFAULT_ACCOUNT_ID, ids);
  // The demo's account-only groups change the shared directory, so they come only with a second workspace.
  if ((opts.dataset ?? 'demo') === 'demo' && count > 1) seedDemoAccount(account);
  state.commit([{ put: { ...state.adminUser, roles: [...new Set([...state.adminUser.roles, ACCOUNT_ADMIN_ROLE])] } }]);
  const all: HostSpec[] = [];
  let primaryLimits: WorkspaceLimits | undefined;
  for (const ws of ids) {
    const limits = limitsFor(ws);
    primaryLimits ??= limits;
    const s: Services = { state, listCache: new ListCache(), knobs, scope: workspaceScope(account, ws) };
    all.push({
      kind: 'workspace',
      name: ws,
      limits,
      beforeAuth: (method, pathname, baseUrl) => wellKnownConfig(s, method, pathname, baseUrl),
      authenticate: (authorization) => authenticate(s, authorization),
      dispatch: (req) => workspaceExtras(s, req) ?? dispatch(s, req),
    });
  }
  const s: Services = { state, listCache: new ListCache(), knobs, scope: accountScope(account) };
  const limiter = new AccountRateLimiter();
  const random = createPrng(knobs().seed);
  all.push({
    kind: 'account',
    name: 'account',
    authenticate: (authorization) => accountAuthenticate(s, authorization),
    dispatch: (req) => accountDispatch(s, req, { limiter, random }),
  });
  return { account, all, primaryLimits: primaryLimits as WorkspaceLimits };
}
