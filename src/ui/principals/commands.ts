// Registers the member, group, entitlement, search and link commands (one file per family); the
// composition root calls this once.
import type * as vscode from 'vscode';
import { registerEntitlementCommands } from './entitlements';
import { registerGroupCommands } from './groups';
import { registerMemberCommands } from './members';
import { registerNodeLinkCommands } from './nodeLinks';
import { registerSearchCommand } from './search';
import type { PrincipalCommandDeps } from './targets';

export type { PrincipalCommandDeps } from './targets';

export function registerPrincipalCommands(context: vscode.ExtensionContext, deps: PrincipalCommandDeps): void {
  context.subscriptions.push(
    ...registerMemberCommands(deps),
    ...registerGroupCommands(deps),
    ...registerEntitlementCommands(deps),
    ...registerSearchCommand(deps),
    ...registerNodeLinkCommands(deps),
  );
}
