// Bare 'http'/'https' on purpose (see http.ts): VS Code's proxy support patches only the bare module names.
import * as http from 'http';
import * as https from 'https';
import type { Socket } from 'node:net';

/**
 * How long an unused kept-alive connection stays open. Most hosted model APIs sit behind Cloudflare, which closes
 * an idle HTTP/1.1 client connection after 400 s (developers.cloudflare.com/fundamentals/reference/connection-limits,
 * checked 2026-12-05); closing a little before the server does avoids sending on a socket it is closing. A server
 * that asks for less (`Keep-Alive: timeout=N`) is obeyed by Node's agent.
 */
export const DEFAULT_KEEP_ALIVE_MS = 390_000;

export interface ConnectionPoolOptions {
  keepAliveMs?: number;
  /** Extra CA certificates to trust (tests; users have NODE_EXTRA_CA_CERTS). */
  ca?: string | Buffer | Array<string | Buffer>;
}

/**
 * The kept-alive connections (and the TLS sessions they resume) of one process: shared by every HTTP client built
 * on it, so a configuration reload keeps the warm connections of the origins it still uses.
 */
export class ConnectionPool {
  readonly http: http.Agent;
  readonly https: https.Agent;
  readonly keepAliveMs: number;
  readonly tlsOptions: https.AgentOptions;
  private readonly lastUse = new Map<string, number>();

  constructor(options: ConnectionPoolOptions = {}) {
    this.keepAliveMs = options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS;
    const agentOptions: http.AgentOptions = { keepAlive: true, timeout: this.keepAliveMs, scheduling: 'lifo' };
    this.tlsOptions = options.ca ? { ...agentOptions, ca: options.ca } : agentOptions;
    this.http = new http.Agent(agentOptions);
    this.https = new https.Agent(this.tlsOptions);
  }

  agentFor(url: URL): http.Agent {
    return url.protocol === 'https:' ? this.https : this.http;
  }

  /** Remembers that `origin` was just used: its connection is presumed warm for the keep-alive time. */
  used(origin: string, now = Date.now()): void {
    this.lastUse.set(origin, now);
  }

  /** Whether a kept-alive connection to `origin` may still be open (used within the keep-alive time). */
  isWarm(origin: string, now = Date.now()): boolean {
    const last = this.lastUse.get(origin);
    return last !== undefined && now - last < this.keepAliveMs;
  }

  sockets(): Socket[] {
    return [this.http, this.https].flatMap((agent) =>
      [...Object.values(agent.sockets), ...Object.values(agent.freeSockets)].flatMap((list) => list ?? []),
    );
  }

  /** Closes every connection and resolves when all have closed. */
  async close(): Promise<void> {
    const sockets = this.sockets();
    this.http.destroy();
    this.https.destroy();
    this.lastUse.clear();
    await Promise.all(
      sockets.map((socket) => (socket.closed ? undefined : new Promise((resolve) => socket.once('close', resolve)))),
    );
  }
}
