// The request plumbing under GraphClient: one origin and version, error contexts, GET/POST with
// Graph's error mapping, and nextLink paging with its origin and repetition checks. GraphClient
// extends it with Graph semantics (paths, $select, the service-principal route).

import type { HttpRequest, HttpTransport } from '../http/types';
import { parseJson } from '../http/json';
import {
  foreignNextLinkError,
  invalidAnswer,
  graphErrorFromResponse,
  toGraphError,
  type GraphErrorContext,
} from './errors';
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
    extra: Pick<GraphErrorContext, 'what' | 'permission'>,
    signal?: AbortSignal,
    version = this.version,
  ): AsyncGenerator<CollectionBody> {
    return this.pages(path, '', extra, signal, undefined, version, first);
  }

  /**
   * POST a body that only reads (`$batch` of GETs, `getByIds`), so repeatable after a reset; 2xx JSON or a
   * GraphError.
   */
  async postJson(
    path: string,
    json: unknown,
    extra: Pick<GraphErrorContext, 'what' | 'permission'>,
    signal?: AbortSignal,
    version = this.version,
  ): Promise<unknown> {
    const ctx = { ...this.context(path, extra, version), method: 'POST' };
    return this.send(
      {
        method: 'POST',
        url: `${this.endpoint}/${version}${path}`,
        json,
        idempotent: true,
        headers: { Accept: 'application/json' },
      },
      ctx,
      signal,
    );
  }

  /** Error context of a call, for GraphErrors built by the batch reader as well. */
  context(
    path: string,
    extra: Pick<GraphErrorContext, 'what' | 'permission'>,
    version = this.version,
  ): GraphErrorContext {
    const ctx: GraphErrorContext = { endpoint: this.endpoint, method: 'GET', path: `/${version}${path}`, ...extra };
    const redactor = this.http.redactor;
    if (redactor) ctx.redact = (t) => redactor.redact(t);
    return ctx;
  }

  /**
   * Follows `@odata.nextLink` verbatim (never rebuilt: the skip token is opaque) until it is
   * absent. A link to any other origin is refused before it is requested, so the token cannot
   * travel there even if the transport's origin binding were misconfigured.
   */
  protected async *pages(
    path: string,
    query: string,
    extra: Pick<GraphErrorContext, 'what' | 'permission'>,
    signal: AbortSignal | undefined,
    headers?: Record<string, string>,
    version = this.version,
    first?: CollectionBody,
  ): AsyncGenerator<CollectionBody> {
    const ctx = this.context(path, extra, version);
    const visited = new Set<string>();
    let url = `${this.endpoint}/${version}${path}${query}`;
    let previousIds = '';
    for (;;) {
      if (visited.size >= MAX_PAGES) throw invalidAnswer(ctx, `the listing goes on for more than ${MAX_PAGES} pages`);
      visited.add(url);
      const body = first ?? parseCollection(await this.getJson(url, ctx, signal, headers));
      first = undefined;
      if (!body) throw invalidAnswer(ctx, 'the answer has no "value" list');
      // A fresh link to the same members again is a loop the link check alone cannot see.
      const ids = body.values.map((v) => String(v['id'])).join('\n');
      if (ids !== '' && ids === previousIds)
        throw invalidAnswer(ctx, 'a page repeats the members of the page before it');
      previousIds = ids;
      yield body;
      const next = body.nextLink;
      if (next === undefined) return;
      if (!this.isOwnUrl(next)) throw foreignNextLinkError(next, ctx);
      if (visited.has(next)) throw invalidAnswer(ctx, 'the next-page link repeats an earlier page');
      url = next;
    }
  }

  private isOwnUrl(link: string): boolean {
    try {
      return new URL(link).origin === this.endpoint;
    } catch {
      return false;
    }
  }

  protected getJson(
    url: string,
    ctx: GraphErrorContext,
    signal: AbortSignal | undefined,
    headers?: Record<string, string>,
  ): Promise<unknown> {
    return this.send({ method: 'GET', url, headers: { Accept: 'application/json', ...headers } }, ctx, signal);
  }

  private async send(req: HttpRequest, ctx: GraphErrorContext, signal: AbortSignal | undefined): Promise<unknown> {
    if (signal) req.signal = signal;
    let res;
    try {
      res = await this.http.request(req);
    } catch (e) {
      throw toGraphError(e, ctx);
    }
    if (res.status < 200 || res.status >= 300) throw graphErrorFromResponse(res, ctx);
    const body = parseJson(res.bodyText);
    if (body === undefined) throw invalidAnswer(ctx);
    return body;
  }
}
