// JSON with int64 numbers written out digit for digit. The account APIs send principal and
// workspace ids as JSON numbers, and 16-digit ids can exceed 2^53: a client that parses them with
// plain JSON.parse gets a different id back. The emulator writes them exactly as the service does,
// so that hazard is real in tests too.

import { RawBody } from '../errors';

const MARK = '\u0000int64:';

/** A placeholder that `int64Json` turns into the bare digits. */
export function int64(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new Error(`not an integer id: ${digits}`);
  return MARK + digits;
}

export function int64Json(body: unknown): RawBody {
  const text = JSON.stringify(body).replace(/"\\u0000int64:(\d+)"/g, '$1');
  return new RawBody(text, 'application/json');
}
