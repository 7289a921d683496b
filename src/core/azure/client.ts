// Azure Resource Manager client for finding Azure Databricks workspaces: subscriptions, then each
// subscription's Microsoft.Databricks/workspaces, paged by nextLink. It owns its transport (an
// HttpClient whose token is bound to the ARM origin), so retries on 429/503 with Retry-After,
// timeouts and redaction are the shared ones; this file adds ARM's paths, paging and errors.

import { HttpClient } from '../http/client';
import type { Redactor } from '../http/redact';
import type { HttpClientOptions } from '../http/types';
import type { JsonRecord } from '../http/json';
import { nextLinkPages } from '../http/nextLinkPages';
import { discoverWorkspaces, type DiscoverOptions } from './discover';
import { armErrors, type ArmErrorContext } from './errors';
import { parseArmList, parseSubscription, parseWorkspace } from './parse';
import { DEFAULT_ARM_ENDPOINT, SUBSCRIPTIONS_API_VERSION, WORKSPACES_API_VERSION, armOrigin } from './scope';
import type { AzureCallOptions, AzureSubscription, AzureWorkspaceResource, DiscoveryResult } from './types';

export interface AzureResourceClientOptions {
  /** An access token for `armScopeFor(endpoint)` (https://management.azure.com/.default); called per request. */
  getToken: (signal?: AbortSignal) => Promise<string>;
  /** ARM origin (default https://management.azure.com); sovereign clouds and tests override it. */
  endpoint?: string;
  /** Transport options (retry, timeouts, proxy, log, a shared redactor); the token binding is the client's. */
  http?: Omit<HttpClientOptions, 'auth'>;
  /** Most pages one listing follows (default DEFAULT_MAX_PAGES): an endless nextLink chain stops there. */
  maxPages?: number;
}

/** 100 pages is far beyond any tenant's subscriptions or one subscription's workspaces. */
export const DEFAULT_MAX_PAGES = 100;

export class AzureResourceClient {
  /** ARM origin, e.g. https://management.azure.com — the only place requests (and the token) go. */
  readonly endpoint: string;
  private readonly http: HttpClient;
  private readonly maxPages: number;

  constructor(opts: AzureResourceClientOptions) {
    this.endpoint = armOrigin(opts.endpoint ?? DEFAULT_ARM_ENDPOINT);
    this.http = new HttpClient({ ...opts.http, auth: { origin: this.endpoint, getToken: opts.getToken } });
    this.maxPages = Math.max(1, Math.floor(opts.maxPages ?? DEFAULT_MAX_PAGES));
  }

  /** Masks every token this client fetched; share it with whatever prints ARM errors. */
  get redactor(): Redactor {
    return this.http.redactor;
  }

  /** Every subscription the caller can see, all pages. */
  async listSubscriptions(opts: AzureCallOptions = {}): Promise<AzureSubscription[]> {
    const out: AzureSubscription[] = [];
    const path = '/subscriptions';
    for await (const page of this.pages(path, SUBSCRIPTIONS_API_VERSION, 'the subscriptions', opts.signal)) {
      for (const v of page) {
        const s = parseSubscription(v);
        if (s) out.push(s);
      }
    }
    return out;
  }

  /** The Azure Databricks workspaces of one subscription, all pages. Throws ArmError (403 when not allowed). */
  async listDatabricksWorkspaces(
    subscriptionId: string,
    opts: AzureCallOptions = {},
  ): Promise<AzureWorkspaceResource[]> {
    const out: AzureWorkspaceResource[] = [];
    for await (const page of this.workspacePages(subscriptionId, opts)) out.push(...page);
    return out;
  }

  /** Page by page, so a walk keeps what it read before a later page failed. */
  async *workspacePages(subscriptionId: string, opts: AzureCallOptions = {}): AsyncGenerator<AzureWorkspaceResource[]> {
    const path = `/subscriptions/${encodeURIComponent(subscriptionId)}/providers/Microsoft.Databricks/workspaces`;
    const what = `the Azure Databricks workspaces of subscription ${subscriptionId}`;
    for await (const page of this.pages(path, WORKSPACES_API_VERSION, what, opts.signal)) {
      yield page
        .map((v) => parseWorkspace(v, subscriptionId))
        .filter((w): w is AzureWorkspaceResource => w !== undefined);
    }
  }

  /** Every workspace in every readable subscription; unreadable subscriptions become problems. See discover.ts. */
  discoverWorkspaces(opts: DiscoverOptions = {}): Promise<DiscoveryResult> {
    return discoverWorkspaces(this, opts);
  }

  close(): Promise<void> {
    return this.http.close();
  }

  /** A listing page by page, by `nextLink`; see nextLinkPages.ts for the checks on each link. */
  private async *pages(
    path: string,
    apiVersion: string,
    what: string,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<JsonRecord[]> {
    const ctx = this.context(path, what);
    for await (const page of nextLinkPages({
      url: `${this.endpoint}${path}?api-version=${apiVersion}`,
      ctx,
      errors: armErrors,
      maxPages: this.maxPages,
      read: async (url) => parseArmList(await this.getJson(url, ctx, signal)),
      repeated: 'the page before it',
    })) {
      yield page.values;
    }
  }

  private context(path: string, what: string): ArmErrorContext {
    const redactor = this.http.redactor;
    return { endpoint: this.endpoint, method: 'GET', path, what, redact: (t) => redactor.redact(t) };
  }

  private getJson(url: string, ctx: ArmErrorContext, signal: AbortSignal | undefined): Promise<unknown> {
    return armErrors.requestJson(
      this.http,
      { method: 'GET', url, headers: { Accept: 'application/json' } },
      ctx,
      signal,
    );
  }
}
