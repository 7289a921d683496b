// Every read and write of the extension's settings. The ones that decide where a token goes or how
// much may change (USER_ONLY_SETTINGS) are application-scoped in package.json and read from the
// user's own settings only: a cloned repository's .vscode/settings.json must not add a host, move
// the Graph endpoint, switch removals on or raise the mass-change threshold. The rest (transport
// limits, expiry warnings, how users are matched) may differ per folder. Nothing here is a secret:
// the workspace list is rewritten from { name, host, auth } objects only.
import * as vscode from 'vscode';
import { DEFAULT_ARM_ENDPOINT } from '../../core/azure/scope';
import { DEFAULT_MASS_CHANGE_THRESHOLD } from '../../core/drift/plan';
import type { UserKey } from '../../core/drift/types';
import { DEFAULT_GRAPH_ENDPOINT } from '../../core/graph/scope';
import { DEFAULT_GETS_PER_MINUTE } from '../../core/http/hostLimits';
import { AZURE_ACCOUNTS_HOST } from '../../core/account/connection';
import type { WorkspaceConfig } from './connection';
import { parseWorkspaceEntries, toSettingValue, upsertWorkspace, withoutWorkspace } from './workspaceEntries';

const SECTION = 'dbxScim';

/** Keep in step with `"scope": "application"` and `restrictedConfigurations` in package.json. */
export const USER_ONLY_SETTINGS = [
  'workspaces',
  'entra.tenantId',
  'entra.graphEndpoint',
  'entra.graphClientId',
  'account.host',
  'drift.groupMappings',
  'drift.scheduleMinutes',
  'reconcile.allowRemovals',
  'reconcile.massChangeThreshold',
  'azure.resourceManagerEndpoint',
] as const;
type UserOnlySetting = (typeof USER_ONLY_SETTINGS)[number];

export const DEFAULT_EXPIRY_WARNING_DAYS = 14;
export const DEFAULT_TOKEN_LIFETIME_DAYS = 90;

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

/** The user-settings value only; a workspace or folder value is ignored, never merged. */
function userValue(key: UserOnlySetting): unknown {
  return config().inspect<unknown>(key)?.globalValue;
}

function userText(key: UserOnlySetting): string | undefined {
  const value = userValue(key);
  return typeof value === 'string' ? value.trim() || undefined : undefined;
}

export function readWorkspaces(): WorkspaceConfig[] {
  return parseWorkspaceEntries(userValue('workspaces'));
}

/** Always to user settings: that is the only place the list is read from. */
async function writeWorkspaces(list: readonly WorkspaceConfig[]): Promise<void> {
  await config().update('workspaces', toSettingValue(list), vscode.ConfigurationTarget.Global);
}

export async function saveWorkspace(ws: WorkspaceConfig): Promise<void> {
  await writeWorkspaces(upsertWorkspace(readWorkspaces(), ws));
}

export async function deleteWorkspace(host: string): Promise<void> {
  await writeWorkspaces(withoutWorkspace(readWorkspaces(), host));
}

/** Where the Resource Manager token may go (workspace discovery): user settings only, like the Graph endpoint. */
export function readArmEndpoint(): string {
  return userText('azure.resourceManagerEndpoint') ?? DEFAULT_ARM_ENDPOINT;
}

export function readTenantId(): string | undefined {
  return userText('entra.tenantId');
}

export function readExpiryWarningDays(): number {
  return positive(config().get<number>('tokens.expiryWarningDays'), DEFAULT_EXPIRY_WARNING_DAYS);
}

export function readDefaultLifetimeDays(): number {
  return positive(config().get<number>('tokens.defaultLifetimeDays'), DEFAULT_TOKEN_LIFETIME_DAYS);
}

/**
 * The account API host for account groups (identity federation); the user's Entra token goes there,
 * so like the Graph endpoint it comes from user settings only.
 */
export function readAccountHost(): string {
  return userText('account.host') ?? AZURE_ACCOUNTS_HOST;
}

export interface HttpSettings {
  maxConcurrency: number;
  /** GETs per minute per workspace, shared by every request to it; 0 = no client-side limit. */
  getsPerMinute: number;
  timeoutMs: number;
  /** Whole-request deadline per attempt (a server dripping bytes never trips the gap timers). */
  deadlineMs: number;
}

export function readHttpSettings(): HttpSettings {
  return {
    maxConcurrency: positive(config().get<number>('http.maxConcurrency'), 8),
    getsPerMinute: nonNegative(config().get<number>('http.getsPerMinute'), DEFAULT_GETS_PER_MINUTE),
    timeoutMs: positive(config().get<number>('http.timeoutSeconds'), 30) * 1000,
    deadlineMs: positive(config().get<number>('http.requestDeadlineSeconds'), 120) * 1000,
  };
}

/** Whether a settings change concerns connections (hosts, auth kinds, tenant, transport limits). */
export function affectsConnections(e: vscode.ConfigurationChangeEvent): boolean {
  return ['workspaces', 'entra.tenantId', 'http'].some((key) => e.affectsConfiguration(`${SECTION}.${key}`));
}

export interface DriftSettings {
  graphEndpoint: string;
  /** Client id for VS Code's Microsoft sign-in (an app registration with Graph consent); optional. */
  graphClientId: string | undefined;
  tenantId: string | undefined;
  userKey: UserKey;
  transitive: boolean;
  groupMappings: Record<string, string>;
  /** 0 = no scheduled comparison. */
  scheduleMinutes: number;
  allowRemovals: boolean;
  massChangeThreshold: number;
}

/** Read fresh on every use, so a change applies to the next comparison without a reload. */
export function readDriftSettings(): DriftSettings {
  const c = config();
  const threshold = userValue('reconcile.massChangeThreshold');
  const minutes = userValue('drift.scheduleMinutes');
  return {
    graphEndpoint: userText('entra.graphEndpoint') ?? DEFAULT_GRAPH_ENDPOINT,
    graphClientId: userText('entra.graphClientId'),
    tenantId: userText('entra.tenantId'),
    userKey: c.get<string>('drift.userKey') === 'mail' ? 'mail' : 'userPrincipalName',
    transitive: c.get<boolean>('drift.transitive') ?? true,
    groupMappings: stringRecord(userValue('drift.groupMappings')),
    scheduleMinutes: typeof minutes === 'number' && Number.isFinite(minutes) && minutes > 0 ? minutes : 0,
    allowRemovals: userValue('reconcile.allowRemovals') === true,
    massChangeThreshold:
      typeof threshold === 'number' && Number.isFinite(threshold) && threshold >= 0
        ? threshold
        : DEFAULT_MASS_CHANGE_THRESHOLD,
  };
}

/** Only string → string entries survive: a hand-edited setting must not break a comparison. */
function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value))
    if (typeof v === 'string' && k.trim() && v.trim()) out[k.trim()] = v.trim();
  return out;
}

function nonNegative(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
