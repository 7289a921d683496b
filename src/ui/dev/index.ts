// The only way from the extension into development aids: the demo's throwaway tokens and the test
// hooks. Both act only when their environment variables are set; a failure here must never stop
// the extension from starting, so it is caught and logged.
import type * as vscode from 'vscode';
import type { DriftParts } from '../drift';
import type { ExplorerView } from '../explorer/explorerView';
import type { ConnectionManager } from '../workspaces/connectionManager';
import type { PatStore } from '../workspaces/patStore';
import { useDemoArmToken } from '../workspaces/azureDiscovery';
import { adoptDemoToken, demoGraphToken } from './demoBootstrap';
import { testHooks, type TestHooks } from './testHooks';

export type { TestHooks } from './testHooks';

export interface DevParts {
  pats: PatStore;
  explorer: ExplorerView;
  drift: DriftParts;
  log: vscode.LogOutputChannel;
  /** For the demo's account token (the account host must be a loopback emulator). */
  connections?: ConnectionManager;
}

export function attachDevTools(context: vscode.ExtensionContext, parts: DevParts): TestHooks | undefined {
  try {
    if (process.env.DBX_SCIM_DEMO_HOST) {
      void adoptDemoToken(parts.pats).catch((err) => parts.log.warn(`Demo token not adopted: ${String(err)}`));
      parts.drift.service.useFallbackGraphToken((endpoint) => demoGraphToken(endpoint));
    }
    // Read when needed, so host tests can hand over the token of the emulator they just started.
    if (process.env.DBX_SCIM_DEMO_HOST || process.env.DBX_SCIM_TEST_HOOKS === '1')
      parts.connections?.useFallbackAccountToken(() => process.env.DBX_SCIM_DEMO_ACCOUNT_TOKEN);
    useDemoArmToken(process.env.DBX_SCIM_DEMO_ARM_TOKEN);
    return testHooks(context, parts);
  } catch (err) {
    parts.log.warn(`Development tools not attached: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}
