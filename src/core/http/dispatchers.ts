// The connection pools. One undici Agent for direct connections (it keeps one keep-alive Pool
// per origin) and one ProxyAgent per proxy URL (same, over tunnels). They live as long as the
// client, so the TLS handshake to a workspace is paid once, not per request.

import type { Agent, Dispatcher, ProxyAgent } from 'undici';

// undici takes a few hundred ms to load; required on the first request instead of at activation
// (a bundler keeps a call-site require lazy, while a top-level import would run at load time).
let undiciModule: typeof import('undici') | undefined;
function undici(): typeof import('undici') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load, see above
  undiciModule ??= require('undici') as typeof import('undici');
  return undiciModule;
}

export interface PoolSettings {
  connectMs: number;
  headersMs: number;
  bodyMs: number;
  /** Sockets per origin; matching the client's concurrency limit means no request waits for one. */
  connectionsPerOrigin: number;
}

export class Dispatchers {
  private direct: Agent | undefined;
  private readonly proxied = new Map<string, ProxyAgent>();

  constructor(private readonly settings: PoolSettings) {}

  /** The dispatcher for a request: direct when `proxyUrl` is undefined. Throws on a bad proxy URL. */
  for(proxyUrl: string | undefined): Dispatcher {
    if (proxyUrl === undefined) {
      this.direct ??= new (undici().Agent)(this.agentOptions());
      return this.direct;
    }
    let agent = this.proxied.get(proxyUrl);
    if (!agent) {
      const { connectMs, headersMs } = this.settings;
      const { Pool, ProxyAgent: ProxyAgentClass } = undici();
      agent = new ProxyAgentClass({
        ...this.agentOptions(),
        uri: proxyUrl,
        proxyTls: { timeout: connectMs },
        requestTls: { timeout: connectMs },
        // The CONNECT exchange with the proxy gets the same header timeout as a request.
        clientFactory: (origin: URL, opts: object) => new Pool(origin, { ...opts, headersTimeout: headersMs }),
      });
      this.proxied.set(proxyUrl, agent);
    }
    return agent;
  }

  async close(): Promise<void> {
    const all: Dispatcher[] = [...this.proxied.values()];
    if (this.direct) all.push(this.direct);
    this.direct = undefined;
    this.proxied.clear();
    await Promise.all(all.map((d) => d.close()));
  }

  private agentOptions(): Agent.Options {
    const { connectMs, headersMs, bodyMs, connectionsPerOrigin } = this.settings;
    return {
      connect: { timeout: connectMs },
      connections: connectionsPerOrigin,
      headersTimeout: headersMs,
      bodyTimeout: bodyMs,
    };
  }
}
