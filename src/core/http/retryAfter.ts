// Retry-After (RFC 9110 §10.2.3): either delay-seconds or an HTTP-date. Databricks sends
// integer seconds; proxies and gateways in front of it sometimes send a date.

/**
 * How long the server asked us to wait, in ms, or undefined when the header is absent or
 * unreadable (the caller then falls back to backoff). A date is measured against the response's
 * own Date header when there is one, so a skewed local clock does not distort the wait.
 */
export function parseRetryAfterMs(value: string | undefined, nowMs: number, responseDate?: string): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  // RFC says 1*DIGIT; a decimal is accepted because some gateways send one and it is unambiguous.
  if (/^\d+(?:\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Date.parse accepts bare numbers and odd shapes ("-1" is a year); an HTTP-date always carries
  // a day or month name, so require letters before trusting it.
  if (!/[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  const serverNow = responseDate === undefined ? Number.NaN : Date.parse(responseDate);
  const reference = Number.isNaN(serverNow) ? nowMs : serverNow;
  return Math.max(0, at - reference);
}

/** The same header as whole seconds (rounded up), for messages and `ApiError.retryAfterSeconds`. */
export function retryAfterSeconds(headers: Record<string, string>, nowMs = Date.now()): number | undefined {
  const ms = parseRetryAfterMs(headers['retry-after'], nowMs, headers['date']);
  return ms === undefined ? undefined : Math.ceil(ms / 1000);
}
