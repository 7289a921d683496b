// The decisions behind "Add Workspaces from Azure…", without `vscode` so unit tests run them on plain
// Node: how a discovered workspace reads in the QuickPick, which `pick` entries mean which workspace,
// what is added and what is skipped, what the one new-host question says, and how unreadable
// subscriptions are reported. A discovered URL is data, not consent: every new host still gets a yes.
import { workspaceUrlFromArm } from '../../core/azure/parse';
import { armOrigin, armScopeFor } from '../../core/azure/scope';
import type { DiscoveredWorkspace, DiscoveryProblem } from '../../core/azure/types';
import { isLoopbackHostname } from '../../core/http/loopback';
import { classifyHost, type HostKind } from '../../core/workspaces/host';
import type { WorkspaceConfig } from '../common/connection';

export interface WorkspaceItemText {
  label: string;
  description: string;
  detail: string;
}

/** label = ARM name; description = region · subscription · SKU; detail = the URL (and "already added"). */
export function workspaceItemText(w: DiscoveredWorkspace, configured?: WorkspaceConfig): WorkspaceItemText {
  const sku = w.sku ? w.sku.charAt(0).toUpperCase() + w.sku.slice(1) : 'SKU unknown';
  const parts = [w.location || 'region unknown', w.subscriptionName || w.subscriptionId, sku];
  return {
    label: w.name,
    description: parts.join(' · '),
    detail: configured ? `${w.workspaceUrl} — already added as "${configured.name}"` : w.workspaceUrl,
  };
}

/** The configured entry with this workspace's host, if any. */
export function configuredFor(
  w: DiscoveredWorkspace,
  configured: readonly WorkspaceConfig[],
): WorkspaceConfig | undefined {
  return configured.find((c) => c.host === w.workspaceUrl);
}

/**
 * The workspaces a programmatic `pick` names, by ARM name (case-insensitive, as ARM names are) or
 * by URL. Throws before anything is written when an entry matches nothing or more than one.
 */
export function matchPicks(found: readonly DiscoveredWorkspace[], picks: readonly string[]): DiscoveredWorkspace[] {
  const out: DiscoveredWorkspace[] = [];
  for (const raw of picks) {
    const wanted = raw.trim();
    const url = hostOrUndefined(wanted);
    const byUrl = url ? found.filter((w) => w.workspaceUrl === url) : [];
    const matches = byUrl.length > 0 ? byUrl : found.filter((w) => w.name.toLowerCase() === wanted.toLowerCase());
    if (matches.length === 0) {
      const names = found.map((w) => w.name).join(', ') || 'none';
      throw new Error(`No Azure Databricks workspace found is named or at "${wanted}". Found: ${names}.`);
    }
    if (matches.length > 1)
      throw new Error(
        `"${wanted}" names ${matches.length} workspaces (${matches.map((w) => w.subscriptionName).join(', ')}); pick it by its URL instead.`,
      );
    const [match] = matches as [DiscoveredWorkspace];
    if (!out.includes(match)) out.push(match);
  }
  return out;
}

function hostOrUndefined(text: string): string | undefined {
  if (!/[./:]/.test(text)) return undefined;
  try {
    // Without a scheme it is read as ARM writes workspaceUrl: a loopback host is http, others https.
    return workspaceUrlFromArm(text);
  } catch {
    return undefined;
  }
}

export interface PlannedAddition {
  workspace: WorkspaceConfig;
  kind: HostKind;
  /** Not Azure Databricks and not this machine: an Entra token goes there only after its own yes. */
  needsEntraConfirm: boolean;
}

export interface SkippedWorkspace {
  name: string;
  host: string;
  reason: string;
}

export interface AdditionPlan {
  add: PlannedAddition[];
  skipped: SkippedWorkspace[];
}

/**
 * What becomes of each picked workspace: a configured host is left as it is (its name and sign-in
 * are the user's choice); a new one is added as `{ ARM name, host, auth: 'entra' }`, with the
 * subscription appended to a name another workspace already has.
 */
export function planAdditions(
  picked: readonly DiscoveredWorkspace[],
  configured: readonly WorkspaceConfig[],
): AdditionPlan {
  const add: PlannedAddition[] = [];
  const skipped: SkippedWorkspace[] = [];
  const names = new Set(configured.map((c) => c.name.toLowerCase()));
  for (const w of picked) {
    const existing = configuredFor(w, configured);
    if (existing) {
      skipped.push({ name: w.name, host: w.workspaceUrl, reason: `already added as "${existing.name}"` });
      continue;
    }
    if (add.some((a) => a.workspace.host === w.workspaceUrl)) continue;
    const name = names.has(w.name.toLowerCase()) ? `${w.name} (${w.subscriptionName || w.subscriptionId})` : w.name;
    names.add(name.toLowerCase());
    const kind = classifyHost(w.workspaceUrl);
    add.push({
      workspace: { name, host: w.workspaceUrl, auth: 'entra' },
      kind,
      needsEntraConfirm: kind !== 'azureDatabricks' && kind !== 'loopback',
    });
  }
  return { add, skipped };
}

/** The one question for all new hosts: tokens will go to each of them. */
export function newHostsQuestion(add: readonly PlannedAddition[]): { message: string; detail: string } {
  const message =
    add.length === 1
      ? `Add workspace ${add[0]?.workspace.name} (${add[0]?.workspace.host})? Tokens will be sent to it.`
      : `Add ${add.length} workspaces? Tokens will be sent to each of them.`;
  const lines = add.map((a) => `• ${a.workspace.name}: ${a.workspace.host}${hostNote(a.kind)}`);
  return {
    message,
    detail: [...lines, 'They sign in with Microsoft Entra ID; only add workspaces you trust.'].join('\n'),
  };
}

function hostNote(kind: HostKind): string {
  if (kind === 'loopback') return ' (this machine)';
  if (kind === 'azureDatabricks') return '';
  return ' (not an Azure Databricks host)';
}

/** One warning for the subscriptions that could not be read, naming each and why. */
export function problemsText(problems: readonly DiscoveryProblem[]): string | undefined {
  if (problems.length === 0) return undefined;
  const subs = new Set(problems.map((p) => p.subscriptionId));
  const head =
    subs.size === 1
      ? 'One subscription could not be read completely, so its workspaces may be missing.'
      : `${subs.size} subscriptions could not be read completely, so their workspaces may be missing.`;
  const lines = problems.map((p) => `${p.subscriptionName || p.subscriptionId}: ${p.message}`);
  return [head, ...lines].join(' ');
}

/** The Resource Manager origin the token is bound to: https, or plain http on loopback (an emulator). */
export function armEndpointOrigin(setting: string): string {
  let url: URL;
  try {
    url = new URL(armOrigin(setting));
  } catch {
    throw new Error(
      `dbxScim.azure.resourceManagerEndpoint "${setting}" is not a URL. Set it to https://management.azure.com (or your cloud's Resource Manager).`,
    );
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHostname(url.hostname)))
    throw new Error(
      `dbxScim.azure.resourceManagerEndpoint must start with https:// (got ${url.protocol}//); plain http is only for a local emulator.`,
    );
  return url.origin;
}

/** Scopes for VS Code's Microsoft sign-in: the Resource Manager's `.default`, pinned to the tenant when set. */
export function armSessionScopes(endpoint: string, tenantId?: string): string[] {
  const tenant = tenantId?.trim();
  return tenant ? [armScopeFor(endpoint), `VSCODE_TENANT:${tenant}`] : [armScopeFor(endpoint)];
}

/** The demo's emulator token, only ever for a Resource Manager on this machine. */
export function demoTokenFor(endpoint: string, token: string | undefined): string | undefined {
  const value = token?.trim();
  if (!value) return undefined;
  try {
    return isLoopbackHostname(new URL(endpoint).hostname) ? value : undefined;
  } catch {
    return undefined;
  }
}
