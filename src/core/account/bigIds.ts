// JSON with int64 ids. The account API writes principal and workspace ids as JSON numbers, and a
// number above 2^53 comes out of JSON.parse rounded — silently another principal. The id fields
// are turned into strings in the raw text first, so every digit is kept.

import { parseJson } from '../http/json';

const ID_FIELDS = ['principal_id', 'workspace_id', 'group_id', 'account_id'] as const;
/**
 * A key written exactly as `"name"` (an escaped quote inside a string value cannot match, so
 * text inside names is left alone) followed by an unquoted integer.
 */
const UNQUOTED_ID = new RegExp(`"(${ID_FIELDS.join('|')})"(\\s*:\\s*)(-?[0-9]+)(?=\\s*[,}\\]])`, 'g');

/** parseJson with every listed id field as a string, whatever its size. */
export function parseJsonWithIds(text: string): unknown {
  return parseJson(text.replace(UNQUOTED_ID, '"$1"$2"$3"'));
}

/** An id for a JSON body: a number where it is exact, else the decimal string proto-JSON APIs also take. */
export function idForBody(id: string): number | string {
  if (!/^[0-9]{1,20}$/.test(id)) throw new Error('A principal id must be a decimal number');
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : id;
}
