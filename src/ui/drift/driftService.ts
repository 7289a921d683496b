// Runs Entra comparisons for the UI: builds a Graph client for one operation (token from the
// Microsoft sign-in, the Azure CLI credential, or a token a programmatic caller handed in), runs
// the shared orchestrator (src/core/drift/workspaceDrift.ts, the same one the CLI uses) and
// records the results in the DriftStore. Commands, the schedule and the reconcile flow all come
// through here, so a comparison is done one way only.
import * as vscode from 'vscode';
import { loadDefaultAzureCredential } from '../../core/auth/tokenSources';
import type { GroupDrift } from '../../core/drift/types';
import { GraphClient } from '../../core/graph/client';
import { GraphError } from '../../core/graph/errors';
import { createHttpClient } from '../../core/http/factory';
import { resolveGroup } from '../../core/scim/resolve';
import type { Redactor } from '../../core/http/redact';
import { driftAllGroups } from '../../core/drift/allGroupsDrift';
import {
  compareTargets,
  findDriftTargets,
  type DriftClients,
  type UnresolvedGroup,
  type WorkspaceDriftOptions,
} from '../../core/drift/workspaceDrift';
import { graphTokenProvider } from '../common/auth/graphSessions';
import { UserCancelled } from '../common/errors';
import type { SessionGetter } from '../common/auth/tokenSource';
import { readDriftSettings, readHttpSettings, type DriftSettings } from '../common/settings';
import type { Connections } from '../common/connection';
import type { DriftStore } from './driftStore';
import type { DatabricksGroupRef } from '../../core/drift/matchGroups';

export interface DriftServiceDeps {
  connections: Connections;
  store: DriftStore;
  log: vscode.LogOutputChannel;
  redactor: Redactor;
  getSession: SessionGetter;
}

export interface GraphAccess {
  /** A token for this call only (programmatic callers, tests); never stored. */
  graphToken?: string;
  /** May a Microsoft sign-in be shown? Only when a person started the action. */
  interactive: boolean;
  signal?: AbortSignal;
}

export class DriftService {
  private fallbackGraphToken: ((graphEndpoint: string) => string | undefined) | undefined;

  constructor(private readonly deps: DriftServiceDeps) {}

  /** The demo hands its Graph emulator's token over this way (and only for a loopback endpoint). */
  useFallbackGraphToken(source: (graphEndpoint: string) => string | undefined): void {
    this.fallbackGraphToken = source;
  }

  get store(): DriftStore {
    return this.deps.store;
  }

  /** The Databricks group by id (tree nodes) or displayName (typed); an Error people can read when there is none. */
  async databricksGroup(host: string, idOrName: string, signal?: AbortSignal): Promise<DatabricksGroupRef> {
    const { scim } = await this.deps.connections.get(host);
    return ref(await resolveGroup(scim, idOrName, signal ? { signal } : {}));
  }

  /**
   * Compares one Databricks group with its Entra group and records the result. A group without
   * an Entra counterpart is not drift: it is forgotten and the reason is returned.
   */
  async compareGroup(
    host: string,
    group: DatabricksGroupRef,
    access: GraphAccess,
  ): Promise<{ drift?: GroupDrift; unresolved: UnresolvedGroup[] }> {
    const { targets, drifts, unresolved } = await this.withClients(host, access, async (clients, opts) => {
      const found = await findDriftTargets(clients, [group.displayName], opts);
      const mine = found.targets.filter((t) => t.databricks?.id === group.id);
      return { targets: mine, drifts: await compareTargets(clients, mine, opts), unresolved: found.unresolved };
    });
    const drift = drifts[0];
    if (drift && targets.length > 0) this.deps.store.set(host, drift);
    else this.deps.store.delete(host, group.id);
    return drift ? { drift, unresolved } : { unresolved };
  }

  /** Compares every group of the workspace; the results replace what the store knew of it. */
  async compareWorkspace(
    host: string,
    access: GraphAccess,
  ): Promise<{ drifts: GroupDrift[]; unresolved: UnresolvedGroup[] }> {
    const result = await this.withClients(host, access, async (clients, opts) => {
      const all = await driftAllGroups(clients, opts);
      return { drifts: all.drifts, unresolved: all.unresolved };
    });
    this.deps.store.replaceHost(host, result.drifts, result.unresolved);
    return result;
  }

  settings(): DriftSettings {
    return readDriftSettings();
  }

  private async withClients<T>(
    host: string,
    access: GraphAccess,
    run: (clients: DriftClients, opts: WorkspaceDriftOptions) => Promise<T>,
  ): Promise<T> {
    const connection = await this.deps.connections.get(host);
    const workspace = connection.workspace;
    // Nobody is waiting on the schedule: it may wait out a busy workspace longer than a click.
    const scim = access.interactive ? connection.scim : connection.scim.background();
    const settings = readDriftSettings();
    const graphToken = access.graphToken ?? this.fallbackGraphToken?.(settings.graphEndpoint);
    const auth = await graphTokenProvider({
      endpoint: settings.graphEndpoint,
      ...(settings.tenantId ? { tenantId: settings.tenantId } : {}),
      ...(settings.graphClientId ? { clientId: settings.graphClientId } : {}),
      workspaceAuth: workspace.auth,
      getSession: this.deps.getSession,
      loadAzureCredential: loadDefaultAzureCredential,
      ...(graphToken ? { explicitToken: graphToken } : {}),
      interactive: access.interactive,
      onToken: (t) => this.deps.redactor.add(t),
    });
    const http = createHttpClient({
      auth,
      caller: 'vscode',
      maxConcurrency: readHttpSettings().maxConcurrency,
      deadlines: { timeoutMs: readHttpSettings().timeoutMs, deadlineMs: readHttpSettings().deadlineMs },
      redactor: this.deps.redactor,
      log: (line) => this.deps.log.info(line),
    });
    const graph = new GraphClient({ endpoint: settings.graphEndpoint, http, log: (line) => this.deps.log.info(line) });
    const opts: WorkspaceDriftOptions = {
      userKey: settings.userKey,
      transitive: settings.transitive,
      mappings: settings.groupMappings,
      ...(access.signal ? { signal: access.signal } : {}),
    };
    try {
      return await run({ scim, graph }, opts);
    } catch (err) {
      // Cancelled from the progress notification: nothing to report.
      if (access.signal?.aborted) throw new UserCancelled();
      // GraphError's message is technical; people get its userMessage (what to do next).
      if (err instanceof GraphError) throw new Error(err.userMessage);
      throw err;
    } finally {
      await http.close();
    }
  }
}

function ref(g: { id: string; displayName: string; externalId?: string }): DatabricksGroupRef {
  return { id: g.id, displayName: g.displayName, ...(g.externalId ? { externalId: g.externalId } : {}) };
}
