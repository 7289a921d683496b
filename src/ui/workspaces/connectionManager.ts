// STUB — replaced by the workspaces work.
import type * as vscode from 'vscode';
import type { Redactor } from '../../core/http/redact';
import type { PatStore } from '../secrets/patStore';
import { CredentialMissingError, type Connections, type Disposable, type WorkspaceConfig, type WorkspaceConnection } from './types';

export interface ConnectionManagerDeps {
  context: vscode.ExtensionContext;
  pats: PatStore;
  log: vscode.LogOutputChannel;
  redactor: Redactor;
}

export class ConnectionManager implements Connections {
  constructor(private readonly deps: ConnectionManagerDeps) {}
  list(): WorkspaceConfig[] {
    return [];
  }
  find(_host: string): WorkspaceConfig | undefined {
    return undefined;
  }
  async get(host: string): Promise<WorkspaceConnection> {
    void this.deps;
    throw new CredentialMissingError(host, 'pat', 'No workspace.');
  }
  invalidate(_host: string): void {}
  onDidChange(_listener: (host: string | undefined) => void): Disposable {
    return { dispose: () => undefined };
  }
}
