// `dbxScim.addWorkspace`: host (checked) → name → how to sign in → (PAT) token, each step thin, and the same
// result from programmatic arguments `{ name?, host, auth?, token? }` with one question only: a
// new host needs the user's yes.
// Order matters: the token is verified before anything is written, and stored before the setting,
// so the tree never sees a PAT workspace without its token for a moment.
import * as vscode from 'vscode';
import { parseHost } from '../../core/workspaces/host';
import { isApiArgument } from '../common/action';
import { UserCancelled } from '../common/errors';
import { askConsent, confirmed } from '../common/consent';
import type { ConnectionManager } from './connectionManager';
import { promptForPat, verifyGivenPat, type VerifiedPat } from './patInput';
import type { PatStore } from './patStore';
import { saveWorkspace } from '../common/settings';
import type { AuthKind, WorkspaceConfig } from '../common/connection';
import { defaultWorkspaceName, isAuthKind } from '../common/workspaceEntries';
import { askCheckedHost, askName, type StepPrompts } from './addWorkspaceSteps';

export interface AddWorkspaceArgs {
  name?: string;
  host: string;
  auth?: AuthKind;
  token?: string;
  /** Token API id of `token`, when known, so a later rotation can revoke exactly it. */
  tokenId?: string;
}

export interface AddWorkspaceDeps {
  connections: ConnectionManager;
  pats: PatStore;
  log: vscode.LogOutputChannel;
  /** Interactive Entra sign-in right after adding an Entra workspace. */
  signIn: (host: string) => Promise<void>;
}

export async function addWorkspace(arg: unknown, deps: AddWorkspaceDeps): Promise<WorkspaceConfig> {
  // A title-bar "+" clicked while a row is selected hands over that row: it is not a request to
  // re-add its workspace, so only plain objects count as arguments.
  return isApiArgument(arg) ? addFromArgs(arg as Partial<AddWorkspaceArgs>, deps) : addInteractively(deps);
}

async function addFromArgs(args: Partial<AddWorkspaceArgs>, deps: AddWorkspaceDeps): Promise<WorkspaceConfig> {
  if (typeof args.host !== 'string') throw new Error('addWorkspace needs { host } (the workspace URL).');
  if (args.auth !== undefined && !isAuthKind(args.auth))
    throw new Error(`Unknown auth "${String(args.auth)}": use "pat", "entra" or "azure-cli".`);
  const parsed = parseHost(args.host);
  if (parsed.warning) deps.log.warn(`addWorkspace: ${parsed.warning}`);
  // A new host is where tokens will go: a person says yes to it, whoever called the command.
  if (!deps.connections.find(parsed.host)) {
    const detail = `${parsed.warning ? `${parsed.warning} ` : ''}Only add a workspace you trust: its token${args.token === undefined ? '' : ' (the one given)'} and any sign-in for it are sent there.`;
    if (!(await confirmed(`Add workspace ${parsed.host}? Tokens will be sent to it.`, { detail }, 'Add Workspace')))
      throw new UserCancelled();
  }
  const ws: WorkspaceConfig = {
    name: args.name?.trim() || defaultWorkspaceName(parsed.host),
    host: parsed.host,
    auth: args.auth ?? 'pat',
  };
  const verified =
    ws.auth === 'pat' && typeof args.token === 'string'
      ? await verifyGivenPat(deps.connections, ws.host, args.token)
      : undefined;
  await save(ws, verified, args.tokenId, deps);
  return ws;
}

async function addInteractively(deps: AddWorkspaceDeps): Promise<WorkspaceConfig> {
  const steps = { prompts: vscodePrompts, workspaces: () => deps.connections.list() };
  // The host is checked before anything else is asked: a wrong URL is not a rejected token.
  const { host, existing } = await askCheckedHost({ ...steps, probe: (h) => deps.connections.probe(h) });
  const name = await askName(steps, host);
  const auth = await askAuth(existing?.auth);
  const ws: WorkspaceConfig = { name, host, auth };
  const verified = auth === 'pat' ? await promptForPat(deps.connections, host, ws.name) : undefined;
  await save(ws, verified, undefined, deps);
  if (auth === 'entra') await deps.signIn(host);
  const done = existing ? 'Updated' : 'Added';
  void vscode.window.showInformationMessage(
    verified
      ? `${done} ${ws.name} (${host}), connected as ${verified.owner.userName}.`
      : `${done} ${ws.name} (${host}).`,
  );
  return ws;
}

async function save(
  ws: WorkspaceConfig,
  verified: VerifiedPat | undefined,
  tokenId: string | undefined,
  deps: AddWorkspaceDeps,
): Promise<void> {
  // An id given by the caller wins; otherwise the one the token list proved when it was checked.
  const id = tokenId ?? verified?.tokenId;
  if (verified) await deps.pats.set(ws.host, id ? { token: verified.token, tokenId: id } : { token: verified.token });
  await saveWorkspace(ws);
  deps.connections.invalidate(ws.host);
}

async function askAuth(current: AuthKind | undefined): Promise<AuthKind> {
  const items: Array<vscode.QuickPickItem & { auth: AuthKind }> = [
    {
      label: '$(key) Personal access token',
      detail: 'A PAT of a workspace admin, kept in the OS secret store.',
      auth: 'pat',
    },
    {
      label: '$(account) Microsoft Entra sign-in',
      detail: "Sign in through VS Code's Microsoft account.",
      auth: 'entra',
    },
    {
      label: '$(terminal) Azure CLI or environment',
      detail: 'az login, managed identity or AZURE_* variables (DefaultAzureCredential).',
      auth: 'azure-cli',
    },
  ];
  for (const item of items) if (item.auth === current) item.description = 'current';
  const picked = await vscode.window.showQuickPick(items, {
    title: 'How to sign in to this workspace',
    ignoreFocusOut: true,
  });
  if (!picked) throw new UserCancelled();
  return picked.auth;
}

const vscodePrompts: StepPrompts = {
  async input(step) {
    const { problem, value } = step;
    return vscode.window.showInputBox({
      title: step.title,
      prompt: problem ?? step.prompt,
      value,
      ...(step.placeHolder ? { placeHolder: step.placeHolder } : {}),
      ignoreFocusOut: true,
      // The problem stays in view while the text is what failed; a warning still lets the user
      // try the same text again (a network that was down a moment ago).
      validateInput: (v) =>
        step.validate(v) ??
        (problem && v === value
          ? { message: problem, severity: vscode.InputBoxValidationSeverity.Warning }
          : undefined),
    });
  },
  progress: (title, task) =>
    Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, task)),
  ask: async (message, yes, detail) =>
    (await askConsent(message, { severity: 'info', ...(detail ? { detail } : {}) }, yes)) === yes,
};
