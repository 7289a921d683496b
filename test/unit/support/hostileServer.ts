// One real HTTP server per suite whose answer each test chooses, and SCIM / Graph clients that
// sign in to it with a known token, so a test can check what a hostile answer does end to end.

import type * as http from 'node:http';
import { GraphClient } from '../../../src/core/graph/client';
import type { HttpClientOptions } from '../../../src/core/http/types';
import { ScimClient } from '../../../src/core/scim/client';
import { makeClient, type ClientKit } from './httpClientKit';
import { startInstrumentedServer, type Handler, type InstrumentedServer } from './instrumentedServer';

export const HOSTILE_PAT = 'dapi0123456789abcdef0123456789abcdef';

export interface HostileServer {
  server: InstrumentedServer;
  /** The answer to every request from now on. */
  answer(handler: Handler): void;
  kit(opts?: HttpClientOptions): ClientKit;
  scim(opts?: HttpClientOptions & { pageSize?: number; concurrency?: number }): { scim: ScimClient; kit: ClientKit };
  graph(opts?: HttpClientOptions): { graph: GraphClient; kit: ClientKit };
  close(): Promise<void>;
}

/** Answers `status` with `body` as `contentType`. */
export function reply(
  status: number,
  body: string,
  contentType = 'application/json',
  headers: http.OutgoingHttpHeaders = {},
): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': contentType, ...headers }).end(body);
  };
}

export async function startHostileServer(): Promise<HostileServer> {
  let current: Handler = reply(200, '{}');
  const server = await startInstrumentedServer((req, res) => current(req, res));
  const kits: ClientKit[] = [];
  const kit = (opts: HttpClientOptions = {}): ClientKit => {
    const made = makeClient({ auth: { origin: server.url, getToken: async () => HOSTILE_PAT }, ...opts });
    kits.push(made);
    return made;
  };
  return {
    server,
    answer: (handler) => {
      current = handler;
    },
    kit,
    scim: ({ pageSize, concurrency, ...opts } = {}) => {
      const made = kit(opts);
      const scimOpts = {
        host: server.url,
        http: made.client,
        ...(pageSize ? { pageSize } : {}),
        ...(concurrency ? { concurrency } : {}),
      };
      return { scim: new ScimClient(scimOpts), kit: made };
    },
    graph: (opts = {}) => {
      const made = kit(opts);
      return { graph: new GraphClient({ endpoint: server.url, http: made.client }), kit: made };
    },
    close: async () => {
      await Promise.all(kits.map((k) => k.client.close()));
      await server.close();
    },
  };
}
