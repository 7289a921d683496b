// Reads the server's words out of an error body, whatever its shape (reference §1.3). Kept apart
// from ScimError so the shapes can be tested and extended without touching the messages.

import { isRecord, parseJson, readNumber, readString } from './json';

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

function shorten(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > MAX_DETAIL ? `${one.slice(0, MAX_DETAIL - 1)}…` : one;
}

function decodeEntities(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

function fromJson(status: number, body: unknown): ParsedErrorBody | undefined {
  if (!isRecord(body)) return undefined;
  const schemas = Array.isArray(body['schemas']) ? body['schemas'] : [];
  const isScim = schemas.some((s) => typeof s === 'string' && s.endsWith(':Error')) || 'detail' in body || 'scimType' in body;
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

function fromHtml(status: number, text: string): ParsedErrorBody | undefined {
  if (!/<html|<!doctype|<pre|<title|<body/i.test(text)) return undefined;
  const pre = /<pre[^>]*>([\s\S]*?)<\/pre>/i.exec(text);
  if (pre?.[1] && decodeEntities(pre[1]).trim() !== '') {
    return { code: statusName(status), detail: shorten(decodeEntities(pre[1])) };
  }
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text);
  if (title?.[1]) {
    const t = decodeEntities(title[1]).trim();
    // "<title>Error 403 Invalid access token.</title>" → "Invalid access token."
    const m = /^Error\s+\d{3}\s*(.*)$/i.exec(t);
    const detail = m ? (m[1] ?? '').trim() : t;
    if (detail !== '') return { code: statusName(status), detail: shorten(detail) };
  }
  return { code: statusName(status), detail: REASONS[status] ?? `HTTP ${status}` };
}

function fromPlainText(status: number, text: string): ParsedErrorBody {
  const m = /^([A-Z][A-Z0-9_]{2,}):\s*([\s\S]*)$/.exec(text.trim());
  if (m?.[1] && m[2] !== undefined && m[2].trim() !== '') return { code: m[1], detail: shorten(m[2]) };
  return { code: statusName(status), detail: shorten(text) };
}

/** The code and detail of an error answer; never throws, never returns an empty detail. */
export function describeBody(status: number, bodyText: string, headers: Record<string, string>): ParsedErrorBody {
  const reason = headers['x-databricks-reason-phrase'];
  if (bodyText.trim() === '') {
    return { code: statusName(status), detail: reason?.trim() || REASONS[status] || `HTTP ${status}` };
  }
  const json = parseJson(bodyText);
  if (json !== undefined) {
    const parsed = fromJson(status, json);
    if (parsed && parsed.detail !== '') return parsed;
    return { code: parsed?.code ?? statusName(status), detail: reason?.trim() || shorten(bodyText) };
  }
  return fromHtml(status, bodyText) ?? fromPlainText(status, bodyText);
}
