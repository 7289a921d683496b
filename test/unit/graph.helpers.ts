// Shared by the graph.* tests: start the Graph emulator and wire a real HttpClient + GraphClient to
// it over loopback HTTP, plus a few lookups into the emulator's log and directory.

import { GraphClient } from '../../src/core/graph/client';
import type { HttpClient } from '../../src/core/http/client';
import type { RetryOptions } from '../../src/core/http/types';
import {
  startGraphEmulator,
  type EntraGroup,
  type GraphEmulator,
  type GraphEmulatorOptions,
  type GraphRequestLogEntry,
} from '../emulator/graph';
import { httpFor } from './support/builders';

export interface GraphHarness {
  emu: GraphEmulator;
  http: HttpClient;
  graph: GraphClient;
  /** Log entries whose path ends with `suffix` (e.g. "/members"), or all GETs when absent. */
  requests(suffix?: string): GraphRequestLogEntry[];
  /** The Entra group with this displayName (throws when absent, so tests read plainly). */
  group(displayName: string): EntraGroup;
  close(): Promise<void>;
}

export async function startGraphHarness(
  opts: GraphEmulatorOptions & { retry?: Partial<RetryOptions> } = {},
): Promise<GraphHarness> {
  const emu = await startGraphEmulator(opts);
  const http = httpFor(emu.url, emu.token, opts.retry);
  const graph = new GraphClient({ endpoint: emu.url, http });
  return {
    emu,
    http,
    graph,
    requests: (suffix) => emu.log.filter((e) => suffix === undefined || e.path.endsWith(suffix)),
    group(displayName) {
      const g = emu.state.findGroup(displayName);
      if (!g) throw new Error(`no Entra group ${displayName}`);
      return g;
    },
    async close() {
      await http.close();
      await emu.close();
    },
  };
}

/** A new group of `count` fresh users, for paging tests. */
export function addBigGroup(emu: GraphEmulator, displayName: string, count: number): EntraGroup {
  const members: string[] = [];
  for (let i = 0; i < count; i++)
    members.push(emu.state.addUser({ userPrincipalName: `${displayName}.user${i}@contoso.com` }).id);
  return emu.state.addGroup({ displayName, members });
}

/** GET with the emulator's token, straight over fetch (for checks of the emulator itself). */
export async function rawGet(
  emu: GraphEmulator,
  pathAndQuery: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${emu.url}${pathAndQuery}`, {
    headers: { authorization: `Bearer ${emu.token}`, ...headers },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
