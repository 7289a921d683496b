// The one place secrets are masked in text that leaves the engine: log lines, error messages and
// bodies (Databricks and Graph), CLI output. Two layers, because neither alone is enough: exact
// values we know (tokens a TokenProvider returned, proxy passwords, the CLI's environment tokens)
// and shapes we can recognise without knowing the value (a PAT pasted into a filter, a JWT echoed
// by a proxy's error page).
//
// Every pass is linear in the text, and the text is capped first (servers choose what we scan).

import { capText } from '../text/cap';

export const REDACTED = '[REDACTED]';

/**
 * Shorter registered secrets are ignored: masking every occurrence of a two-letter string would
 * wreck log lines, and a secret that short is not protected by hiding it anyway.
 */
const MIN_SECRET_LENGTH = 4;

const SHAPES: ReadonlyArray<{ pattern: RegExp; replace: string }> = [
  // Databricks personal access token, optionally with the "-2" style suffix newer PATs carry. Any
  // length from 20 hex digits: a shorter or newer variant must not escape for not being 32 long.
  { pattern: /dapi[0-9a-f]{20,}(?:-\d+)?/gi, replace: `dapi${REDACTED}` },
  // Authorization-style schemes, whatever the credential looks like.
  { pattern: /\b(Bearer|Basic)\s+[^\s"',;<>]+/gi, replace: `$1 ${REDACTED}` },
  // user:password@ in URLs (proxy URLs from the environment).
  { pattern: /(\/\/[^\s/:@]+):[^\s/@]+@/g, replace: `$1:${REDACTED}@` },
];

function isBase64Url(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 45 ||
    code === 95
  );
}

/**
 * Masks JWTs (Entra access tokens): `eyJ` + header, `.`, payload, `.`, optional signature. A scan
 * instead of a regex: the obvious pattern is retried at every `eyJ` and runs to the end of the
 * base64url run each time, so "eyJeyJeyJ…" took seconds for 120 KB. Every `eyJ` inside one run
 * shares the run's continuation, so a failed candidate lets the scan skip the whole run.
 */
export function maskJwts(text: string, replacement: string = REDACTED): string {
  const run = (from: number): number => {
    let i = from;
    while (i < text.length && isBase64Url(text.charCodeAt(i))) i++;
    return i;
  };
  let out = '';
  let copied = 0;
  let from = 0;
  for (;;) {
    const start = text.indexOf('eyJ', from);
    if (start < 0) break;
    const headerEnd = run(start + 3);
    from = headerEnd + 1;
    if (headerEnd === start + 3 || text.charCodeAt(headerEnd) !== 46) continue;
    const payloadEnd = run(headerEnd + 1);
    if (payloadEnd === headerEnd + 1 || text.charCodeAt(payloadEnd) !== 46) continue;
    const end = run(payloadEnd + 1);
    out += text.slice(copied, start) + replacement;
    copied = from = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Every token shape recognisable without knowing the value: PATs, Bearer/Basic credentials, URL passwords, JWTs. */
function maskShapes(text: string): string {
  let out = maskJwts(text);
  for (const { pattern, replace } of SHAPES) out = out.replace(pattern, replace);
  return out;
}

/**
 * The one scrubber: caps the text (capText), masks the exact secrets `known` knows (a Redactor's
 * `redact`, an error context's), then every token shape. Every site that shows or logs text from a
 * server or an error calls this, directly or through a Redactor.
 */
export function scrubSecrets(text: string, known?: (text: string) => string): string {
  const capped = capText(text);
  return maskShapes(known ? known(capped) : capped);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class Redactor {
  private readonly secrets = new Set<string>();
  private matcher: RegExp | undefined;

  /** Registers a secret; its raw, URL-encoded and JSON-escaped forms are all masked from now on. */
  add(secret: string): void {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) return;
    const before = this.secrets.size;
    for (const form of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]) {
      if (form.length >= MIN_SECRET_LENGTH) this.secrets.add(form);
    }
    if (this.secrets.size !== before) this.matcher = undefined;
  }

  /** The text with every known secret and token shape masked; longer texts are cut first (capText). */
  redact(text: string): string {
    return scrubSecrets(text, (capped) => {
      const matcher = this.secretMatcher();
      return matcher ? capped.replace(matcher, REDACTED) : capped;
    });
  }

  private secretMatcher(): RegExp | undefined {
    if (this.secrets.size === 0) return undefined;
    if (!this.matcher) {
      // Longest first, so a secret that contains another is masked whole.
      const alternatives = [...this.secrets].sort((a, b) => b.length - a.length).map(escapeRegExp);
      this.matcher = new RegExp(alternatives.join('|'), 'g');
    }
    return this.matcher;
  }
}
