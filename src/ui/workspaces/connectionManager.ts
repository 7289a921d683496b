// One HttpClient + ScimClient + TokenApi per workspace, built on first use and kept until its
// settings or credential change. Every client of a host (the tree, drift, token checks and
// rotation) shares that host's limits — concurrency and GETs per minute — through one registry,
// and one record of which filters the host accepts. Tokens come from tokenSource.ts; every token value is added to the
// shared Redactor, and the transport writes one redacted line per request to the log channel.
import * as vscode from 'vscode';
import { loadDefaultAzureCredential, staticTokenProvider } from '../../core/auth/tokenSources';
import type { HttpClient } from '../../core/http/client';
import { createHttpClient } from '../../core/http/factory';
import { HostLimitsRegistry } from '../../core/http/hostLimits';
import { FilterSupport } from '../../core/scim/filterSupport';
import type { Redactor } from '../../core/http/redact';
import type { HttpTransport, TokenProvider } from '../../core/http/types';
import { ScimClient } from '../../core/scim/client';
import { TokenApi } from '../../core/tokens/api';
import { normalizeHost } from '../../core/workspaces/host';
import { probeWorkspace, type ProbeResult } from '../../core/workspaces/probe';
import { resolveTokenProvider, type SessionGetter } from '../common/auth/tokenSource';
import { onDidChangeMicrosoftSessions, vscodeSessionGetter } from '../common/auth/vscodeSessions';
import type { PatStore } from './patStore';
import { observeTransport, type ConnectionState } from './connectionState';
import type { EntraHosts } from './entraHosts';
import { AccountAccessCache } from './accountAccess';
import { lookupTokenExpiry } from './tokenExpiry';
import { affectsConnections, readHttpSettings, readTenantId, readWorkspaces } from '../common/settings';
import {
  CredentialMissingError,
  type AccountAccess,
  type AccountRequest,
  type Connections,
  type TokenExpiry,
  type WorkspaceConfig,
  type WorkspaceConnection,
} from '../common/connection';

export interface ConnectionManagerDeps {
  context: vscode.ExtensionContext;
  pats: PatStore;
  log: vscode.LogOutputChannel;
  redactor: Redactor;
  /** Hosts that are not Azure Databricks but may receive the user's Entra token. */
  entraHosts: EntraHosts;
  /** VS Code's getSession unless a test passes another. */
  getSession?: SessionGetter;
}

interface Entry {
  connection: WorkspaceConnection;
  http: HttpClient;
}

export class ConnectionManager implements Connections, vscode.Disposable {
  private readonly entries = new Map<string, Promise<Entry>>();
  private readonly expiries = new Map<string, TokenExpiry>();
  private readonly states = new Map<string, ConnectionState>();
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  private readonly expiryChanged = new vscode.EventEmitter<string>();
  private readonly stateChanged = new vscode.EventEmitter<string>();
  private readonly getSession: SessionGetter;
  private readonly subscriptions: vscode.Disposable[];
  private snapshot: WorkspaceConfig[];
  private limits: HostLimitsRegistry;
  private readonly filters = new Map<string, FilterSupport>();
  private readonly accounts: AccountAccessCache;

  constructor(private readonly deps: ConnectionManagerDeps) {
    this.getSession = deps.getSession ?? vscodeSessionGetter;
    this.snapshot = readWorkspaces();
    this.limits = this.newLimits();
    const workspaceHttp = async (host: string) => (await this.entry(host)).http;
    this.accounts = new AccountAccessCache({
      ...deps,
      getSession: this.getSession,
      workspaceHttp,
      limits: () => this.limits,
    });
    this.subscriptions = [
      this.changed,
      this.expiryChanged,
      this.stateChanged,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('dbxScim.account')) this.accounts.dropAll();
        if (affectsConnections(e)) this.settingsChanged(e);
      }),
      // Also fires for changes made in another window: that window's new token is used here too.
      deps.pats.onDidChange((host) => this.credentialChanged(host)),
      onDidChangeMicrosoftSessions(() => {
        for (const ws of this.list()) if (ws.auth === 'entra') this.credentialChanged(ws.host);
      }),
    ];
    deps.context.subscriptions.push(this);
  }

  list(): WorkspaceConfig[] {
    return readWorkspaces();
  }

  find(host: string): WorkspaceConfig | undefined {
    const key = safeNormalize(host);
    return this.list().find((w) => w.host === key);
  }

  get(host: string): Promise<WorkspaceConnection> {
    return this.entry(safeNormalize(host)).then((e) => e.connection);
  }

  account(host: string, request: AccountRequest = {}): Promise<AccountAccess> {
    return this.accounts.account(safeNormalize(host), request);
  }

  /** For the demo and tests: an account token used when none is handed in, on a loopback account host only. */
  useFallbackAccountToken(source: (accountHost: string) => string | undefined): void {
    this.accounts.useFallbackToken(source);
  }

  private entry(key: string): Promise<Entry> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = this.build(key);
      this.entries.set(key, entry);
      // A failure is not cached: the next call tries again (the user may have set a token since).
      entry.catch(() => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      });
    }
    return entry;
  }

  invalidate(host: string): void {
    const key = safeNormalize(host);
    this.drop(key);
    this.changed.fire(key);
  }

  onDidChange(listener: (host: string | undefined) => void): vscode.Disposable {
    return this.changed.event(listener);
  }

  tokenExpiry(host: string): TokenExpiry | undefined {
    return this.expiries.get(safeNormalize(host));
  }

  onDidChangeTokenExpiry(listener: (host: string) => void): vscode.Disposable {
    return this.expiryChanged.event(listener);
  }

  state(host: string): ConnectionState {
    return this.states.get(safeNormalize(host)) ?? 'unknown';
  }

  onDidChangeState(listener: (host: string) => void): vscode.Disposable {
    return this.stateChanged.event(listener);
  }

  /** A short-lived client for a token that is not stored (yet): verification and rotation. */
  transportFor(host: string, token: string): HttpClient {
    this.deps.redactor.add(token.trim());
    return this.httpClient(staticTokenProvider(safeNormalize(host), token));
  }

  /** Runs `fn` with a ScimClient and a TokenApi for `token`, then closes them. */
  async withToken<T>(host: string, token: string, fn: (scim: ScimClient, tokens: TokenApi) => Promise<T>): Promise<T> {
    const key = safeNormalize(host);
    const http = this.transportFor(key, token);
    try {
      return await fn(this.scimClient(key, http), new TokenApi({ host: key, http }));
    } finally {
      await http.close();
    }
  }

  /** Whether a Databricks workspace answers at `host`, asked without any credential. */
  async probe(host: string, signal?: AbortSignal): Promise<ProbeResult> {
    const http = this.httpClient(undefined);
    try {
      return await probeWorkspace(http, host, signal ? { signal } : {});
    } finally {
      await http.close();
    }
  }

  dispose(): void {
    for (const key of [...this.entries.keys()]) this.drop(key);
    for (const s of this.subscriptions) s.dispose();
  }

  private async build(host: string): Promise<Entry> {
    const workspace = this.find(host);
    if (!workspace) throw new Error(`No workspace ${host} is configured. Add it first.`);
    let auth: TokenProvider;
    try {
      auth = await resolveTokenProvider({
        host,
        auth: workspace.auth,
        tenantId: readTenantId(),
        getSession: this.getSession,
        readPat: (h) => this.deps.pats.get(h),
        loadAzureCredential: loadDefaultAzureCredential,
        onToken: (t) => this.deps.redactor.add(t),
        hostConfirmed: (h) => this.deps.entraHosts.allows(h),
      });
    } catch (err) {
      if (err instanceof CredentialMissingError) this.setState(host, 'credentialMissing');
      throw err;
    }
    const http = this.httpClient(auth);
    const observed = observeTransport(http, (state) => this.setState(host, state));
    const connection: WorkspaceConnection = {
      workspace,
      scim: this.scimClient(host, observed),
      tokens: new TokenApi({ host, http: observed }),
    };
    if (workspace.auth === 'pat') void this.learnExpiry(host, connection);
    return { connection, http };
  }

  private scimClient(host: string, http: HttpTransport): ScimClient {
    let filterSupport = this.filters.get(host);
    if (!filterSupport) this.filters.set(host, (filterSupport = new FilterSupport()));
    return new ScimClient({ host, http, filterSupport, limitEvents: this.limits });
  }

  /** Shared by every client built until the transport settings change. */
  private newLimits(): HostLimitsRegistry {
    const settings = readHttpSettings();
    return new HostLimitsRegistry({
      maxConcurrency: settings.maxConcurrency,
      getsPerMinute: settings.getsPerMinute,
      log: (line) => this.deps.log.info(line),
    });
  }

  /** `auth` undefined: a client that sends no credential (the probe). */
  private httpClient(auth: TokenProvider | undefined): HttpClient {
    const settings = readHttpSettings();
    return createHttpClient({
      ...(auth ? { auth } : {}),
      caller: 'vscode',
      limits: this.limits,
      maxConcurrency: settings.maxConcurrency,
      deadlines: { timeoutMs: settings.timeoutMs, deadlineMs: settings.deadlineMs },
      redactor: this.deps.redactor,
      log: (line) => this.deps.log.info(line),
    });
  }

  /** In the background, so the tree's first page is not held up by the token list. */
  private async learnExpiry(host: string, connection: WorkspaceConnection): Promise<void> {
    const stored = await this.deps.pats.get(host);
    const expiry = await lookupTokenExpiry(connection.tokens, stored?.tokenId);
    this.expiries.set(host, expiry);
    this.expiryChanged.fire(host);
  }

  private setState(host: string, state: ConnectionState): void {
    if (this.states.get(host) === state) return;
    this.states.set(host, state);
    this.stateChanged.fire(host);
  }

  private drop(host: string): void {
    const entry = this.entries.get(host);
    this.entries.delete(host);
    this.accounts.drop(host);
    this.expiries.delete(host);
    if (this.states.delete(host)) this.stateChanged.fire(host);
    // Closing lets requests in flight finish (undici's close is graceful).
    if (entry) void entry.then((e) => e.http.close()).catch(() => undefined);
  }

  private credentialChanged(host: string): void {
    const key = safeNormalize(host);
    this.drop(key);
    this.changed.fire(key);
  }

  private settingsChanged(e: vscode.ConfigurationChangeEvent): void {
    const next = readWorkspaces();
    const transportChanged = e.affectsConfiguration('dbxScim.http') || e.affectsConfiguration('dbxScim.entra.tenantId');
    // Clients built from now on get the new limits; the dropped ones finish on the old.
    if (e.affectsConfiguration('dbxScim.http')) this.limits = this.newLimits();
    for (const old of this.snapshot) {
      const now = next.find((w) => w.host === old.host);
      if (transportChanged || !now || now.auth !== old.auth || now.name !== old.name) this.drop(old.host);
    }
    this.snapshot = next;
    this.changed.fire(undefined);
  }
}

/** Hosts arrive from settings, nodes and command arguments; a malformed one simply matches nothing. */
function safeNormalize(host: string): string {
  try {
    return normalizeHost(host);
  } catch {
    return host;
  }
}
