// Compares every workspace with Entra every dbxScim.drift.scheduleMinutes minutes (0 = off, the
// default). Silent: it never opens a sign-in, and a workspace without a Graph sign-in or PAT is
// skipped with a log line, not a toast every few minutes.
import { plural } from '../../core/text/plural';
import * as vscode from 'vscode';
import type { Connections } from '../common/connection';
import type { DriftService } from './driftService';

export class DriftSchedule implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly service: DriftService,
    private readonly connections: Connections,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('dbxScim.drift.scheduleMinutes')) this.arm();
    });
    this.arm();
  }

  private arm(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const minutes = this.service.settings().scheduleMinutes;
    if (minutes > 0) this.timer = setInterval(() => void this.tick(), minutes * 60_000);
  }

  private async tick(): Promise<void> {
    if (this.running) return; // a slow comparison is not stacked on itself
    this.running = true;
    try {
      for (const ws of this.connections.list()) {
        try {
          const { drifts } = await this.service.compareWorkspace(ws.host, { interactive: false });
          this.log.info(
            `scheduled Entra comparison of ${ws.host}: ${plural(drifts.filter((d) => d.findings.length > 0).length, 'group')} with drift`,
          );
        } catch (err) {
          this.log.warn(
            `scheduled Entra comparison of ${ws.host} skipped: ${err instanceof Error ? err.message : String(err)}`,
          );
        }
      }
    } finally {
      this.running = false;
    }
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.subscription.dispose();
  }
}
