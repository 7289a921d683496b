// The walk behind "which workspaces can I see": list subscriptions, then each one's workspaces, a
// few subscriptions at a time. One unreadable subscription (403, a throttle that outlived its
// retries, a bad page) is a problem entry, not the end of the walk: a user with Reader on three of
// four subscriptions should still see those three. Only the subscription list itself, and
// cancellation, fail the whole walk.

import { ApiError } from '../http/apiError';
import { ConcurrencyLimiter } from '../http/concurrency';
import { HostError } from '../workspaces/host';
import { workspaceUrlFromArm } from './parse';
import type {
  AzureCallOptions,
  AzureSubscription,
  AzureWorkspaceResource,
  DiscoveredWorkspace,
  DiscoveryProblem,
  DiscoveryResult,
} from './types';

/** What the walk needs of the Resource Manager client (AzureResourceClient has it). */
export interface SubscriptionWalker {
  listSubscriptions(opts?: AzureCallOptions): Promise<AzureSubscription[]>;
  workspacePages(subscriptionId: string, opts?: AzureCallOptions): AsyncGenerator<AzureWorkspaceResource[]>;
}

export interface DiscoverOptions extends AzureCallOptions {
  /** Subscriptions read at once (default DEFAULT_DISCOVERY_CONCURRENCY). */
  concurrency?: number;
}

/** ARM's read limits are per subscription and generous; four at once keeps a large tenant quick without a burst. */
export const DEFAULT_DISCOVERY_CONCURRENCY = 4;

export async function discoverWorkspaces(
  client: SubscriptionWalker,
  opts: DiscoverOptions = {},
): Promise<DiscoveryResult> {
  const signal = opts.signal ? { signal: opts.signal } : {};
  const subscriptions = await client.listSubscriptions(signal);
  const limiter = new ConcurrencyLimiter(Math.max(1, Math.floor(opts.concurrency ?? DEFAULT_DISCOVERY_CONCURRENCY)));
  const perSubscription = await Promise.all(
    subscriptions.map(async (sub) => {
      const release = await limiter.acquire(opts.signal);
      try {
        return await readSubscription(client, sub, signal);
      } finally {
        release();
      }
    }),
  );
  const workspaces = perSubscription.flatMap((r) => r.workspaces);
  workspaces.sort(
    (a, b) =>
      compareText(a.subscriptionName, b.subscriptionName) ||
      compareText(a.name, b.name) ||
      compareText(a.resourceId, b.resourceId),
  );
  return { workspaces, problems: perSubscription.flatMap((r) => r.problems) };
}

async function readSubscription(
  client: Pick<SubscriptionWalker, 'workspacePages'>,
  sub: AzureSubscription,
  opts: AzureCallOptions,
): Promise<DiscoveryResult> {
  const workspaces: DiscoveredWorkspace[] = [];
  const problems: DiscoveryProblem[] = [];
  const problem = (message: string): void => {
    problems.push({ subscriptionId: sub.subscriptionId, subscriptionName: sub.displayName, message });
  };
  const seen = new Set<string>();
  try {
    for await (const page of client.workspacePages(sub.subscriptionId, opts)) {
      for (const w of page) {
        const key = w.resourceId.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        const found = discovered(w, sub);
        if (typeof found === 'string') problem(found);
        else workspaces.push(found);
      }
    }
  } catch (e) {
    if (e instanceof ApiError && e.isCancelled) throw e;
    // What was read before the failure is still true; the problem says the list may be short.
    problem(e instanceof ApiError ? e.userMessage : e instanceof Error ? e.message : String(e));
  }
  return { workspaces, problems };
}

/** The workspace as discovery reports it, or why it cannot be used (no URL yet, an unusable URL). */
function discovered(w: AzureWorkspaceResource, sub: AzureSubscription): DiscoveredWorkspace | string {
  if (w.workspaceUrl === undefined) {
    const state = w.provisioningState ? ` (provisioning state ${w.provisioningState})` : '';
    return `Workspace "${w.name}" has no workspace URL${state}; it is left out.`;
  }
  let workspaceUrl: string;
  try {
    workspaceUrl = workspaceUrlFromArm(w.workspaceUrl);
  } catch (e) {
    if (!(e instanceof HostError)) throw e;
    return `Workspace "${w.name}" has a workspace URL that cannot be used: ${e.message}`;
  }
  return {
    name: w.name,
    location: w.location,
    sku: w.sku,
    subscriptionId: sub.subscriptionId,
    subscriptionName: sub.displayName,
    workspaceUrl,
    workspaceId: w.workspaceId ?? '',
    resourceId: w.resourceId,
    isUcEnabled: w.isUcEnabled,
  };
}

/** Case-insensitive first, then exact, so the order never depends on the locale or on arrival. */
function compareText(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}
