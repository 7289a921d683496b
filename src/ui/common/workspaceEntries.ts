// The `dbxScim.workspaces` setting as data: what people (or other tools) wrote there is read
// leniently — hosts normalized, unusable entries skipped, one entry per host — and written back
// with exactly the three documented keys, so nothing else (least of all a token) is ever kept.
import { normalizeHost } from '../../core/workspaces/host';
import type { AuthKind, WorkspaceConfig } from './connection';

const AUTH_KINDS: readonly AuthKind[] = ['pat', 'entra', 'azure-cli'];

export function isAuthKind(value: unknown): value is AuthKind {
  return typeof value === 'string' && (AUTH_KINDS as readonly string[]).includes(value);
}

/** The name shown when none was given: the first label of the host ("adb-123…" / "127.0.0.1:8080"). */
export function defaultWorkspaceName(host: string): string {
  const hostname = new URL(host).host;
  return /^\d|^\[/.test(hostname) ? hostname : (hostname.split('.')[0] ?? hostname);
}

export function parseWorkspaceEntries(raw: unknown): WorkspaceConfig[] {
  if (!Array.isArray(raw)) return [];
  const out: WorkspaceConfig[] = [];
  const seen = new Set<string>();
  for (const entry of raw) {
    if (typeof entry !== 'object' || entry === null) continue;
    const record = entry as Record<string, unknown>;
    if (typeof record['host'] !== 'string') continue;
    let host: string;
    try {
      host = normalizeHost(record['host']);
    } catch {
      continue; // an unusable host cannot be connected to; the settings editor shows it as written
    }
    if (seen.has(host)) continue;
    seen.add(host);
    const name =
      typeof record['name'] === 'string' && record['name'].trim() ? record['name'].trim() : defaultWorkspaceName(host);
    out.push({ name, host, auth: isAuthKind(record['auth']) ? record['auth'] : 'pat' });
  }
  return out;
}

/** Adds `ws`, or replaces the entry with the same host in place (re-adding updates). */
export function upsertWorkspace(list: readonly WorkspaceConfig[], ws: WorkspaceConfig): WorkspaceConfig[] {
  const index = list.findIndex((w) => w.host === ws.host);
  if (index < 0) return [...list, ws];
  return list.map((w, i) => (i === index ? ws : w));
}

export function withoutWorkspace(list: readonly WorkspaceConfig[], host: string): WorkspaceConfig[] {
  return list.filter((w) => w.host !== host);
}

/** Only the documented keys, in a stable order. */
export function toSettingValue(
  list: readonly WorkspaceConfig[],
): Array<{ name: string; host: string; auth: AuthKind }> {
  return list.map((w) => ({ name: w.name, host: w.host, auth: w.auth }));
}
