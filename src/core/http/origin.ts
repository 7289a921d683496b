// The origin of a service endpoint as users type it ("graph.microsoft.us/v1.0/", "https://HOST/"):
// tokens are scoped to an origin, and one for a sovereign cloud must never go to another, so every
// client derives its origin and token scope the same way.

/** "https://graph.microsoft.us/v1.0/" → "https://graph.microsoft.us"; blank → `fallback`. */
export function endpointOrigin(endpoint: string, fallback: string): string {
  const trimmed = endpoint.trim();
  if (trimmed === '') return fallback;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  return new URL(withScheme).origin;
}
