// Server-provided strings printed to a terminal. A control character in a name is an instruction
// to the terminal: "\e[2K\r" erases the line it is on, so a group name can hide the "remove" line
// of a plan above it; a bidi override reorders what is shown. Every character that is not plain
// text is shown as a visible escape instead. JSON output passes too: JSON.stringify leaves C1
// controls raw, and the escape used here is valid JSON.

/** C0 and C1 controls, DEL, line/paragraph separators and bidi embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- the same, minus newline and tab
const UNSAFE_KEEPING_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `\u001b` for ESC: visible, and also a valid escape inside a JSON string (--json output). */
function visible(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every control character shown as `\uNNNN`. One line by default (newlines
 * and tabs escaped too: a value must not start a line of its own); `multiline` keeps `\n` and
 * `\t`, for whole outputs whose lines we built ourselves.
 */
export function safeTerminalText(text: string, opts: { multiline?: boolean } = {}): string {
  return text.replace(opts.multiline ? UNSAFE_KEEPING_LINES : UNSAFE, visible);
}
