// The headers of one hop before the bearer token is added: ours, then the caller's, minus the
// ones the transport sets itself and minus credentials on a hop to another origin.

/** Headers the transport sets itself or that undici rejects from callers. */
const RESERVED_HEADERS = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'proxy-authorization']);
/** Caller-supplied credentials follow a redirect only within the origin they were meant for. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie']);

export function hopHeaders(args: {
  userAgent: string;
  callerHeaders: Record<string, string> | undefined;
  sameOriginAsRequested: boolean;
  hasBody: boolean;
  /** A public endpoint: no credential of any kind, the caller's included. */
  anonymous?: boolean;
}): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': args.userAgent };
  for (const [name, value] of Object.entries(args.callerHeaders ?? {})) {
    const key = name.toLowerCase();
    if (RESERVED_HEADERS.has(key)) continue;
    if (CREDENTIAL_HEADERS.has(key) && (!args.sameOriginAsRequested || args.anonymous === true)) continue;
    headers[key] = value;
  }
  if (args.hasBody) headers['content-type'] ??= 'application/json';
  else delete headers['content-type'];
  return headers;
}
