// What a workspace SCIM endpoint and the account SCIM endpoint share, written once for every
// principal kind: pages, whole listings, one by id, one by its unique name, create, PATCH and
// DELETE. The kind is a value (`get('group', id)`), typed through PrincipalOf. A subclass says
// where a request goes and how a listing pages (`send`, `shapeError`, `lists`).

import type { HttpMethod, HttpResponse } from '../http/types';
import { parseJson } from '../http/json';
import { DatabricksError } from '../databricks/errors';
import type { SendOptions } from '../databricks/send';
import { eq } from './filter';
import type { Listings } from './listing';
import { encodeId } from './query';
import { type PatchOperation, patchBody } from './patch';
import { NAME_ATTRIBUTE, attributeList, specFor, type KindSpec } from './resources';
import type { ListAllOptions, ListPageOptions, PrincipalKind, PrincipalOf, ScimPage } from './types';

export interface CallOptions {
  signal?: AbortSignal;
}

export interface GetOptions extends CallOptions {
  attributes?: readonly string[];
  excludedAttributes?: readonly string[];
}

export abstract class ScimEndpoint {
  protected abstract readonly lists: Listings;

  /** One request below the SCIM base; resolves only for 2xx, everything else becomes a DatabricksError. */
  abstract send(method: HttpMethod, path: string, opts?: SendOptions): Promise<HttpResponse>;

  /** A 2xx answer that is not what the call expects: reported, never read as "nothing". */
  protected abstract shapeError(method: string, path: string, detail: string): Error;

  // ---- reads of any kind -----------------------------------------------------------------

  /** One page. Group lists never include members (see GROUPS.neverListed); `get` reads those. */
  listPage<K extends PrincipalKind>(kind: K, opts: ListPageOptions = {}): Promise<ScimPage<PrincipalOf[K]>> {
    return this.lists.page(specFor(kind), opts);
  }

  /** All pages in startIndex order, each holding only principals not yielded before. */
  listAll<K extends PrincipalKind>(kind: K, opts: ListAllOptions = {}): AsyncGenerator<ScimPage<PrincipalOf[K]>> {
    return this.lists.all(specFor(kind), opts);
  }

  /** One principal by id; a group with its members unless `attributes` leaves them out. */
  get<K extends PrincipalKind>(kind: K, id: string, opts: GetOptions = {}): Promise<PrincipalOf[K]> {
    return this.getOne(specFor(kind), id, opts);
  }

  /**
   * The one principal with this unique name (userName, a group's displayName, applicationId), or
   * undefined. A typed userName or application id is trimmed; a group's name is matched as given.
   */
  async findByName<K extends PrincipalKind>(
    kind: K,
    name: string,
    opts: CallOptions = {},
  ): Promise<PrincipalOf[K] | undefined> {
    const filter = eq(NAME_ATTRIBUTE[kind], kind === 'group' ? name : name.trim());
    const page = await this.lists.page(specFor(kind), { filter, count: 2, ...opts });
    return page.items[0];
  }

  // ---- writes of any kind ----------------------------------------------------------------

  /** A PATCH on any principal kind; the resource when the server answers with it (200), else undefined (204). */
  patchPrincipal<K extends PrincipalKind>(
    kind: K,
    id: string,
    ops: readonly PatchOperation[],
    opts: CallOptions = {},
  ): Promise<PrincipalOf[K] | undefined> {
    return this.patch(specFor(kind), id, ops, opts);
  }

  deletePrincipal(kind: PrincipalKind, id: string, opts: CallOptions = {}): Promise<void> {
    return this.remove(specFor(kind), id, opts);
  }

  // ---- one resource -----------------------------------------------------------------------

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

  protected async getJson(path: string, opts: SendOptions): Promise<unknown> {
    const res = await this.send('GET', path, opts);
    return parseJson(res.bodyText);
  }
}
