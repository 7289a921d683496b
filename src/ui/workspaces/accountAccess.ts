// The account behind an identity-federated workspace, for ConnectionManager.account: which account
// (the workspace's discovery document, else an id a person entered once), an AccountClient whose
// only credential is an Entra token for Azure Databricks, and the workspace's Identity v2 routes.
// The token comes from VS Code's Microsoft sign-in, a token the caller hands in for one call, or
// the demo's fallback (loopback account hosts only); it goes only to Azure Databricks, a loopback
// emulator, or an account host the user confirmed. A workspace PAT never reaches the account host:
// AccountClient takes an EntraTokenSource, which refuses PATs.
import type * as vscode from 'vscode';
import { AccountClient } from '../../core/account/client';
import { discoverAccount } from '../../core/account/discovery';
import { entraTokenFromSupplier, entraTokenSource, type EntraTokenSource } from '../../core/account/entraToken';
import { IdentityV2Client } from '../../core/account/identityV2';
import { USER_AGENTS } from '../../core/http/factory';
import type { HostLimitsRegistry } from '../../core/http/hostLimits';
import type { Redactor } from '../../core/http/redact';
import type { HttpClientOptions, HttpTransport } from '../../core/http/types';
import { classifyHost, normalizeHost } from '../../core/workspaces/host';
import { entraScopes, MICROSOFT_PROVIDER_ID, type SessionGetter } from '../common/auth/tokenSource';
import type { AccountAccess, AccountRequest } from '../common/connection';
import { readAccountHost, readHttpSettings, readTenantId } from '../common/settings';
import { AccountIds } from './accountIds';
import type { EntraHosts } from './entraHosts';

export interface AccountAccessDeps {
  /** Its globalState keeps the account ids people entered. */
  context: { globalState: vscode.Memento };
  entraHosts: EntraHosts;
  getSession: SessionGetter;
  redactor: Redactor;
  /** The workspace's own transport (discovery is sent on it without credentials; Identity v2 with them). */
  workspaceHttp: (host: string) => Promise<HttpTransport>;
  /** The shared host limits the account host's published limits are registered in. */
  limits: () => HostLimitsRegistry;
  /** One redacted line per request, like every other client's. */
  log: { info(line: string): void };
}

/** Where the account is, per workspace; the clients per way of getting a token. */
interface Located {
  accountId: string;
  workspaceId: string;
  accountHost: string;
  identityV2: IdentityV2Client;
  clients: Map<'silent' | 'interactive', AccountClient>;
}

export class AccountAccessCache {
  private readonly located = new Map<string, Promise<Located>>();
  private fallback: ((accountHost: string) => string | undefined) | undefined;

  private readonly ids: AccountIds;

  constructor(private readonly deps: AccountAccessDeps) {
    this.ids = new AccountIds(deps.context.globalState);
  }

  /** For the demo and tests: a token used when no other is given, on a loopback account host only. */
  useFallbackToken(source: (accountHost: string) => string | undefined): void {
    this.fallback = source;
  }

  async account(host: string, request: AccountRequest = {}): Promise<AccountAccess> {
    const located = await this.locate(host, request);
    await this.checkAccountHost(located.accountHost, request);
    const { accountId, workspaceId, identityV2 } = located;
    if (request.token !== undefined) {
      // The caller's token, for this call only: a client of its own, never cached.
      const token = entraTokenSource(request.token);
      this.deps.redactor.add(request.token.trim());
      return { accountId, workspaceId, identityV2, client: this.client(located, token) };
    }
    const mode = request.interactive ? 'interactive' : 'silent';
    let client = located.clients.get(mode);
    if (!client) {
      client = this.client(located, this.sessionTokens(located.accountHost, mode === 'interactive'));
      located.clients.set(mode, client);
    }
    return { accountId, workspaceId, identityV2, client };
  }

  /** Forgets what was found for `host` (its connection changed); closes its clients. */
  drop(host: string): void {
    const entry = this.located.get(host);
    this.located.delete(host);
    if (entry)
      void entry.then(
        (l) => Promise.all([...l.clients.values()].map((c) => c.close())),
        () => undefined,
      );
  }

  dropAll(): void {
    for (const host of [...this.located.keys()]) this.drop(host);
  }

  private locate(host: string, request: AccountRequest): Promise<Located> {
    let entry = this.located.get(host);
    if (!entry) {
      entry = this.find(host, request);
      this.located.set(host, entry);
      entry.catch(() => {
        if (this.located.get(host) === entry) this.located.delete(host);
      });
    }
    return entry;
  }

  private async find(host: string, request: AccountRequest): Promise<Located> {
    const http = await this.deps.workspaceHttp(host);
    const found = await discoverAccount(host, http);
    let accountId = found.available ? found.accountId : this.ids.get(host);
    if (accountId === undefined) {
      const reason = found.available ? '' : found.reason;
      if (!request.interactive) {
        throw new Error(
          `${host} does not say which Databricks account it belongs to (${reason}). Run Add Members… on one of its ` +
            'account groups from the explorer once: it asks for the account id (account console → your user menu) ' +
            'and remembers it for this workspace.',
        );
      }
      accountId = await this.ids.ask(host, reason);
    }
    return {
      accountId,
      workspaceId: (found.available ? found.workspaceId : undefined) ?? workspaceIdOfHost(host) ?? '',
      accountHost: normalizeHost(readAccountHost()),
      identityV2: new IdentityV2Client(host, http),
      clients: new Map(),
    };
  }

  /** The Entra token goes to Azure Databricks, a loopback emulator, or an account host the user said yes to. */
  private async checkAccountHost(accountHost: string, request: AccountRequest): Promise<void> {
    if (classifyHost(accountHost) === 'loopback' || this.deps.entraHosts.allows(accountHost)) return;
    if (request.interactive && (await this.deps.entraHosts.confirm(accountHost))) return;
    throw new Error(
      `Your Microsoft Entra token is not sent to ${accountHost} (the dbxScim.account.host setting): it is not an ` +
        'Azure Databricks host. Set it to https://accounts.azuredatabricks.net, or run the command from the explorer ' +
        'to confirm this host once.',
    );
  }

  private client(located: Located, token: EntraTokenSource): AccountClient {
    return new AccountClient({
      accountId: located.accountId,
      accountsHost: located.accountHost,
      token,
      hostLimits: this.deps.limits(),
      http: this.httpOptions(),
    });
  }

  /** What createHttpClient gives the workspace clients, minus the credential and the limits. */
  private httpOptions(): Omit<HttpClientOptions, 'auth' | 'hostLimits'> {
    const settings = readHttpSettings();
    const timeoutMs = settings.timeoutMs;
    return {
      userAgent: USER_AGENTS.vscode,
      maxConcurrency: settings.maxConcurrency,
      timeouts: { headersMs: timeoutMs, bodyMs: timeoutMs, deadlineMs: settings.deadlineMs },
      redactor: this.deps.redactor,
      log: (line) => this.deps.log.info(line),
    };
  }

  /** VS Code's Microsoft session for Azure Databricks, asked for per request (VS Code refreshes it). */
  private sessionTokens(accountHost: string, interactive: boolean): EntraTokenSource {
    return entraTokenFromSupplier(async () => {
      const fallback = classifyHost(accountHost) === 'loopback' ? this.fallback?.(accountHost)?.trim() : undefined;
      if (fallback) {
        this.deps.redactor.add(fallback);
        return fallback;
      }
      const scopes = entraScopes(readTenantId());
      let session = await this.deps.getSession(MICROSOFT_PROVIDER_ID, scopes, { silent: true });
      if (!session && interactive)
        session = await this.deps.getSession(MICROSOFT_PROVIDER_ID, scopes, { createIfNone: true });
      if (!session) {
        throw new Error(
          'The Databricks account API needs your Microsoft sign-in (it takes no personal access token): use ' +
            'Sign In… on the account row of the explorer, or run the command from the explorer.',
        );
      }
      this.deps.redactor.add(session.accessToken);
      return session.accessToken;
    });
  }
}

/** adb-<workspace id>.<n>.azuredatabricks.net carries the id in its name. */
function workspaceIdOfHost(host: string): string | undefined {
  return /^https:\/\/adb-([0-9]{1,20})\.[0-9]+\.azuredatabricks\.net$/i.exec(host)?.[1];
}
