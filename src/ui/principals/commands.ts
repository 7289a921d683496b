// Registers the principal commands over one PrincipalService: the id, the handler (one file per
// family) and the wrapper's options of each, in one table. The composition root calls this once.
import type * as vscode from 'vscode';
import { registerServiceActions, type ActionEntry } from '../common/action';
import { editEntitlements } from './entitlements';
import { createGroup } from './groups';
import { addMembers, removeMember } from './members';
import { copyId, openInBrowser } from './nodeLinks';
import { search } from './search';
import { PrincipalService } from './service';
import type { PrincipalCommandDeps } from './targets';

const COMMANDS: ReadonlyArray<ActionEntry<PrincipalCommandDeps>> = [
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
  return registerServiceActions(context, base, new PrincipalService(base.connections, base.explorer), COMMANDS);
}
