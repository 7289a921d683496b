// The request side of ScimClient: one request below the SCIM base with the client's retry
// limits, and the get / create / patch / delete every principal kind shares. ScimClient extends
// it with the per-kind methods, listings and member writes.

import type { HttpMethod, HttpResponse, HttpTransport, RetryOptions } from '../http/types';
import { parseJson } from '../http/json';
import { DatabricksError, unexpectedAnswerError } from '../databricks/errors';
import { errorContext, send, type LimitEvents, type SendOptions } from '../databricks/send';
import { normalizeHost } from '../workspaces/host';
import type { FilterSupport } from './filterSupport';
import { encodeId } from './query';
import { type PatchOperation, patchBody } from './patch';
import { attributeList, type KindSpec } from './resources';

export interface ScimClientOptions {
  /** Workspace URL, e.g. https://adb-123.4.azuredatabricks.net (a trailing slash or path is ignored). */
  host: string;
  http: HttpTransport;
  /** `count` asked per page, for one page and for whole listings. Default 500 and 10,000. */
  pageSize?: number;
  /** Pages fetched in parallel by one listing after the first page. Default 4. */
  concurrency?: number;
  /** Members per PATCH request in addMembers. Default 1000. */
  maxMembersPerPatch?: number;
  /** What this host's filters accept; share it between clients of one host so it is probed once. */
  filterSupport?: FilterSupport;
  /** Retry limits for every request of this client over the transport's (see background()). */
  retry?: Partial<RetryOptions>;
  /** Where the transport reports slow-downs (its HostLimitsRegistry); onLimitChange listens to it. */
  limitEvents?: LimitEvents;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface GetOptions extends CallOptions {
  attributes?: readonly string[];
  excludedAttributes?: readonly string[];
}

export class ScimRequests {
  /** Origin used in messages and URLs, e.g. https://adb-1.2.azuredatabricks.net */
  readonly host: string;
  readonly baseUrl: string;
  private readonly http: HttpTransport;

  constructor(protected readonly opts: ScimClientOptions) {
    this.host = normalizeHost(opts.host);
    this.baseUrl = `${this.host}/api/2.0/preview/scim/v2`;
    this.http = opts.http;
  }

  protected async getOne<T>(spec: KindSpec<T>, id: string, opts: GetOptions): Promise<T> {
    const path = `/${spec.path}/${encodeId(id)}`;
    const query: Record<string, string> = {};
    if (opts.attributes) query['attributes'] = attributeList(opts.attributes);
    if (opts.excludedAttributes) query['excludedAttributes'] = attributeList(opts.excludedAttributes);
    const body = await this.getJson(path, { query, signal: opts.signal, what: `${spec.noun} ${id}` });
    const item = spec.parse(body);
    if (item === undefined) throw this.shapeError('GET', path, `the ${spec.noun} came back without an id`);
    return item;
  }

  protected async create<T>(spec: KindSpec<T>, json: Record<string, unknown>, opts: CallOptions): Promise<T> {
    const path = `/${spec.path}`;
    const res = await this.send('POST', path, { json, signal: opts.signal, what: `the new ${spec.noun}` });
    const item = spec.parse(parseJson(res.bodyText));
    if (item === undefined) throw this.shapeError('POST', path, `the created ${spec.noun} came back without an id`);
    return item;
  }

  protected async patch<T>(
    spec: KindSpec<T>,
    id: string,
    ops: readonly PatchOperation[],
    opts: CallOptions,
  ): Promise<T | undefined> {
    // Every PATCH form built here is idempotent by value (add to a set, remove by value,
    // replace), so repeating it after a lost answer (502/504/reset) cannot do harm.
    const res = await this.send('PATCH', `/${spec.path}/${encodeId(id)}`, {
      json: patchBody(ops),
      idempotent: true,
      signal: opts.signal,
      what: `${spec.noun} ${id}`,
    });
    return spec.parse(parseJson(res.bodyText));
  }

  protected async remove<T>(spec: KindSpec<T>, id: string, opts: CallOptions): Promise<void> {
    try {
      await this.send('DELETE', `/${spec.path}/${encodeId(id)}`, { signal: opts.signal, what: `${spec.noun} ${id}` });
    } catch (err) {
      // A DELETE retried after a lost answer finds the resource gone: that is the goal reached.
      if (err instanceof DatabricksError && err.status === 404 && (err.attempts ?? 1) > 1) return;
      throw err;
    }
  }

  // ---- transport --------------------------------------------------------------------------

  protected async getJson(path: string, opts: SendOptions): Promise<unknown> {
    const res = await this.send('GET', path, opts);
    return parseJson(res.bodyText);
  }

  /** One request below the SCIM base; resolves only for 2xx, everything else becomes a DatabricksError. */
  send(method: HttpMethod, path: string, opts: SendOptions = {}): Promise<HttpResponse> {
    return send(
      this.http,
      this.host,
      this.baseUrl,
      method,
      path,
      this.opts.retry ? { retry: this.opts.retry, ...opts } : opts,
    );
  }

  protected shapeError(method: string, path: string, detail: string): Error {
    return unexpectedAnswerError(detail, errorContext(this.http, this.host, method, path));
  }
}
