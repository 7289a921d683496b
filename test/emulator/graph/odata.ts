// The OData query options the emulator understands, parsed the strict way Graph parses them:
// string literals in single quotes with `''` for a quote, so a client that forgets to escape a
// name gets a 400 (or the wrong group), exactly as it would against the real service.

import { HttpError } from '../errors';
import type { EntraGroup, EntraKind, EntraObject } from './directory';

export function graphError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): HttpError {
  const innerError = {
    date: new Date().toISOString().replace(/\.\d+Z$/, ''),
    'request-id': requestId(),
    'client-request-id': requestId(),
  };
  return new HttpError(status, { error: { code, message, innerError } }, headers);
}

let requestCounter = 0;
function requestId(): string {
  requestCounter++;
  return `00000000-0000-4000-8000-${String(requestCounter).padStart(12, '0')}`;
}

export function unsupportedQuery(message: string): HttpError {
  return graphError(400, 'Request_UnsupportedQuery', message);
}

// ---- $filter ----------------------------------------------------------------------------------

type Token = { kind: 'ident' | 'string' | 'punct'; text: string };

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const ch = filter[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      let text = '';
      i++;
      for (;;) {
        if (i >= filter.length) throw unsupportedQuery('Invalid filter clause: unterminated string literal.');
        const c = filter[i] as string;
        if (c === "'" && filter[i + 1] === "'") {
          text += "'";
          i += 2;
        } else if (c === "'") {
          i++;
          break;
        } else {
          text += c;
          i++;
        }
      }
      tokens.push({ kind: 'string', text });
    } else if ('(),'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch });
      i++;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_./]*/.exec(filter.slice(i));
      if (!m) throw unsupportedQuery(`Invalid filter clause: syntax error at position ${i} in '${filter}'.`);
      tokens.push({ kind: 'ident', text: m[0] });
      i += m[0].length;
    }
  }
  return tokens;
}

const FILTERABLE = new Set(['displayName', 'id', 'mail']);
type Predicate = (g: EntraGroup) => boolean;

/**
 * `displayName eq '…'`, `startswith(displayName,'…')`, `id eq '…'`, joined by `or`. Graph compares
 * case-insensitively.
 */
export function parseGroupFilter(filter: string): Predicate {
  const tokens = tokenize(filter);
  let pos = 0;
  const next = (): Token => {
    const t = tokens[pos++];
    if (!t) throw unsupportedQuery(`Invalid filter clause: unexpected end of '${filter}'.`);
    return t;
  };
  const expect = (kind: Token['kind'], text?: string): Token => {
    const t = next();
    if (t.kind !== kind || (text !== undefined && t.text.toLowerCase() !== text.toLowerCase())) {
      throw unsupportedQuery(`Invalid filter clause: unexpected '${t.text}' in '${filter}'.`);
    }
    return t;
  };
  const property = (name: string): keyof EntraGroup => {
    if (!FILTERABLE.has(name))
      throw unsupportedQuery(
        `Unsupported or invalid query filter clause specified for property '${name}' of resource 'Group'.`,
      );
    return name as keyof EntraGroup;
  };
  const value = (g: EntraGroup, p: keyof EntraGroup): string => String(g[p] ?? '').toLowerCase();
  const term = (): Predicate => {
    const head = expect('ident');
    if (head.text.toLowerCase() === 'startswith') {
      expect('punct', '(');
      const p = property(expect('ident').text);
      expect('punct', ',');
      const lit = expect('string').text.toLowerCase();
      expect('punct', ')');
      return (g) => value(g, p).startsWith(lit);
    }
    const p = property(head.text);
    expect('ident', 'eq');
    const lit = expect('string').text.toLowerCase();
    return (g) => value(g, p) === lit;
  };
  const terms: Predicate[] = [term()];
  while (pos < tokens.length) {
    expect('ident', 'or');
    terms.push(term());
  }
  return (g) => terms.some((t) => t(g));
}

// ---- $search ----------------------------------------------------------------------------------

/** `"displayName:data eng"`: every word must start a word of the displayName (Graph tokenises on case and symbols). */
export function parseGroupSearch(search: string): Predicate {
  const m = /^"((?:[^"\\]|\\.)*)"$/.exec(search.trim());
  if (!m)
    throw graphError(
      400,
      'Request_BadRequest',
      `Syntax error: the $search value must be a quoted "property:text" clause.`,
    );
  const clause = (m[1] as string).replace(/\\(.)/g, '$1');
  const colon = clause.indexOf(':');
  const prop = colon < 0 ? '' : clause.slice(0, colon);
  if (prop !== 'displayName' && prop !== 'description') {
    throw unsupportedQuery(`$search is supported on displayName and description only, not '${prop}'.`);
  }
  const words = wordsOf(clause.slice(colon + 1));
  return (g) => {
    const have = wordsOf(String(g[prop] ?? ''));
    return words.every((w) => have.some((h) => h.startsWith(w)));
  };
}

function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

// ---- $select and rendering --------------------------------------------------------------------

const PROPERTIES: Readonly<Record<EntraKind, readonly string[]>> = {
  user: ['id', 'displayName', 'userPrincipalName', 'mail', 'givenName', 'surname', 'accountEnabled'],
  group: [
    'id',
    'displayName',
    'description',
    'mail',
    'mailEnabled',
    'securityEnabled',
    'onPremisesSyncEnabled',
    'groupTypes',
  ],
  servicePrincipal: ['id', 'displayName', 'appId', 'servicePrincipalType', 'accountEnabled'],
};

/**
 * The properties asked for, or undefined for "all". `strictKind` is the collection's type (a cast
 * or /groups): properties of other types are an error there, as on Graph; a plain directoryObject
 * collection accepts any property of any member type.
 */
export function parseSelect(select: string | undefined, strictKind: EntraKind | undefined): string[] | undefined {
  if (select === undefined || select.trim() === '') return undefined;
  const props = select
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  for (const p of props) {
    const known = strictKind
      ? PROPERTIES[strictKind].includes(p)
      : Object.values(PROPERTIES).some((list) => list.includes(p));
    if (!known) {
      throw graphError(
        400,
        'Request_BadRequest',
        `Could not find a property named '${p}' on type 'microsoft.graph.${strictKind ?? 'directoryObject'}'.`,
      );
    }
  }
  return props;
}

/**
 * One directoryObject as Graph sends it. `limited`: the caller may not read it — 'idOnly' sends
 * `@odata.type` and `id` alone (users without User.ReadBasic.All), 'nulls' every selected
 * property as null (service principals without Application.Read.All).
 */
export function renderObject(
  o: EntraObject,
  select: string[] | undefined,
  limited?: 'idOnly' | 'nulls',
): Record<string, unknown> {
  const out: Record<string, unknown> = { '@odata.type': `#microsoft.graph.${o.kind}`, id: o.id };
  if (limited === 'idOnly') return out;
  const all: Record<string, unknown> =
    o.kind === 'user'
      ? {
          displayName: o.displayName,
          userPrincipalName: o.userPrincipalName,
          mail: o.mail ?? null,
          givenName: o.givenName ?? null,
          surname: o.surname ?? null,
          accountEnabled: o.accountEnabled,
        }
      : o.kind === 'group'
        ? {
            displayName: o.displayName,
            description: o.description ?? null,
            mail: null,
            mailEnabled: o.mailEnabled,
            securityEnabled: o.securityEnabled,
            onPremisesSyncEnabled: o.onPremisesSyncEnabled ?? null,
            groupTypes: [],
          }
        : {
            displayName: o.displayName,
            appId: o.appId,
            servicePrincipalType: 'Application',
            accountEnabled: o.accountEnabled,
          };
  for (const [k, v] of Object.entries(all)) {
    if (select && !select.includes(k)) continue;
    out[k] = limited === 'nulls' ? null : v;
  }
  return out;
}

// ---- paging -----------------------------------------------------------------------------------

/** Opaque to clients; here just the offset, wrapped so nobody is tempted to build one. */
export function encodeSkipToken(offset: number): string {
  return `RFNwdAIAAQ${Buffer.from(`offset:${offset}`, 'utf8').toString('base64url')}`;
}

export function decodeSkipToken(token: string | undefined): number {
  if (token === undefined) return 0;
  const m = /^RFNwdAIAAQ(.+)$/.exec(token);
  const text = m ? Buffer.from(m[1] as string, 'base64url').toString('utf8') : '';
  const offset = /^offset:(\d+)$/.exec(text);
  if (!offset)
    throw graphError(
      400,
      'Directory_ExpiredPageToken',
      'The specified page token value has expired and can no longer be included in your request.',
    );
  return Number(offset[1]);
}
