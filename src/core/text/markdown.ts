// Server-provided strings (display names, user names, error details) placed in Markdown: a drift
// report, a reconcile plan, a tooltip. A name is text, never markup — it must not add an image, a
// link, HTML or a heading such as "# Nothing will be removed" to the page a person decides on.

/** Line breaks and other control characters: one of them is enough to start a new block. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
/** ASCII punctuation but the hyphen: CommonMark lets each be backslash-escaped, and escaped ones
 * also stop autolinking of "www.x.y", "https://…" and bare domains. */
const PUNCTUATION = /[!-,./:-@[-`{-~]/g;
/** A hyphen only makes markup where a line starts (a list item, a rule): "data-eng" stays as typed. */
const LEADING_HYPHEN = /^-/;

/** `text` as literal Markdown text on one line (tables included: `|` is escaped too). */
export function escapeMarkdown(text: string): string {
  return text.replace(BREAKS, ' ').replace(PUNCTUATION, '\\$&').replace(LEADING_HYPHEN, '\\-');
}

/**
 * `text` as an inline code span on one line. Backticks become `'` (a span cannot hold its own
 * fence reliably). In a table cell (`cell: true`) `|` is escaped: tables split cells before code
 * spans are read; elsewhere the backslash would show.
 */
export function markdownCode(text: string, opts: { cell?: boolean } = {}): string {
  const body = text.replace(BREAKS, ' ').replace(/`/g, "'");
  return `\`${opts.cell ? body.replace(/\|/g, '\\|') : body}\``;
}
