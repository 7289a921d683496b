// Masks secrets in text that leaves the transport: log lines, error messages, error bodies.
// Two layers, because neither alone is enough: exact values we know (tokens a TokenProvider
// returned, proxy passwords) and shapes we can recognise without knowing the value (a PAT pasted
// into a filter, a JWT echoed by a proxy's error page).

export const REDACTED = '[REDACTED]';

/**
 * Shorter registered secrets are ignored: masking every occurrence of a two-letter string would
 * wreck log lines, and a secret that short is not protected by hiding it anyway.
 */
const MIN_SECRET_LENGTH = 4;

const SHAPES: ReadonlyArray<{ pattern: RegExp; replace: string }> = [
  // Databricks personal access token, optionally with the "-2" style suffix newer PATs carry.
  { pattern: /dapi[0-9a-f]{32}(?:-\d+)?/gi, replace: `dapi${REDACTED}` },
  // JWT (Entra access tokens): base64url header starting with {" , payload, optional signature.
  { pattern: /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, replace: REDACTED },
  // Authorization-style schemes, whatever the credential looks like.
  { pattern: /\b(Bearer|Basic)\s+[^\s"',;<>]+/gi, replace: `$1 ${REDACTED}` },
  // user:password@ in URLs (proxy URLs from the environment).
  { pattern: /(\/\/[^\s/:@]+):[^\s/@]+@/g, replace: `$1:${REDACTED}@` },
];

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

  redact(text: string): string {
    let out = text;
    const matcher = this.secretMatcher();
    if (matcher) out = out.replace(matcher, REDACTED);
    for (const { pattern, replace } of SHAPES) out = out.replace(pattern, replace);
    return out;
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
