// Query and argument checks shared by the ScimClient's list and get calls.

import { toFilterString } from './filter';
import { attributeList, type KindSpec } from './resources';
import type { ListPageOptions } from './types';

/** The list query for one kind: the projection, what is never listed, sorting and the filter. */
export function listQuery<T>(spec: KindSpec<T>, opts: ListPageOptions): Record<string, string | number | undefined> {
  const q: Record<string, string | number | undefined> = {};
  if (opts.filter !== undefined) q['filter'] = toFilterString(opts.filter);
  let excluded = opts.excludedAttributes ? [...opts.excludedAttributes] : [];
  if (opts.attributes === null) {
    // No projection: keep out what must never be listed (a 20k-member group would time out).
    excluded = [...excluded, ...spec.neverListed];
  } else {
    const wanted = (opts.attributes ?? spec.listAttributes).filter((a) => !spec.neverListed.includes(a));
    q['attributes'] = attributeList(wanted.length > 0 ? wanted : ['id']);
  }
  if (excluded.length > 0) q['excludedAttributes'] = attributeList(excluded);
  if (opts.sortBy !== undefined) q['sortBy'] = attributeList([opts.sortBy]);
  if (opts.sortOrder !== undefined) q['sortOrder'] = opts.sortOrder;
  return q;
}

export function positiveInt(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
  return value;
}

/** Ids are numeric strings today; encoding keeps anything else from escaping the path segment. */
export function encodeId(id: string): string {
  if (typeof id !== 'string' || id.trim() === '') throw new Error('A SCIM id must be a non-empty string');
  return encodeURIComponent(id);
}
