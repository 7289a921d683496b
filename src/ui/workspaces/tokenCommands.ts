// Set, clear, rotate a workspace's PAT, and Entra sign-in. Each handler takes a workspace node, a
// `{ host, … }` object (no prompts beyond a token that was not given and the consent questions) or
// nothing (palette).
import * as vscode from 'vscode';
import { rotateToken } from '../../core/tokens/rotate';
import { extensionTokenComment } from '../../core/tokens/identify';
import { describeExpiry } from '../../core/tokens/expiry';
import { signInToEntra, type SessionGetter } from '../common/auth/tokenSource';
import { busyWhile } from '../common/action';
import { UserCancelled } from '../common/errors';
import { confirmed } from '../common/consent';
import type { PatStore } from './patStore';
import type { ConnectionManager } from './connectionManager';
import { promptForPat, verifyGivenPat } from './patInput';
import { findStoredTokenId } from './storedTokenId';
import { readDefaultLifetimeDays, readTenantId } from '../common/settings';
import type { EntraHosts } from './entraHosts';
import { CredentialMissingError } from '../common/connection';
import { resolveCommandContext } from '../explorer/commandContext';
import { isApiArgument } from '../common/action';

export interface TokenCommandDeps {
  connections: ConnectionManager;
  pats: PatStore;
  getSession: SessionGetter;
  entraHosts: EntraHosts;
}

export const LIFETIME_CHOICES_DAYS = [30, 60, 90, 180] as const;
const DAY_SECONDS = 86_400;

export async function setToken(arg: unknown, deps: TokenCommandDeps): Promise<{ host: string; userName: string }> {
  const { workspace } = await resolveCommandContext(arg, deps.connections);
  const given = isApiArgument(arg) && typeof arg['token'] === 'string' ? arg['token'] : undefined;
  const tokenId = isApiArgument(arg) && typeof arg['tokenId'] === 'string' ? arg['tokenId'] : undefined;
  const verified =
    given !== undefined
      ? await busyWhile(() => verifyGivenPat(deps.connections, workspace.host, given))
      : await promptForPat(deps.connections, workspace.host, workspace.name);
  // An id given by the caller wins; otherwise the one the token list proved when it was checked.
  const id = tokenId ?? verified.tokenId;
  await deps.pats.set(workspace.host, id ? { token: verified.token, tokenId: id } : { token: verified.token });
  deps.connections.invalidate(workspace.host);
  void vscode.window.showInformationMessage(
    `Token saved for ${workspace.name}; connected as ${verified.owner.userName}.`,
  );
  return { host: workspace.host, userName: verified.owner.userName };
}

export async function clearToken(arg: unknown, deps: TokenCommandDeps): Promise<{ host: string; cleared: boolean }> {
  const { workspace } = await resolveCommandContext(arg, deps.connections);
  // Asked however the command was called: another extension's arguments are no one's consent.
  const ok = await confirmed(
    `Delete the stored token for ${workspace.name}?`,
    { detail: 'The token itself stays valid in Databricks; only this copy is removed.' },
    'Delete Token',
  );
  if (!ok) throw new UserCancelled();
  const had = (await deps.pats.get(workspace.host)) !== undefined;
  await deps.pats.delete(workspace.host);
  deps.connections.invalidate(workspace.host);
  return { host: workspace.host, cleared: had };
}

export interface RotationReport {
  host: string;
  ok: boolean;
  message: string;
  newTokenId?: string;
  revokedTokenId?: string;
  expiry?: string;
}

export async function rotateWorkspaceToken(arg: unknown, deps: TokenCommandDeps): Promise<RotationReport> {
  const { workspace, interactive } = await resolveCommandContext(arg, deps.connections);
  const host = workspace.host;
  if (workspace.auth !== 'pat')
    throw new Error(
      `${workspace.name} signs in with ${workspace.auth === 'entra' ? 'Microsoft Entra' : 'Azure CLI'}; it has no token to rotate.`,
    );
  const stored = await deps.pats.get(host);
  if (!stored)
    throw new CredentialMissingError(host, 'pat', `No token is stored for ${workspace.name}; set one first.`);
  // From a menu or the palette, choosing a lifetime is the person's go-ahead; a call with an
  // argument object (even `interactive: true`, which may come with the lifetime filled in) is
  // asked, since it ends in revoking the token in use.
  if (isApiArgument(arg)) {
    const ok = await confirmed(
      `Rotate the token for ${workspace.name}?`,
      {
        detail: `A new token is created for ${host}, checked and stored; the old one is then revoked in Databricks when it is known which one it is.`,
      },
      'Rotate Token',
    );
    if (!ok) throw new UserCancelled();
  }
  const given = isApiArgument(arg) ? arg : {};
  const lifetimeDays =
    typeof given['lifetimeDays'] === 'number'
      ? given['lifetimeDays']
      : interactive
        ? await askLifetime()
        : readDefaultLifetimeDays();
  const oldTokenId =
    typeof given['oldTokenId'] === 'string'
      ? given['oldTokenId']
      : (stored.tokenId ?? (await findStoredTokenId((await deps.connections.get(host)).tokens, interactive)));

  const result = await busyWhile(() =>
    rotateToken({
      host,
      currentToken: stored.token,
      makeClient: (token) => deps.connections.transportFor(host, token),
      lifetimeSeconds: Math.round(lifetimeDays * DAY_SECONDS),
      comment: extensionTokenComment(),
      ...(oldTokenId ? { oldTokenId } : {}),
      // Stored with its id, so the next rotation revokes exactly this token.
      store: (tokenValue, info) => deps.pats.set(host, { token: tokenValue, tokenId: info.tokenId }),
    }),
  );
  if (!result.ok) throw new Error(result.message);
  deps.connections.invalidate(host);
  const expiry = describeExpiry(result.info);
  void vscode.window.showInformationMessage(`${workspace.name}: ${result.message} The new token ${expiry}.`);
  const report: RotationReport = { host, ok: true, message: result.message, newTokenId: result.info.tokenId, expiry };
  if (result.revokedTokenId) report.revokedTokenId = result.revokedTokenId;
  return report;
}

export async function signIn(arg: unknown, deps: TokenCommandDeps): Promise<{ host: string; account?: string }> {
  const { workspace } = await resolveCommandContext(arg, deps.connections);
  if (workspace.auth === 'pat') {
    const done = await setToken(isApiArgument(arg) ? arg : { host: workspace.host }, deps);
    return { host: done.host, account: done.userName };
  }
  // Signing in is where the user says yes to an Entra token for a host that is not Azure Databricks.
  if (!(await deps.entraHosts.confirm(workspace.host))) throw new UserCancelled();
  if (workspace.auth === 'azure-cli') {
    // Nothing to sign in to from here: the credential is the CLI's or the environment's.
    deps.connections.invalidate(workspace.host);
    void vscode.window.showInformationMessage(
      `${workspace.name} uses Azure CLI or environment credentials: run "az login" in a terminal, then refresh.`,
    );
    return { host: workspace.host };
  }
  const session = await signInToEntra(deps.getSession, workspace.host, readTenantId());
  deps.connections.invalidate(workspace.host);
  return session.account ? { host: workspace.host, account: session.account.label } : { host: workspace.host };
}

async function askLifetime(): Promise<number> {
  const preferred = readDefaultLifetimeDays();
  const picked = await vscode.window.showQuickPick(
    LIFETIME_CHOICES_DAYS.map((days) => ({
      label: `${days} days`,
      description: days === preferred ? 'default' : undefined,
      days,
    })),
    { title: 'Lifetime of the new token', placeHolder: 'The old token is revoked once the new one works.' },
  );
  if (!picked) throw new UserCancelled();
  return picked.days;
}
