// How requests are named in log lines and error messages. Error messages drop query values, which
// can carry anything; the log line keeps the values of the query keys that say what was searched
// for or paged (a support log must show which filter returned nothing), and the transport masks
// secret shapes in the whole line before it is written.

/** `https://host/path?key1&key2`, without credentials, query values or fragment. */
export function describeTarget(url: URL): string {
  const keys = [...new Set([...url.searchParams.keys()])];
  const query = keys.length > 0 ? `?${keys.map((k) => encodeURIComponent(k)).join('&')}` : '';
  return `${url.protocol}//${url.host}${url.pathname}${query}`;
}

/** Query keys whose values are search terms or paging, shown in the log line. Others stay hidden. */
const SHOWN_QUERY_KEYS = new Set([
  'filter',
  'attributes',
  'excludedAttributes',
  'startIndex',
  'count',
  'sortBy',
  'sortOrder',
  '$filter',
  '$search',
  '$select',
  '$top',
  '$count',
  'api-version',
]);
const MAX_SHOWN_VALUE = 200;

/** Like `describeTarget`, with the values of search and paging keys (decoded, capped). */
export function describeRequestForLog(url: URL): string {
  const parts = [...url.searchParams.entries()].map(([k, v]) => {
    const key = encodeURIComponent(k);
    if (!SHOWN_QUERY_KEYS.has(k)) return key;
    const value = v.length > MAX_SHOWN_VALUE ? `${v.slice(0, MAX_SHOWN_VALUE)}…` : v;
    return `${key}=${value.replace(/[\r\n]/g, ' ')}`;
  });
  return `${url.protocol}//${url.host}${url.pathname}${parts.length > 0 ? `?${parts.join('&')}` : ''}`;
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
