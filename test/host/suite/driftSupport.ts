// Set-up for the drift suite: the Databricks and the Graph emulator of the same demo org, both
// in-process; the workspace added with dbxScim.addWorkspace; the Graph endpoint pointed at the
// emulator through the setting (loopback http is allowed) while its token is handed to each
// command call (never stored in settings).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../emulator';
import { startGraphEmulator, type GraphEmulator } from '../../emulator/graph';
import { addEmulatorWorkspace, removeEmulatorWorkspace } from './actionsSupport';

export interface DriftRig {
  dbx: Emulator;
  graph: GraphEmulator;
  close(): Promise<void>;
}

const SETTINGS = ['entra.graphEndpoint', 'reconcile.allowRemovals', 'reconcile.massChangeThreshold'] as const;

export async function startDriftRig(name: string): Promise<DriftRig> {
  const dbx = await startEmulator({ dataset: 'demo' });
  const graph = await startGraphEmulator({ org: 'demo' });
  await setDriftSetting('entra.graphEndpoint', graph.url);
  await addEmulatorWorkspace(dbx, name);
  return {
    dbx,
    graph,
    async close() {
      await removeEmulatorWorkspace(dbx);
      for (const key of SETTINGS) await setDriftSetting(key, undefined);
      await Promise.all([dbx.close(), graph.close()]);
    },
  };
}

export async function setDriftSetting(key: (typeof SETTINGS)[number], value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('dbxScim').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Databricks member ids of a group in the emulator. */
export function membersOf(emu: Emulator, group: string): ReadonlySet<string> {
  const g = emu.state.findGroup(group);
  assert.ok(g, `group ${group} exists in the emulator`);
  return g.members;
}

export function userId(emu: Emulator, userName: string): string {
  const u = emu.state.findUser(userName);
  assert.ok(u, `user ${userName} exists in the emulator`);
  return u.id;
}

export function groupId(emu: Emulator, name: string): string {
  const g = emu.state.findGroup(name);
  assert.ok(g, `group ${name} exists in the emulator`);
  return g.id;
}
