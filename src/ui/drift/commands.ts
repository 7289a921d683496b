// dbxScim.compareWithEntra, dbxScim.reconcile and dbxScim.showDriftReport, each through the one
// command wrapper. Programmatic callers get data back (the CLI `--json` drift shape, the plan /
// result) and never a prompt; people get progress, a summary with next steps, and the report.
import { plural } from '../../core/text/plural';
import * as vscode from 'vscode';
import { driftJson, describeFindings, type DriftJson } from '../../core/drift/report';
import type { GroupDrift } from '../../core/drift/types';
import type { UnresolvedGroup } from '../../core/drift/workspaceDrift';
import { registerAction, type ActionDeps } from '../common/action';
import type { Connections } from '../common/connection';
import { isExplorerNode } from '../explorer/commandContext';
import type { ExplorerView } from '../explorer/explorerView';
import type { DriftService } from './driftService';
import { readDriftTarget, type DriftTarget } from './driftTarget';
import { reconcile, withProgress, type ReconcileDeps } from './reconcileFlow';
import type { DriftReports } from './reports';

export interface DriftCommandDeps extends ActionDeps {
  connections: Connections;
  explorer: ExplorerView;
  service: DriftService;
  reports: DriftReports;
}

export type CompareResult = DriftJson & { notCompared: Array<{ name: string; message: string }> };

export function registerDriftCommands(deps: DriftCommandDeps): vscode.Disposable[] {
  const reconcileDeps: ReconcileDeps = {
    service: deps.service,
    connections: deps.connections,
    reports: deps.reports,
    explorer: deps.explorer,
    log: deps.log,
  };
  const target = (title: string, arg: unknown) => readDriftTarget(arg, deps.connections, title);
  const commands: ReadonlyArray<[id: string, title: string, run: (t: DriftTarget) => Promise<unknown>, busy?: string]> =
    [
      ['dbxScim.compareWithEntra', 'Compare with Entra ID', (t) => compare(t, deps), 'Comparing…'],
      ['dbxScim.reconcile', 'Reconcile', (t) => reconcile(t, reconcileDeps), 'Reconciling…'],
      ['dbxScim.addMissingMember', 'Add to This Group', (t) => reconcile(t, reconcileDeps), 'Adding…'],
      ['dbxScim.showDriftReport', 'Show Drift Report', (t) => showReport(t, deps)],
    ];
  return commands.map(([id, title, run, busyLabel]) =>
    registerAction(
      id,
      async (arg?: unknown) => {
        if (id === 'dbxScim.addMissingMember' && !(isExplorerNode(arg) && arg.kind === 'missingMember'))
          throw new Error(
            'Add to This Group works on a member Entra has and the group lacks: a row shown under the group after Compare with Entra ID.',
          );
        return run(await target(title, arg));
      },
      deps,
      { ...(busyLabel ? { busyLabel } : {}), rethrow: 'api' },
    ),
  );
}

async function showReport(target: DriftTarget, deps: DriftCommandDeps): Promise<string> {
  const groupId =
    target.group === undefined ? undefined : (await deps.service.databricksGroup(target.host, target.group)).id;
  return (await deps.reports.show(target.host, groupId)).toString();
}

async function compare(target: DriftTarget, deps: DriftCommandDeps): Promise<CompareResult> {
  const access = { interactive: target.interactive, ...(target.graphToken ? { graphToken: target.graphToken } : {}) };
  let drifts: GroupDrift[];
  let unresolved: UnresolvedGroup[];
  let groupId: string | undefined;
  if (target.group === undefined) {
    ({ drifts, unresolved } = await withProgress(
      `Comparing ${deps.connections.find(target.host)?.name || target.host} with Entra ID…`,
      (signal) => deps.service.compareWorkspace(target.host, { ...access, signal }),
    ));
  } else {
    const group = await deps.service.databricksGroup(target.host, target.group);
    groupId = group.id;
    const one = await withProgress(`Comparing "${group.displayName}" with Entra ID…`, (signal) =>
      deps.service.compareGroup(target.host, group, { ...access, signal }),
    );
    drifts = one.drift ? [one.drift] : [];
    unresolved = one.unresolved;
  }
  if (target.interactive) void summarize(target.host, groupId, drifts, unresolved, deps);
  return { ...driftJson(drifts), notCompared: unresolved.map((u) => ({ name: u.name, message: u.message })) };
}

/** One notification with what was found and the next steps; never awaited by the command. */
async function summarize(
  host: string,
  groupId: string | undefined,
  drifts: GroupDrift[],
  unresolved: UnresolvedGroup[],
  deps: DriftCommandDeps,
): Promise<void> {
  const drifted = drifts.filter((d) => d.findings.length > 0);
  if (groupId !== undefined && drifts.length === 0) {
    void vscode.window.showWarningMessage(unresolved[0]?.message ?? 'This group has no Entra group to compare with.');
    return;
  }
  if (drifted.length === 0) {
    void vscode.window.showInformationMessage(
      `No drift: ${drifts.length === 1 ? 'the group matches' : `all ${drifts.length} groups match`} Entra ID.`,
    );
    return;
  }
  const text =
    groupId !== undefined && drifted[0]
      ? `"${drifted[0].databricksGroup?.displayName}" differs from Entra ID: ${describeFindings(drifted[0].findings)}.`
      : `${drifted.length} of ${plural(drifts.length, 'group')} ${drifted.length === 1 ? 'differs' : 'differ'} from Entra ID.`;
  const actions = groupId !== undefined ? ['Show Report', 'Reconcile…'] : ['Show Report'];
  const pick = await vscode.window.showWarningMessage(text, ...actions);
  if (pick === 'Show Report') await deps.reports.show(host, groupId);
  else if (pick === 'Reconcile…')
    await vscode.commands.executeCommand('dbxScim.reconcile', { host, group: groupId, interactive: true });
}
