// A small HTTP proxy for transport tests: tunnels CONNECT to loopback targets, forwards
// absolute-form requests, checks Basic credentials when given some, and records what it saw.
// It only reaches this machine: a CONNECT to any other host is logged and answered 502, the way
// a real proxy answers a host it cannot resolve.

import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { isLoopbackHostname } from '../../../src/core/http/loopback';

export interface ProxyLogEntry {
  method: string;
  /** host:port for CONNECT, the absolute URL otherwise. */
  target: string;
  proxyAuthorization?: string;
  /** What the proxy answered: 200 for an open tunnel, 407, 502… */
  answered: number;
}

export interface ForwardingProxy {
  url: string;
  /** url with the expected credentials in it, when credentials were required. */
  urlWithCredentials: string;
  log: ProxyLogEntry[];
  close(): Promise<void>;
}

export async function startForwardingProxy(opts: { user?: string; password?: string } = {}): Promise<ForwardingProxy> {
  const log: ProxyLogEntry[] = [];
  const sockets = new Set<net.Socket>();
  const expected =
    opts.user !== undefined && opts.password !== undefined
      ? `Basic ${Buffer.from(`${opts.user}:${opts.password}`).toString('base64')}`
      : undefined;
  const authorised = (header: string | undefined): boolean => expected === undefined || header === expected;

  const server = http.createServer((req, res) => {
    const auth = req.headers['proxy-authorization'];
    const entry: ProxyLogEntry = { method: req.method ?? '', target: req.url ?? '', answered: 0 };
    if (auth) entry.proxyAuthorization = auth;
    log.push(entry);
    if (!authorised(auth)) {
      entry.answered = 407;
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
      return;
    }
    const target = new URL(req.url ?? '');
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = http.request(target, { method: req.method, headers }, (up) => {
      entry.answered = up.statusCode ?? 0;
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => {
      entry.answered = 502;
      res.writeHead(502).end();
    });
    req.pipe(upstream);
  });

  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    sockets.add(client);
    client.on('error', () => undefined);
    const auth = req.headers['proxy-authorization'];
    const entry: ProxyLogEntry = { method: 'CONNECT', target: req.url ?? '', answered: 0 };
    if (auth) entry.proxyAuthorization = auth;
    log.push(entry);
    if (!authorised(auth)) {
      entry.answered = 407;
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    const match = /^(.*):(\d+)$/.exec(req.url ?? '');
    const host = match ? match[1].replace(/^\[|\]$/g, '') : '';
    if (!match || !isLoopbackHostname(host)) {
      entry.answered = 502;
      client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = net.connect(Number(match[2]), host, () => {
      entry.answered = 200;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => {
      if (entry.answered === 0) {
        entry.answered = 502;
        client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
      } else {
        client.destroy();
      }
    });
    client.on('close', () => {
      sockets.delete(client);
      upstream.destroy();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const credentials =
    opts.user !== undefined && opts.password !== undefined
      ? `${encodeURIComponent(opts.user)}:${encodeURIComponent(opts.password)}@`
      : '';
  return {
    url,
    urlWithCredentials: `http://${credentials}127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
