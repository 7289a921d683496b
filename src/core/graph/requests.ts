// The request plumbing under GraphClient: one origin and version, error contexts, GET/POST with
// Graph's error mapping, and nextLink paging (its origin and repetition checks are the shared ones
// of src/core/http/nextLinkPages.ts). GraphClient extends it with Graph semantics (paths, $select,
// the service-principal route).

import { nextLinkPages } from '../http/nextLinkPages';
import type { HttpRequest, HttpTransport } from '../http/types';
import { graphErrors, type GraphErrorContext } from './errors';
import { parseCollection, type CollectionBody } from './parse';
import { DEFAULT_GRAPH_ENDPOINT, graphOrigin } from './scope';

export interface GraphClientOptions {
  /** Graph origin; sovereign clouds and local tests override it. A path, if any, is ignored. */
  endpoint?: string;
  http: HttpTransport;
  /** 'v1.0' (default) or 'beta'. */
  version?: string;
  /** Where the client says why it changed route (the transport logs each request itself). */
  log?: (line: string) => void;
}

/** What a call is about, named in its errors: e.g. "Entra group 1234…" and the permission it needs. */
type CallAbout = Pick<GraphErrorContext, 'what' | 'permission'>;

/** A call made for another reader (batch, drift): what it is about, its cancel signal, its version. */
export interface GraphCall extends CallAbout {
  signal?: AbortSignal | undefined;
  /** Default: the client's version. */
  version?: string;
}

/** Most pages one listing follows: 10,000 × 999 members is beyond any group; an endless nextLink stops. */
export const MAX_PAGES = 10_000;

export class GraphRequests {
  /** Graph origin, e.g. https://graph.microsoft.com — the only place the client sends requests. */
  readonly endpoint: string;
  readonly version: string;
  /** `${endpoint}/${version}` */
  readonly baseUrl: string;
  private readonly http: HttpTransport;
  private readonly logLine: ((line: string) => void) | undefined;

  constructor(opts: GraphClientOptions) {
    this.endpoint = graphOrigin(opts.endpoint ?? DEFAULT_GRAPH_ENDPOINT);
    this.version = (opts.version ?? 'v1.0').replace(/^\/+|\/+$/g, '');
    this.baseUrl = `${this.endpoint}/${this.version}`;
    this.http = opts.http;
    this.logLine = opts.log;
  }

  /** One line to the log hook, redacted like every transport line; a failing logger is ignored. */
  note(line: string): void {
    if (!this.logLine) return;
    try {
      this.logLine(this.http.redactor ? this.http.redactor.redact(line) : line);
    } catch {
      // Logging must never fail a read.
    }
  }

  /**
   * The rest of a listing whose first page came from elsewhere (a `$batch` answer): its nextLinks
   * are followed with the same origin and repetition checks as any listing.
   */
  restOfListing(
    path: string,
    first: CollectionBody,
    { signal, version = this.version, ...extra }: GraphCall = {},
  ): AsyncGenerator<CollectionBody> {
    return this.pages(path, '', extra, signal, undefined, version, first);
  }

  /**
   * POST a body that only reads (`$batch` of GETs, `getByIds`), so repeatable after a reset; 2xx JSON or a
   * GraphError.
   */
  postJson(
    path: string,
    json: unknown,
    { signal, version = this.version, ...extra }: GraphCall = {},
  ): Promise<unknown> {
    const ctx = { ...this.context(path, extra, version), method: 'POST' };
    const req: HttpRequest = {
      method: 'POST',
      url: `${this.endpoint}/${version}${path}`,
      json,
      idempotent: true,
      headers: { Accept: 'application/json' },
    };
    return graphErrors.requestJson(this.http, req, ctx, signal);
  }

  /** Error context of a call, for GraphErrors built by the batch reader as well. */
  context(path: string, extra: CallAbout, version = this.version): GraphErrorContext {
    const ctx: GraphErrorContext = { endpoint: this.endpoint, method: 'GET', path: `/${version}${path}`, ...extra };
    const redactor = this.http.redactor;
    if (redactor) ctx.redact = (t) => redactor.redact(t);
    return ctx;
  }

  /** A listing page by page, by `@odata.nextLink`; see nextLinkPages.ts for the checks on each link. */
  protected pages(
    path: string,
    query: string,
    extra: CallAbout,
    signal: AbortSignal | undefined,
    headers?: Record<string, string>,
    version = this.version,
    first?: CollectionBody,
  ): AsyncGenerator<CollectionBody> {
    const ctx = this.context(path, extra, version);
    return nextLinkPages({
      url: `${this.endpoint}/${version}${path}${query}`,
      ctx,
      errors: graphErrors,
      maxPages: MAX_PAGES,
      read: async (url) => parseCollection(await this.getJson(url, ctx, signal, headers)),
      repeated: 'the members of the page before it',
      ...(first ? { first } : {}),
    });
  }

  protected getJson(
    url: string,
    ctx: GraphErrorContext,
    signal: AbortSignal | undefined,
    headers?: Record<string, string>,
  ): Promise<unknown> {
    const req: HttpRequest = { method: 'GET', url, headers: { Accept: 'application/json', ...headers } };
    return graphErrors.requestJson(this.http, req, ctx, signal);
  }
}
