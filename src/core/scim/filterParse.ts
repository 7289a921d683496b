// Reads a filter back into the tree filter.ts builds, and evaluates it on listed items. Needed
// when a workspace refuses a filter attribute: the listing is then done without the filter and
// matched here. Only the grammar filter.ts renders is read (comparisons with eq/ne/co/sw, and/or,
// parentheses, quoted strings or booleans); anything else is not parsed and the server's own
// error stands.

import type { CompareOp, FilterNode, FilterValue } from './filter';

const OPS = new Set<string>(['eq', 'ne', 'co', 'sw']);
const TOKEN = /\s*(\(|\)|"(?:[^"\\]|\\.)*"|[^\s()"]+)/y;

function tokenize(text: string): string[] | undefined {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(text);
    if (!m || m[1] === undefined) return undefined;
    out.push(m[1]);
  }
  return out;
}

/** The tree of a filter rendered by filter.ts, or undefined for anything else. */
export function parseFilter(text: string): FilterNode | undefined {
  const found = tokenize(text);
  if (!found || found.length === 0) return undefined;
  const tokens: string[] = found;
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const word = (w: string): boolean => (peek() ?? '').toLowerCase() === w;

  // `or` binds looser than `and`: an expression is terms joined by `or`, a term factors joined by `and`.
  function joined(type: 'and' | 'or', operand: () => FilterNode | undefined): FilterNode | undefined {
    const operands = [operand()];
    while (word(type)) {
      i++;
      operands.push(operand());
    }
    return join(type, operands);
  }
  function expression(): FilterNode | undefined {
    return joined('or', term);
  }
  function term(): FilterNode | undefined {
    return joined('and', factor);
  }
  function factor(): FilterNode | undefined {
    if (peek() === '(') {
      i++;
      const inner = expression();
      if (peek() !== ')') return undefined;
      i++;
      return inner;
    }
    const attr = tokens[i];
    const op = tokens[i + 1]?.toLowerCase();
    const raw = tokens[i + 2];
    i += 3;
    if (attr === undefined || op === undefined || raw === undefined || !OPS.has(op)) return undefined;
    if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(attr)) return undefined;
    const value = valueOf(raw);
    return value === undefined ? undefined : { type: 'compare', attr, op: op as CompareOp, value };
  }
  const tree = expression();
  return i === tokens.length ? tree : undefined;
}

function join(type: 'and' | 'or', operands: Array<FilterNode | undefined>): FilterNode | undefined {
  const ok = operands.filter((o): o is FilterNode => o !== undefined);
  if (ok.length !== operands.length) return undefined;
  return ok.length === 1 ? ok[0] : { type, operands: ok };
}

function valueOf(raw: string): FilterValue | undefined {
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (!raw.startsWith('"')) return undefined;
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Every attribute a filter compares (top-level names, as the server checks them). */
export function filterAttributes(node: FilterNode): string[] {
  if (node.type === 'compare') return [node.attr.split('.')[0] ?? node.attr];
  return [...new Set(node.operands.flatMap(filterAttributes))];
}

/** The ids of a filter that is only `id eq …` joined by or; undefined for anything else. */
export function idsOnly(node: FilterNode): string[] | undefined {
  if (node.type === 'compare')
    return node.attr === 'id' && node.op === 'eq' && typeof node.value === 'string' ? [node.value] : undefined;
  if (node.type !== 'or') return undefined;
  const ids: string[] = [];
  for (const o of node.operands) {
    const inner = idsOnly(o);
    if (!inner) return undefined;
    ids.push(...inner);
  }
  return ids;
}

/**
 * Whether an item matches. `eq`/`ne` compare exactly (ids, external ids and names are stored as
 * given; userName is sent lower-cased already); `co`/`sw` ignore case, as a search box should.
 */
export function matches(node: FilterNode, item: object): boolean {
  if (node.type !== 'compare')
    return node.type === 'and'
      ? node.operands.every((o) => matches(o, item))
      : node.operands.some((o) => matches(o, item));
  const actual = readPath(item, node.attr);
  if (typeof node.value === 'boolean') return (node.op === 'ne') !== (actual === node.value);
  const values = (Array.isArray(actual) ? actual : [actual]).filter((v): v is string => typeof v === 'string');
  const want = node.value;
  switch (node.op) {
    case 'eq':
      return values.some((v) => v === want);
    case 'ne':
      return !values.some((v) => v === want);
    case 'co':
      return values.some((v) => v.toLowerCase().includes(want.toLowerCase()));
    case 'sw':
      return values.some((v) => v.toLowerCase().startsWith(want.toLowerCase()));
  }
}

function readPath(item: object, path: string): unknown {
  let current: unknown = item;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    const key = Object.keys(current).find((k) => k.toLowerCase() === part.toLowerCase());
    current = key === undefined ? undefined : (current as Record<string, unknown>)[key];
  }
  return current;
}
