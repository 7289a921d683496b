// `dbxScim.addWorkspacesFromAzure`: sign in to Azure Resource Manager, list the Azure Databricks
// workspaces of every subscription the user can read, let them tick the ones to add, and add those
// with Entra sign-in — no URL typed, no PAT. Programmatic form: `{ armToken?, pick?: [name | URL, …] }`
// (tests, other extensions); the token is used for that call only and never stored. Every new host
// still gets a person's yes, since Databricks tokens will be sent there.
import * as vscode from 'vscode';
import { AzureResourceClient } from '../../core/azure/client';
import { ArmError } from '../../core/azure/errors';
import type { DiscoveredWorkspace, DiscoveryProblem, DiscoveryResult } from '../../core/azure/types';
import { ApiError } from '../../core/http/apiError';
import { USER_AGENTS } from '../../core/http/factory';
import type { Redactor } from '../../core/http/redact';
import { isApiArgument } from '../common/action';
import { MICROSOFT_PROVIDER_ID, type SessionGetter } from '../common/auth/tokenSource';
import { confirmed } from '../common/consent';
import type { WorkspaceConfig } from '../common/connection';
import { UserCancelled, type ActionableError, type ErrorFix } from '../common/errors';
import { readArmEndpoint, readHttpSettings, readTenantId, saveWorkspace } from '../common/settings';
import {
  armEndpointOrigin,
  armSessionScopes,
  configuredFor,
  demoTokenFor,
  matchPicks,
  newHostsQuestion,
  planAdditions,
  problemsText,
  workspaceItemText,
  type SkippedWorkspace,
} from './azurePicks';
import type { ConnectionManager } from './connectionManager';
import type { EntraHosts } from './entraHosts';

export const ADD_FROM_AZURE_COMMAND = 'dbxScim.addWorkspacesFromAzure';

export interface AzureDiscoveryArgs {
  /** A Resource Manager token for this call only (never stored). */
  armToken?: string;
  /** Workspaces to add without the QuickPick, by ARM name or workspace URL. */
  pick?: string[];
}

export interface AzureDiscoveryResult {
  added: WorkspaceConfig[];
  skipped: SkippedWorkspace[];
  /** Subscriptions (or workspaces) that could not be read, and why. */
  problems: DiscoveryProblem[];
}

export interface AzureDiscoveryDeps {
  connections: ConnectionManager;
  entraHosts: EntraHosts;
  log: vscode.LogOutputChannel;
  redactor: Redactor;
  getSession: SessionGetter;
  /** Interactive Entra sign-in after adding (one sign-in serves every Azure Databricks workspace). */
  signIn: (host: string) => Promise<void>;
}

export class ArmSignInRequired extends Error implements ActionableError {
  // Run from the palette, the command asks VS Code for the Microsoft sign-in itself.
  readonly fix: ErrorFix = { title: 'Sign In…', command: ADD_FROM_AZURE_COMMAND, args: [] };
  constructor(message = 'Sign in with Microsoft to list your Azure Databricks workspaces (Azure Resource Manager).') {
    super(message);
  }
}

let demoArmToken: string | undefined;

/** The demo hands its ARM emulator's token over this way; it is used for a loopback endpoint only. */
export function useDemoArmToken(token: string | undefined): void {
  demoArmToken = token?.trim() || undefined;
}

export async function addWorkspacesFromAzure(arg: unknown, deps: AzureDiscoveryDeps): Promise<AzureDiscoveryResult> {
  const args = isApiArgument(arg) ? parseArgs(arg) : undefined;
  const endpoint = armEndpointOrigin(readArmEndpoint());
  // Only a person who started the command sees a Microsoft sign-in.
  const getToken = await armTokenSource(endpoint, args?.armToken, args === undefined, deps);
  const found = await discover(endpoint, getToken, deps);
  const configured = deps.connections.list();
  let picked: DiscoveredWorkspace[];
  try {
    picked = args?.pick ? matchPicks(found.workspaces, args.pick) : await pickInteractively(found, configured);
  } finally {
    // After the pick, so the warning does not cover the list; shown even when nothing was picked.
    const text = problemsText(found.problems);
    if (text) {
      deps.log.warn(`Add Workspaces from Azure: ${text}`);
      void vscode.window.showWarningMessage(text);
    }
  }
  const plan = planAdditions(picked, configured);
  const added: WorkspaceConfig[] = [];
  const skipped = [...plan.skipped];
  if (plan.add.length > 0) {
    const question = newHostsQuestion(plan.add);
    const button = plan.add.length === 1 ? 'Add Workspace' : 'Add Workspaces';
    if (!(await confirmed(question.message, { detail: question.detail }, button))) throw new UserCancelled();
  }
  for (const { workspace, needsEntraConfirm } of plan.add) {
    // Not Azure Databricks and not this machine: the Entra token needs its own, remembered yes.
    if (needsEntraConfirm && !(await deps.entraHosts.confirm(workspace.host))) {
      skipped.push({
        name: workspace.name,
        host: workspace.host,
        reason: 'not an Azure Databricks host; not confirmed',
      });
      continue;
    }
    await saveWorkspace(workspace);
    deps.connections.invalidate(workspace.host);
    added.push(workspace);
  }
  if (args === undefined) await reportInteractively(added, skipped, deps);
  return { added, skipped, problems: found.problems };
}

function parseArgs(arg: Record<string, unknown>): AzureDiscoveryArgs {
  const { armToken, pick } = arg;
  const usage = 'addWorkspacesFromAzure takes { armToken?: string, pick?: [workspace name or URL, …] }.';
  if (armToken !== undefined && typeof armToken !== 'string') throw new Error(usage);
  if (pick !== undefined && !(Array.isArray(pick) && pick.every((p) => typeof p === 'string'))) throw new Error(usage);
  return {
    ...(typeof armToken === 'string' && armToken.trim() ? { armToken: armToken.trim() } : {}),
    ...(Array.isArray(pick) ? { pick: pick as string[] } : {}),
  };
}

type GetToken = (signal?: AbortSignal) => Promise<string>;

/** A token bound to `endpoint` only: the caller's, the demo's (loopback only), or VS Code's Microsoft session. */
async function armTokenSource(
  endpoint: string,
  explicit: string | undefined,
  interactive: boolean,
  deps: AzureDiscoveryDeps,
): Promise<GetToken> {
  const given = explicit ?? demoTokenFor(endpoint, demoArmToken);
  if (given) {
    deps.redactor.add(given);
    return async () => given;
  }
  const scopes = armSessionScopes(endpoint, readTenantId());
  let session = await deps.getSession(MICROSOFT_PROVIDER_ID, scopes, { silent: true });
  if (!session && interactive) session = await deps.getSession(MICROSOFT_PROVIDER_ID, scopes, { createIfNone: true });
  if (!session) throw new ArmSignInRequired();
  deps.redactor.add(session.accessToken);
  // Asked per request: VS Code caches the session and refreshes its token before it expires.
  return async () => {
    const current = await deps.getSession(MICROSOFT_PROVIDER_ID, scopes, { silent: true });
    if (!current) throw new ArmSignInRequired('The Microsoft sign-in for Azure Resource Manager ended. Sign in again.');
    deps.redactor.add(current.accessToken);
    return current.accessToken;
  };
}

async function discover(endpoint: string, getToken: GetToken, deps: AzureDiscoveryDeps): Promise<DiscoveryResult> {
  const http = readHttpSettings();
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: 'Finding Azure Databricks workspaces…',
      cancellable: true,
    },
    async (_progress, cancel) => {
      const abort = new AbortController();
      const listener = cancel.onCancellationRequested(() => abort.abort());
      const client = new AzureResourceClient({
        endpoint,
        getToken,
        http: {
          userAgent: USER_AGENTS.vscode,
          redactor: deps.redactor,
          log: (line) => deps.log.info(line),
          timeouts: { headersMs: http.timeoutMs, bodyMs: http.timeoutMs, deadlineMs: http.deadlineMs },
        },
      });
      try {
        return await client.discoverWorkspaces({ signal: abort.signal });
      } catch (e) {
        if (e instanceof ApiError && e.isCancelled) throw new UserCancelled();
        if (e instanceof ArmError && e.status === 401)
          throw new ArmSignInRequired(
            `Azure Resource Manager rejected the Microsoft sign-in (${e.code}). Sign in again.`,
          );
        throw e instanceof ApiError ? new Error(e.userMessage) : e;
      } finally {
        listener.dispose();
        await client.close();
      }
    },
  );
}

type WorkspaceItem = vscode.QuickPickItem & { workspace?: DiscoveredWorkspace };

async function pickInteractively(
  found: DiscoveryResult,
  configured: readonly WorkspaceConfig[],
): Promise<DiscoveredWorkspace[]> {
  const fresh = found.workspaces.filter((w) => !configuredFor(w, configured));
  const known = found.workspaces.filter((w) => configuredFor(w, configured));
  if (fresh.length === 0) {
    void vscode.window.showInformationMessage(
      found.workspaces.length === 0
        ? 'No Azure Databricks workspace was found in the subscriptions you can read.'
        : `All ${found.workspaces.length} Azure Databricks workspaces found are already in the explorer.`,
    );
    throw new UserCancelled();
  }
  const items: WorkspaceItem[] = fresh.map((w) => ({ ...workspaceItemText(w), workspace: w }));
  // Shown so the list is complete, but never offered: they carry no workspace and are skipped.
  if (known.length > 0) {
    items.push({ label: 'Already in the explorer', kind: vscode.QuickPickItemKind.Separator });
    for (const w of known)
      items.push({ ...workspaceItemText(w, configuredFor(w, configured)), label: `$(check) ${w.name}` });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Add Workspaces from Azure',
    placeHolder: 'Tick the workspaces to add; they sign in with Microsoft Entra ID.',
    canPickMany: true,
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  const chosen = (picked ?? []).flatMap((item) => (item.workspace ? [item.workspace] : []));
  if (chosen.length === 0) throw new UserCancelled();
  return chosen;
}

async function reportInteractively(
  added: WorkspaceConfig[],
  skipped: SkippedWorkspace[],
  deps: AzureDiscoveryDeps,
): Promise<void> {
  const parts = [];
  if (added.length > 0) parts.push(`Added ${added.map((w) => w.name).join(', ')}.`);
  if (skipped.length > 0) parts.push(`Skipped ${skipped.map((s) => `${s.name} (${s.reason})`).join(', ')}.`);
  if (parts.length > 0) void vscode.window.showInformationMessage(parts.join(' '));
  const first = added[0];
  if (!first) return;
  try {
    await deps.signIn(first.host);
  } catch (e) {
    // The workspaces are added either way; their rows offer "Sign In…".
    if (!(e instanceof UserCancelled)) deps.log.warn(`Add Workspaces from Azure: sign-in: ${String(e)}`);
  }
}
