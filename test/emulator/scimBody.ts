// Reading SCIM request bodies the way Databricks does: strict where the real service is strict
// (multi-valued attributes must be arrays of {"value": …} objects — a bare id string is the
// "unparsable" 400 seen in databricks-sdk-java #279), lenient where clients differ (Entra's
// `"$ref": null`, extra `display`/`type` keys, `value` sent as a number).

import { scimError, UNPARSABLE } from './errors';
import type { ApiRequest } from './context';

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function unparsable(why?: string): never {
  throw scimError(400, why ? `${UNPARSABLE} ${why}` : UNPARSABLE, 'invalidSyntax');
}

/** The body as an object with the expected schema URN in `schemas`, or the 400 for it. */
export function scimBody(req: ApiRequest, schema: string): JsonObject {
  if (req.bodyError !== undefined) unparsable();
  const body = req.body;
  if (!isObject(body)) unparsable();
  const schemas = body.schemas;
  if (
    !Array.isArray(schemas) ||
    !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === schema.toLowerCase())
  ) {
    throw scimError(400, `Missing or invalid schemas: expected ${schema}.`, 'invalidValue');
  }
  return body;
}

/** Case-insensitive attribute lookup: SCIM attribute names are not case-sensitive (RFC 7643 §2.1). */
export function attr(body: JsonObject, name: string): unknown {
  if (name in body) return body[name];
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(body)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

export function hasAttr(body: JsonObject, name: string): boolean {
  const lower = name.toLowerCase();
  return Object.keys(body).some((k) => k.toLowerCase() === lower);
}

export function optionalString(body: JsonObject, name: string): string | undefined {
  const v = attr(body, name);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') unparsable(`Attribute ${name} must be a string.`);
  return v;
}

/** `[{"value": "a"}, {"value": "b"}]` → ["a", "b"]; anything else is unparsable. */
export function valueList(v: unknown, name: string): string[] {
  if (!Array.isArray(v)) unparsable(`Attribute ${name} must be an array of objects.`);
  return v.map((item) => {
    if (!isObject(item)) unparsable(`Attribute ${name} must be an array of objects.`);
    const value = item.value;
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    unparsable(`Each ${name} entry needs a "value".`);
  });
}

/** A multi-valued attribute that may be omitted (→ empty, as PUT clears what it omits). */
export function optionalValueList(body: JsonObject, name: string): string[] {
  const v = attr(body, name);
  return v === undefined || v === null ? [] : valueList(v, name);
}

/**
 * `active` arrives as true, "false", or Terraform's [{"value": "false"}].
 * Returns undefined for anything else so callers can say it is unparsable.
 */
export function parseActive(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  if (Array.isArray(v) && v.length === 1 && isObject(v[0])) return parseActive(v[0].value);
  return undefined;
}

export function requireActive(v: unknown): boolean {
  const b = parseActive(v);
  if (b === undefined) unparsable('Attribute active must be a boolean.');
  return b;
}
