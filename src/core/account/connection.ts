// One authenticated line to the account API: its own HttpClient whose only credential is an Entra
// token source bound to the account host, with that host's published rate limits registered in
// the shared HostLimitsRegistry. Callers cannot hand in a transport, so no PAT-carrying client can
// ever be pointed at the account host through here.

import { HttpClient } from '../http/client';
import { HostLimitsRegistry, type HostLimitsOptions } from '../http/hostLimits';
import type { HttpClientOptions, HttpMethod, HttpResponse, RetryOptions } from '../http/types';
import { unexpectedAnswerError } from '../databricks/errors';
import { errorContext, send, type SendOptions } from '../databricks/send';
import { normalizeHost } from '../workspaces/host';
import type { EntraTokenSource } from './entraToken';

/** The account console and API host of Azure Databricks. */
export const AZURE_ACCOUNTS_HOST = 'https://accounts.azuredatabricks.net';

/**
 * The account API's published limits — GET 20/s, LIST 240/min, PATCH 2/s, POST/PUT/DELETE 5/s —
 * held at about 80 % with a burst of one. The service counts in sliding windows, and arrival times
 * jitter by milliseconds, so pacing exactly at the limit still earns the odd 429.
 */
export const ACCOUNT_HOST_LIMITS: HostLimitsOptions = {
  rates: {
    get: { perSecond: 16, burst: 1 },
    list: { perSecond: 3.6, burst: 1 },
    patch: { perSecond: 1.6, burst: 1 },
    write: { perSecond: 4, burst: 1 },
  },
};

export interface AccountConnectionOptions {
  /** The account id (a GUID), e.g. from discoverAccount. */
  accountId: string;
  /** Entra tokens for Azure Databricks; a PAT cannot be turned into one. */
  token: EntraTokenSource;
  /** The account host; default AZURE_ACCOUNTS_HOST (tests point it at the emulator). */
  accountsHost?: string;
  /** Shared per-host limits (the account host's own are registered in it); a private one when absent. */
  hostLimits?: HostLimitsRegistry;
  /** Transport settings other than the credential (timeouts, proxy, log, redactor, retry…). */
  http?: Omit<HttpClientOptions, 'auth' | 'hostLimits'>;
  /** Retry limits for every request of this connection over the transport's. */
  retry?: Partial<RetryOptions>;
}

const ACCOUNT_ID = /^[A-Za-z0-9-]{1,64}$/;

export class AccountConnection {
  readonly host: string;
  readonly accountId: string;
  readonly http: HttpClient;
  readonly hostLimits: HostLimitsRegistry;

  constructor(private readonly opts: AccountConnectionOptions) {
    const accountId = opts.accountId.trim();
    if (!ACCOUNT_ID.test(accountId)) throw new Error('The account id must be a GUID-like word');
    this.accountId = accountId;
    this.host = normalizeHost(opts.accountsHost ?? AZURE_ACCOUNTS_HOST);
    // Without a shared registry the limits still hold for this connection's own requests.
    this.hostLimits = opts.hostLimits ?? new HostLimitsRegistry();
    this.hostLimits.configure(this.host, ACCOUNT_HOST_LIMITS);
    const token = opts.token;
    this.http = new HttpClient({
      ...opts.http,
      hostLimits: this.hostLimits,
      auth: { origin: this.host, getToken: (signal) => token.getToken(signal) },
    });
  }

  /** `/api/2.0/accounts/{id}` on the account host. */
  get accountBase(): string {
    return `${this.host}/api/2.0/accounts/${encodeURIComponent(this.accountId)}`;
  }

  /**
   * One request below `base`; resolves only for 2xx, everything else is a DatabricksError. The token is
   * checked first, so a refused credential surfaces as NotAnEntraTokenError, not as a failed request.
   */
  async send(base: string, method: HttpMethod, path: string, opts: SendOptions = {}): Promise<HttpResponse> {
    await this.opts.token.getToken(opts.signal);
    return send(this.http, this.host, base, method, path, this.opts.retry ? { retry: this.opts.retry, ...opts } : opts);
  }

  shapeError(method: string, path: string, detail: string): Error {
    return unexpectedAnswerError(detail, errorContext(this.http, this.host, method, path));
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
