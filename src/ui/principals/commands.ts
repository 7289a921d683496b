// Registers the principal commands over one PrincipalService: the id, the handler (one file per
// family) and the wrapper's options of each, in one table. The composition root calls this once.
import type * as vscode from 'vscode';
import { registerAction, type ActionOptions } from '../common/action';
import { editEntitlements } from './entitlements';
import { createGroup } from './groups';
import { addMembers, removeMember } from './members';
import { copyId, openInBrowser } from './nodeLinks';
import { search } from './search';
import { PrincipalService } from './service';
import type { PrincipalCommandDeps } from './targets';

type Handler = (deps: PrincipalCommandDeps, arg: unknown) => Promise<unknown>;

const COMMANDS: ReadonlyArray<[id: string, handler: Handler, options: ActionOptions]> = [
  ['dbxScim.addMembers', addMembers, { busyLabel: 'Adding…', rethrow: 'api' }],
  ['dbxScim.removeMember', removeMember, { busyLabel: 'Removing…', rethrow: 'api' }],
  ['dbxScim.createGroup', createGroup, { busyLabel: 'Creating…', rethrow: 'api' }],
  ['dbxScim.editEntitlements', editEntitlements, { busyLabel: 'Saving…', rethrow: 'api' }],
  ['dbxScim.search', search, { rethrow: 'api' }],
  ['dbxScim.copyId', (_deps, node) => copyId(node), {}],
  ['dbxScim.openInBrowser', (_deps, node) => openInBrowser(node), {}],
];

export function registerPrincipalCommands(
  context: vscode.ExtensionContext,
  base: Omit<PrincipalCommandDeps, 'service'>,
): PrincipalService {
  const service = new PrincipalService(base.connections, base.explorer);
  const deps: PrincipalCommandDeps = { ...base, service };
  context.subscriptions.push(
    ...COMMANDS.map(([id, handler, options]) =>
      registerAction(id, (arg?: unknown) => handler(deps, arg), deps, options),
    ),
  );
  return service;
}
