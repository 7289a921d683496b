// Copying optional fields from one object to another without creating keys that hold `undefined`:
// a key that is present but undefined is not the same as an absent one to a spread over defaults,
// to `in`, or to a strict deep-equal in a test.

/** The named fields of `source` that hold a value; a field that is undefined is left out, not copied. */
export function definedFields<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) {
    if (source[key] !== undefined) out[key] = source[key];
  }
  return out;
}
