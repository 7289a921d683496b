// Read access to records for tests: Map-like (get, has, size) because tests look records up by id,
// Array-like (find, filter, map, length) because they also search them. A live view, not a copy.

import type { PrincipalRecord } from './records';

/** Read access to one kind of record: Map-like (get, has, size) and Array-like (find, filter, length). */
export class PrincipalCollection<T extends PrincipalRecord> implements Iterable<T> {
  constructor(private readonly records: ReadonlyMap<string, T>) {}
  get size(): number {
    return this.records.size;
  }
  get length(): number {
    return this.records.size;
  }
  get(id: string): T | undefined {
    return this.records.get(id);
  }
  has(id: string): boolean {
    return this.records.has(id);
  }
  values(): IterableIterator<T> {
    return this.records.values();
  }
  [Symbol.iterator](): Iterator<T> {
    return this.records.values();
  }
  toArray(): T[] {
    return [...this.records.values()];
  }
  find(pred: (r: T) => boolean): T | undefined {
    for (const r of this.records.values()) if (pred(r)) return r;
    return undefined;
  }
  filter(pred: (r: T) => boolean): T[] {
    return this.toArray().filter(pred);
  }
  map<U>(fn: (r: T) => U): U[] {
    return this.toArray().map(fn);
  }
  some(pred: (r: T) => boolean): boolean {
    return this.find(pred) !== undefined;
  }
}
