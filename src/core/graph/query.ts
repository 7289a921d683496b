// Building Graph query strings. Values are escaped for OData first and URL-encoded second, never
// concatenated raw: a group called `x' or startswith(displayName,'` must stay a literal.

/** An OData string literal: single quotes, with `'` doubled (OData ABNF, `SQUOTE-in-string`). */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `displayName eq '…'`. */
export function displayNameEquals(name: string): string {
  return `displayName eq ${odataString(name)}`;
}

/** The `$search` value `"displayName:…"`; `\` and `"` inside are backslash-escaped. */
export function displayNameSearch(text: string): string {
  return `"displayName:${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * `?$select=…&$top=…`: keys are kept as written (`$` stays readable in logs), values are
 * percent-encoded (spaces as %20, quotes and `&` encoded).
 */
export function graphQuery(params: Record<string, string | number | boolean | undefined>): string {
  const parts = Object.entries(params)
    .filter((e): e is [string, string | number | boolean] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}
