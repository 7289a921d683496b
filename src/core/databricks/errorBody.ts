// Reads the server's words out of an error body, whatever its shape. Kept apart
// from DatabricksError so the shapes can be tested and extended without touching the messages.

import { MAX_SCANNED_CHARS, capText } from '../text/cap';
import { isRecord, parseJson, readNumber, readString } from '../http/json';

export interface ParsedErrorBody {
  code: string;
  detail: string;
  scimType?: string;
}

/** Longest detail kept: an HTML page or a stack trace must not flood a notification. */
const MAX_DETAIL = 500;

const STATUS_NAMES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'RESOURCE_CONFLICT',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_ERROR',
  501: 'NOT_IMPLEMENTED',
  502: 'BAD_GATEWAY',
  503: 'TEMPORARILY_UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** The SDKs' name for a status, used when the body carries no usable code. */
export function statusName(status: number): string {
  return STATUS_NAMES[status] ?? `HTTP_${status}`;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Masks secrets in a detail; applied before it is shortened, so a cut cannot split a token. */
export type Scrubber = (text: string) => string;

function shortener(scrub: Scrubber): (text: string) => string {
  return (text) => {
    const one = scrub(text).replace(/\s+/g, ' ').trim();
    return one.length > MAX_DETAIL ? `${one.slice(0, MAX_DETAIL - 1)}…` : one;
  };
}

/** Drops tags. A scan, not /<[^>]*>/g: that pattern is quadratic on many '<' without a '>'. */
function stripTags(text: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('<', from);
    if (open < 0) return out + text.slice(from);
    const close = text.indexOf('>', open + 1);
    // No '>' after this '<' means none after any later '<' either: the rest is text.
    if (close < 0) return out + text.slice(from);
    out += text.slice(from, open);
    from = close + 1;
  }
}

function codePoint(digits: string, radix: number, original: string): string {
  const n = digits.length > 8 ? NaN : parseInt(digits, radix);
  // Out of Unicode's range (or a lone surrogate): kept as written instead of throwing a RangeError.
  return Number.isInteger(n) && n >= 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff)
    ? String.fromCodePoint(n)
    : original;
}

function decodeEntities(text: string): string {
  return stripTags(text)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (m, d: string) => codePoint(d, 10, m))
    .replace(/&#x([0-9a-f]+);/gi, (m, h: string) => codePoint(h, 16, m))
    .replace(/&amp;/g, '&');
}

/**
 * The inner text of the first `<tag …>…</tag>`, by index scans: the lazy regex for this is
 * retried at every opening tag and runs to the end each time when the closing tag is missing.
 */
function innerOf(text: string, lower: string, tag: string): string | undefined {
  let from = 0;
  for (;;) {
    const open = lower.indexOf(`<${tag}`, from);
    if (open < 0) return undefined;
    const after = lower.charAt(open + tag.length + 1);
    from = open + 1;
    if (after !== '>' && !/\s/.test(after)) continue; // <preview> is not <pre>
    const openEnd = lower.indexOf('>', open);
    if (openEnd < 0) return undefined;
    const close = lower.indexOf(`</${tag}>`, openEnd + 1);
    if (close < 0) return undefined;
    return text.slice(openEnd + 1, close);
  }
}

function fromJson(status: number, body: unknown, shorten: (text: string) => string): ParsedErrorBody | undefined {
  if (!isRecord(body)) return undefined;
  const schemas = Array.isArray(body['schemas']) ? body['schemas'] : [];
  const isScim =
    schemas.some((s) => typeof s === 'string' && s.endsWith(':Error')) || 'detail' in body || 'scimType' in body;
  if (isScim) {
    const scimStatus = readNumber(body, 'status') ?? status;
    const raw = readString(body, 'detail');
    // The SDKs show "SCIM API Internal Error" for a literal "null" detail; so do we.
    const detail = raw === undefined || raw === 'null' || raw.trim() === '' ? 'SCIM API Internal Error' : raw;
    const scimType = readString(body, 'scimType');
    const out: ParsedErrorBody = { code: `SCIM_${scimStatus}`, detail: shorten(detail) };
    if (scimType !== undefined && scimType !== '') out.scimType = scimType;
    return out;
  }
  const rawCode = body['error_code'];
  const message = readString(body, 'message');
  if (rawCode !== undefined || message !== undefined) {
    // A numeric error_code (403 "Invalid access token.") says nothing the status does not.
    const code = typeof rawCode === 'string' && rawCode !== '' && !/^\d+$/.test(rawCode) ? rawCode : statusName(status);
    return { code, detail: shorten(message ?? REASONS[status] ?? `HTTP ${status}`) };
  }
  // OAuth-style `{"error": "...", "error_description": "..."}` or Graph-style `{"error": {code, message}}`.
  const e = body['error'];
  if (typeof e === 'string') {
    return { code: e, detail: shorten(readString(body, 'error_description') ?? e) };
  }
  if (isRecord(e)) {
    return { code: readString(e, 'code') ?? statusName(status), detail: shorten(readString(e, 'message') ?? '') };
  }
  return undefined;
}

function fromHtml(status: number, text: string, shorten: (text: string) => string): ParsedErrorBody | undefined {
  if (!/<html|<!doctype|<pre|<title|<body/i.test(text)) return undefined;
  const lower = text.toLowerCase();
  const pre = innerOf(text, lower, 'pre');
  if (pre !== undefined && decodeEntities(pre).trim() !== '') {
    return { code: statusName(status), detail: shorten(decodeEntities(pre)) };
  }
  const title = innerOf(text, lower, 'title');
  if (title) {
    const t = decodeEntities(title).trim();
    // "<title>Error 403 Invalid access token.</title>" → "Invalid access token."
    const m = /^Error\s+\d{3}\s*(.*)$/i.exec(t);
    const detail = m ? (m[1] ?? '').trim() : t;
    if (detail !== '') return { code: statusName(status), detail: shorten(detail) };
  }
  return { code: statusName(status), detail: REASONS[status] ?? `HTTP ${status}` };
}

function fromPlainText(status: number, text: string, shorten: (text: string) => string): ParsedErrorBody {
  const m = /^([A-Z][A-Z0-9_]{2,}):\s*([\s\S]*)$/.exec(text.trim());
  if (m?.[1] && m[2] !== undefined && m[2].trim() !== '') return { code: m[1], detail: shorten(m[2]) };
  return { code: statusName(status), detail: shorten(text) };
}

/**
 * The code and detail of an error answer; never throws, never returns an empty detail. The body
 * is capped before anything scans it, and every detail passes `scrub` before it is shortened.
 */
export function describeBody(
  status: number,
  rawBody: string,
  headers: Record<string, string>,
  scrub: Scrubber = (t) => t,
): ParsedErrorBody {
  const shorten = shortener(scrub);
  const reason = headers['x-databricks-reason-phrase'];
  const bodyText = capText(rawBody, MAX_SCANNED_CHARS);
  if (bodyText.trim() === '') {
    return { code: statusName(status), detail: (reason && shorten(reason)) || REASONS[status] || `HTTP ${status}` };
  }
  // Parsed uncapped (JSON.parse is linear and a cut would break it); only what is read gets scanned.
  const json = parseJson(rawBody);
  if (json !== undefined) {
    const parsed = fromJson(status, json, shorten);
    if (parsed && parsed.detail !== '') return parsed;
    return { code: parsed?.code ?? statusName(status), detail: (reason && shorten(reason)) || shorten(bodyText) };
  }
  return fromHtml(status, bodyText, shorten) ?? fromPlainText(status, bodyText, shorten);
}
