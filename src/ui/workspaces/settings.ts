// Reads and writes the extension's settings. Everything here is non-secret by construction: the
// workspace list is rewritten from WorkspaceConfig objects (name, host, auth) and nothing else.
import * as vscode from 'vscode';
import type { WorkspaceConfig } from './types';
import { parseWorkspaceEntries, toSettingValue, upsertWorkspace, withoutWorkspace } from './workspaceEntries';

const SECTION = 'dbxScim';

export const DEFAULT_EXPIRY_WARNING_DAYS = 14;
export const DEFAULT_TOKEN_LIFETIME_DAYS = 90;

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

export function readWorkspaces(): WorkspaceConfig[] {
  return parseWorkspaceEntries(config().get<unknown>('workspaces'));
}

/**
 * User settings by default (a workspace list belongs to the person, not the folder); but when a
 * folder or workspace already overrides the list, a write to user settings would be invisible,
 * so it goes where the effective value comes from.
 */
async function writeWorkspaces(list: readonly WorkspaceConfig[]): Promise<void> {
  const inspected = config().inspect<unknown>('workspaces');
  const target =
    inspected?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : inspected?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await config().update('workspaces', toSettingValue(list), target);
}

export async function saveWorkspace(ws: WorkspaceConfig): Promise<void> {
  await writeWorkspaces(upsertWorkspace(readWorkspaces(), ws));
}

export async function deleteWorkspace(host: string): Promise<void> {
  await writeWorkspaces(withoutWorkspace(readWorkspaces(), host));
}

export function readTenantId(): string | undefined {
  return config().get<string>('entra.tenantId')?.trim() || undefined;
}

export function readExpiryWarningDays(): number {
  return positive(config().get<number>('tokens.expiryWarningDays'), DEFAULT_EXPIRY_WARNING_DAYS);
}

export function readDefaultLifetimeDays(): number {
  return positive(config().get<number>('tokens.defaultLifetimeDays'), DEFAULT_TOKEN_LIFETIME_DAYS);
}

export interface HttpSettings {
  maxConcurrency: number;
  timeoutMs: number;
}

export function readHttpSettings(): HttpSettings {
  return {
    maxConcurrency: positive(config().get<number>('http.maxConcurrency'), 8),
    timeoutMs: positive(config().get<number>('http.timeoutSeconds'), 30) * 1000,
  };
}

/** Whether a settings change concerns connections (hosts, auth kinds, tenant, transport limits). */
export function affectsConnections(e: vscode.ConfigurationChangeEvent): boolean {
  return ['workspaces', 'entra.tenantId', 'http'].some((key) => e.affectsConfiguration(`${SECTION}.${key}`));
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
