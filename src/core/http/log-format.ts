// How requests are named in log lines and error messages. Query values are dropped because they
// can carry anything (a SCIM filter with a user name, a token pasted into a URL); the keys are
// kept, since they say which kind of call it was.

/** `https://host/path?key1&key2`, without credentials, query values or fragment. */
export function describeTarget(url: URL): string {
  const keys = [...new Set([...url.searchParams.keys()])];
  const query = keys.length > 0 ? `?${keys.map((k) => encodeURIComponent(k)).join('&')}` : '';
  return `${url.protocol}//${url.host}${url.pathname}${query}`;
}

export interface RequestLogRecord {
  method: string;
  target: string;
  /** HTTP status, or a word for how it failed ("timeout", "aborted", "gave-up:429"…). */
  outcome: string;
  elapsedMs: number;
  attempts: number;
}

export function formatRequestLogLine(record: RequestLogRecord): string {
  return `${record.method} ${record.target} ${record.outcome} ${Math.round(record.elapsedMs)}ms attempts=${record.attempts}`;
}
