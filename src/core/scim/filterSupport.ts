// Which filter attributes a workspace accepts, learned from its answers. Workspaces differ and the
// documentation is silent: `userName` on users and `displayName` on groups always work, while
// `id` or `externalId` filters on users and groups have been refused with 400 invalidFilter. The
// first filter that uses an attribute not yet proven is the probe; a refusal is remembered for
// the host, so the next listing goes straight to the fallback route instead of failing again.
// Concurrent listings with the same unproven attribute wait for the one probe in flight.

import { DatabricksError } from '../databricks/errors';
import type { PrincipalKind } from './types';

export interface Probe {
  /** Send the filter (it is proven, or this request proves it) or take the fallback route. */
  readonly route: 'server' | 'fallback';
  /** The filtered request succeeded. */
  accepted(): void;
  /** The request failed; true when it was a refusal of the filter (the fallback should run). */
  refused(error: unknown): boolean;
  /** Ends the probe without news (cancelled before an answer). */
  release(): void;
}

const DONE: Probe = { route: 'server', accepted: () => undefined, refused: () => false, release: () => undefined };

export class FilterSupport {
  private readonly known = new Map<string, boolean>();
  private readonly pending = new Map<string, Promise<void>>();

  /** true / false once learned, undefined before. */
  accepts(kind: PrincipalKind, attribute: string): boolean | undefined {
    return this.known.get(key(kind, attribute));
  }

  async begin(kind: PrincipalKind, attributes: readonly string[]): Promise<Probe> {
    const keys = [...new Set(attributes.map((a) => key(kind, a)))];
    for (;;) {
      const waiting = keys.map((k) => this.pending.get(k)).filter((p): p is Promise<void> => p !== undefined);
      if (waiting.length === 0) break;
      await Promise.all(waiting);
    }
    if (keys.some((k) => this.known.get(k) === false)) return { ...DONE, route: 'fallback' };
    const unknown = keys.filter((k) => !this.known.has(k));
    if (unknown.length === 0) return DONE;

    let finish = (): void => undefined;
    const settled = new Promise<void>((resolve) => (finish = resolve));
    for (const k of unknown) this.pending.set(k, settled);
    let open = true;
    const close = (): void => {
      if (!open) return;
      open = false;
      for (const k of unknown) if (this.pending.get(k) === settled) this.pending.delete(k);
      finish();
    };
    return {
      route: 'server',
      accepted: () => {
        for (const k of unknown) this.known.set(k, true);
        close();
      },
      refused: (error) => {
        const refusal = refusedAttribute(error);
        if (refusal === undefined) {
          close();
          return false;
        }
        // The server named the attribute: only that one is refused. Otherwise every unproven one.
        const named = refusal === '' ? undefined : key(kind, refusal);
        const blamed = named !== undefined && keys.includes(named) ? [named] : unknown;
        for (const k of blamed) this.known.set(k, false);
        close();
        return true;
      },
      release: close,
    };
  }
}

function key(kind: PrincipalKind, attribute: string): string {
  return `${kind}:${attribute.toLowerCase()}`;
}

/**
 * '' when the error refuses the filter without naming an attribute, the attribute when it names
 * one, undefined when it is not an attribute refusal (too many nodes has its own error code, and
 * the caller splits its filters already).
 */
function refusedAttribute(error: unknown): string | undefined {
  if (!(error instanceof DatabricksError) || error.status !== 400) return undefined;
  if (error.scimType !== 'invalidFilter' && !/invalidFilter/.test(error.code)) return undefined;
  // An operator the server does not take (co on a boolean) is the caller's mistake, not the host's.
  if (/operator/i.test(error.detail)) return undefined;
  const named = /attribute is not supported:\s*([A-Za-z][A-Za-z0-9_.-]*)/i.exec(error.detail);
  return named?.[1]?.split('.')[0] ?? '';
}
