// SCIM filter builder. Filters are built as a small tree and rendered once, so that
//  - every value is a quoted, escaped JSON-style string (a value can never close its quotes and
//    inject `or "1" eq "1"`),
//  - attribute names are checked against a whitelist pattern instead of being concatenated raw,
//  - the node count the server limits (200 on Databricks; each comparison and each and/or counts)
//    is known before the request is sent.

export type CompareOp = 'eq' | 'ne' | 'co' | 'sw';
export type FilterValue = string | boolean;

export interface Comparison {
  type: 'compare';
  attr: string;
  op: CompareOp;
  value: FilterValue;
}

export interface Logical {
  type: 'and' | 'or';
  operands: FilterNode[];
}

export type FilterNode = Comparison | Logical;

/** The node limit Databricks documents for SCIM filters (more → 400 INVALID_FILTER). */
export const MAX_FILTER_NODES = 200;

// A plain attribute or sub-attribute path: `userName`, `emails.value`, `name.givenName`.
// URN-qualified names and value paths (`emails[type eq "work"]`) are deliberately not accepted.
const ATTR = /^[A-Za-z][A-Za-z0-9_-]{0,63}(\.[A-Za-z][A-Za-z0-9_-]{0,63})?$/;

export function assertAttributeName(attr: string): string {
  if (!ATTR.test(attr)) throw new Error(`Not a valid SCIM attribute name: ${JSON.stringify(attr)}`);
  return attr;
}

/** `userName` is stored lower-cased and matched case-sensitively, so lower-case what we send. */
function normalizeValue(attr: string, value: FilterValue): FilterValue {
  return typeof value === 'string' && attr.toLowerCase() === 'username' ? value.toLowerCase() : value;
}

function compare(op: CompareOp, attr: string, value: FilterValue): Comparison {
  assertAttributeName(attr);
  if (typeof value !== 'string' && typeof value !== 'boolean') {
    throw new Error(`SCIM filter value for ${attr} must be a string or boolean`);
  }
  return { type: 'compare', attr, op, value: normalizeValue(attr, value) };
}

export const eq = (attr: string, value: FilterValue): Comparison => compare('eq', attr, value);
export const ne = (attr: string, value: FilterValue): Comparison => compare('ne', attr, value);
export const co = (attr: string, value: string): Comparison => compare('co', attr, value);
export const sw = (attr: string, value: string): Comparison => compare('sw', attr, value);

function logical(type: 'and' | 'or', operands: FilterNode[]): FilterNode {
  if (operands.length === 0) throw new Error(`${type}() needs at least one operand`);
  if (operands.length === 1 && operands[0] !== undefined) return operands[0];
  return { type, operands };
}

export const and = (...operands: FilterNode[]): FilterNode => logical('and', operands);
export const or = (...operands: FilterNode[]): FilterNode => logical('or', operands);

/** Double quotes, with `\` and `"` escaped: the only two characters that end or alter a string. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function renderValue(value: FilterValue): string {
  return typeof value === 'boolean' ? String(value) : quote(value);
}

/**
 * Renders a filter. Nested logical nodes are parenthesised so precedence never depends on the
 * server's parser (and binds tighter than or in SCIM, which is easy to get wrong).
 */
export function render(node: FilterNode): string {
  if (node.type === 'compare') return `${node.attr} ${node.op} ${renderValue(node.value)}`;
  return node.operands.map((o) => (o.type === 'compare' ? render(o) : `(${render(o)})`)).join(` ${node.type} `);
}

/**
 * Nodes as the server counts them: one per comparison and one per binary and/or (an n-way `or`
 * is n-1 operators).
 */
export function nodeCount(node: FilterNode): number {
  if (node.type === 'compare') return 1;
  return node.operands.reduce((sum, o) => sum + nodeCount(o), 0) + node.operands.length - 1;
}

/**
 * `attr eq v1 or attr eq v2 …` split into as few filters as keep each within `maxNodes`
 * (k values cost 2k-1 nodes, so 100 values per filter at the default 200). Duplicate values are
 * sent once. Returns rendered filters; an empty input gives an empty list (not a match-all).
 */
export function orChunks(attr: string, values: readonly string[], maxNodes = MAX_FILTER_NODES): string[] {
  assertAttributeName(attr);
  if (!Number.isInteger(maxNodes) || maxNodes < 1) throw new Error('maxNodes must be a positive integer');
  const perChunk = Math.floor((maxNodes + 1) / 2);
  const unique = [...new Set(values.map((v) => normalizeValue(attr, v) as string))];
  const out: string[] = [];
  for (let i = 0; i < unique.length; i += perChunk) {
    const chunk = unique.slice(i, i + perChunk).map((v) => eq(attr, v));
    out.push(render(or(...chunk)));
  }
  return out;
}

/** Accepts a built node or an already rendered filter (from render/orChunks). */
export function toFilterString(filter: FilterNode | string): string {
  return typeof filter === 'string' ? filter : render(filter);
}
