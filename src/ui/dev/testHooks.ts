// Views that host tests need and the VS Code API does not give them: the extension's own
// globalState and log folder (to prove no PAT is stored there), the explorer, and the answers to
// consent questions (modal dialogs are dismissed in a test extension host). Returned from
// activate() only when the test runner sets DBX_SCIM_TEST_HOOKS=1, so other extensions never get
// them; secrets are never exposed, not even then.
import type * as vscode from 'vscode';
import { enableTestConsent, type TestConsent } from '../common/consent';
import type { DriftParts } from '../drift';
import type { ExplorerView } from '../explorer/explorerView';

export interface TestHooks {
  globalStateEntries(): Array<[string, unknown]>;
  logUri: vscode.Uri;
  explorer: ExplorerView;
  /** Drift store, decorations, Problems entries and reports. */
  drift?: DriftParts;
  /** Answers for the next removal, revocation or new-host question; the only way a test consents. */
  consent: TestConsent;
}

export function testHooks(
  context: vscode.ExtensionContext,
  parts: { explorer: ExplorerView; drift?: DriftParts },
): TestHooks | undefined {
  if (process.env.DBX_SCIM_TEST_HOOKS !== '1') return undefined;
  return {
    globalStateEntries: () => context.globalState.keys().map((k) => [k, context.globalState.get(k)]),
    logUri: context.logUri,
    explorer: parts.explorer,
    consent: enableTestConsent(),
    ...(parts.drift ? { drift: parts.drift } : {}),
  };
}
