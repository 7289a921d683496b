// Bounds on text that came from a server before anything scans it. Regular expressions, entity
// decoding and redaction are linear here, but a 64 MiB body is still 64 MiB of work per pass for
// a message nobody reads past the first lines.

/** Longest text any scan (redaction, error-page extraction) looks at. */
export const MAX_SCANNED_CHARS = 256 * 1024;

export const CUT_MARK = ' …[cut]';

function isTokenChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || // 0-9
    (code >= 65 && code <= 90) || // A-Z
    (code >= 97 && code <= 122) || // a-z
    code === 45 ||
    code === 46 ||
    code === 95 ||
    code === 126 || // - . _ ~
    code === 43 ||
    code === 47 ||
    code === 61 ||
    code === 37 // + / = %
  );
}

/**
 * The first `max` characters, plus a mark when something was cut. A token-like run that the cut
 * went through is dropped whole: its first half would no longer look like a token to the
 * shape-based redaction, yet still be most of one. A loop rather than a regex, because an
 * end-anchored pattern retried at every position is quadratic on one long run.
 */
export function capText(text: string, max = MAX_SCANNED_CHARS): string {
  if (text.length <= max) return text;
  let end = max;
  if (isTokenChar(text.charCodeAt(end))) while (end > 0 && isTokenChar(text.charCodeAt(end - 1))) end--;
  return text.slice(0, end) + CUT_MARK;
}
