// Registers the member, group, entitlement, search and link commands (one file per family) over one
// PrincipalService; the composition root calls this once.
import type * as vscode from 'vscode';
import { registerEntitlementCommands } from './entitlements';
import { registerGroupCommands } from './groups';
import { registerMemberCommands } from './members';
import { registerNodeLinkCommands } from './nodeLinks';
import { registerSearchCommand } from './search';
import { PrincipalService } from './service';
import type { PrincipalCommandDeps } from './targets';

export function registerPrincipalCommands(
  context: vscode.ExtensionContext,
  base: Omit<PrincipalCommandDeps, 'service'>,
): PrincipalService {
  const service = new PrincipalService(base.connections, base.explorer);
  const deps: PrincipalCommandDeps = { ...base, service };
  context.subscriptions.push(
    ...registerMemberCommands(deps),
    ...registerGroupCommands(deps),
    ...registerEntitlementCommands(deps),
    ...registerSearchCommand(deps),
    ...registerNodeLinkCommands(deps),
  );
  return service;
}
