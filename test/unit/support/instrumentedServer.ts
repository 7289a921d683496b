// A plain HTTP server that counts what the emulator does not: TCP connections opened and
// requests in flight at once. Used for keep-alive and concurrency assertions.

import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface InstrumentedServer {
  url: string;
  /** TCP connections accepted so far. */
  connections: number;
  inFlight: number;
  maxInFlight: number;
  requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders }>;
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

const okJson: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
};

export async function startInstrumentedServer(handler: Handler = okJson): Promise<InstrumentedServer> {
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    state.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    res.on('close', () => state.inFlight--);
    req.resume();
    req.on('end', () => void handler(req, res));
  });
  const state: InstrumentedServer = {
    url: '',
    connections: 0,
    inFlight: 0,
    maxInFlight: 0,
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  server.on('connection', (socket: Socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
