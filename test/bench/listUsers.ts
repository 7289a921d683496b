// Listing every user of a big workspace: our client (projected attributes, pages in parallel once
// totalResults is known) against a baseline measured in the same run — a sequential client that
// asks for every attribute, which is what a naive SDK loop does. The emulator adds a fixed
// latency to every request so the cost model (round trips) shows up.
import { HttpClient } from '../../src/core/http/client';
import { ScimClient } from '../../src/core/scim/client';
import type { Emulator } from '../emulator';

export interface ListRun {
  label: string;
  ms: number;
  requests: number;
  users: number;
  uniqueIds: number;
  bytes: number;
}

function tokenFor(emulator: Emulator) {
  return { origin: emulator.url, getToken: async () => emulator.adminToken };
}

/**
 * Times one way of listing: `pages` is called once the clock runs and yields each page's users; the
 * transport is closed before the emulator's log is counted, so every request it sent is in.
 */
async function timedList(
  emulator: Emulator,
  http: HttpClient,
  label: string,
  pages: () => AsyncIterable<ReadonlyArray<{ id: string }>>,
  bytes: () => number = () => 0,
): Promise<ListRun> {
  emulator.clearLog();
  const ids = new Set<string>();
  let users = 0;
  const started = performance.now();
  for await (const items of pages()) {
    for (const u of items) ids.add(u.id);
    users += items.length;
  }
  const ms = performance.now() - started;
  await http.close();
  return { label, ms, requests: emulator.log.length, users, uniqueIds: ids.size, bytes: bytes() };
}

/** Our client with its defaults. */
export async function listWithScimClient(emulator: Emulator): Promise<ListRun> {
  const http = new HttpClient({ auth: tokenFor(emulator) });
  const scim = new ScimClient({ host: emulator.url, http });
  return timedList(emulator, http, 'ScimClient (projected, parallel)', async function* () {
    for await (const page of scim.listAll('user')) yield page.items;
  });
}

/** Baseline: one page after another, every attribute, same page size and transport. */
export async function listSequentialFullAttributes(emulator: Emulator, pageSize: number): Promise<ListRun> {
  const http = new HttpClient({ auth: tokenFor(emulator), maxConcurrency: 1 });
  let bytes = 0;
  async function* pages(): AsyncGenerator<Array<{ id: string }>> {
    for (let startIndex = 1; ; startIndex += pageSize) {
      const res = await http.request({
        method: 'GET',
        url: `${emulator.url}/api/2.0/preview/scim/v2/Users?startIndex=${startIndex}&count=${pageSize}`,
      });
      if (res.status !== 200) throw new Error(`baseline page at ${startIndex} answered ${res.status}`);
      bytes += res.bodyText.length;
      const body = JSON.parse(res.bodyText) as { Resources?: Array<{ id: string }> };
      const items = body.Resources ?? [];
      if (items.length === 0) return;
      yield items;
    }
  }
  return timedList(emulator, http, 'baseline (sequential, all attributes)', pages, () => bytes);
}
