// Narrowing helpers for JSON read off the wire, by the Databricks and the Graph clients alike.
// Answers are not trusted to match the documented shapes (ids have been numbers, `status` a
// string, `Resources` missing), so every field is read through one of these instead of being cast.

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field; numbers are accepted too because int64 ids sometimes arrive unquoted. */
export function readString(obj: JsonRecord, key: string): string | undefined {
  const v = obj[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** A boolean field; "true"/"false" strings are accepted because PATCH forms have stored them so. */
export function readBoolean(obj: JsonRecord, key: string): boolean | undefined {
  const v = obj[key];
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'True') return true;
  if (v === 'false' || v === 'False') return false;
  return undefined;
}

/** A numeric field; numeric strings are accepted (SCIM error `status` is a string). */
export function readNumber(obj: JsonRecord, key: string): number | undefined {
  const v = obj[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** The records of an array field; non-record entries are dropped, a missing field gives undefined. */
export function readRecords(obj: JsonRecord, key: string): JsonRecord[] | undefined {
  const v = obj[key];
  if (!Array.isArray(v)) return undefined;
  return v.filter(isRecord);
}

/** JSON.parse that never throws: undefined for empty or malformed text. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
