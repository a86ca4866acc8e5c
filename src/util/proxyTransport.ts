// Bare 'http'/'https' as in http.ts. This file runs only where the caller passed proxy settings: the CLI, never
// the extension (VS Code's own proxy support applies there).
import * as http from 'http';
import * as https from 'https';
import { isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { ProviderError, cancelledError } from './errors';
import { NoProxy, parseProxyUrl, type ProxyServer, type ProxySettings } from './proxy';

/** What a proxied https request hands its agent beside the usual options: who asks, and when to give up the tunnel. */
export interface TunnelContext {
  provider: string;
  /** Aborted when the request ends before it has a socket (abort, connect timeout): the CONNECT stops at once. */
  signal: AbortSignal;
}

type TunnelRequestOptions = https.RequestOptions & { skynetTunnel?: TunnelContext };
type Callback = (error: Error | null, socket: Duplex) => void;

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** SNI for a TLS proxy: its name; '' for an IP (no SNI), else Node would take the Host header, which names the target. */
function serverName(proxy: ProxyServer): string {
  return isIP(proxy.hostname) ? '' : proxy.hostname;
}

/** A failure of the proxy itself (unreachable, 407, no tunnel): its message names the proxy already. */
class ProxyError extends ProviderError {}

/** A failure to reach the proxy itself, naming the proxy (never its credentials). */
function proxyTransportError(error: unknown, proxy: ProxyServer, provider: string): ProviderError {
  const code = errorCode(error);
  const message =
    code === 'ECONNREFUSED'
      ? `Connection refused by the proxy ${proxy.origin}`
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? `Cannot resolve the host of the proxy ${proxy.origin}`
        : `Connection to the proxy ${proxy.origin} failed (${code ?? (error instanceof Error ? error.message : String(error))})`;
  return new ProxyError({ kind: 'network', slot: provider, code, message, cause: error });
}

/** 407 from the proxy: an auth error about the proxy, not about the provider's key. */
export function proxyAuthError(proxy: ProxyServer, provider: string): ProviderError {
  const message = proxy.authorization
    ? `The proxy ${proxy.origin} rejected its credentials (HTTP 407)`
    : `The proxy ${proxy.origin} asks for credentials (HTTP 407): put them in the proxy URL, http://user:password@host:port`;
  return new ProxyError({ kind: 'auth', slot: provider, status: 407, code: 'PROXY_AUTH_REQUIRED', message });
}

function tunnelRefusedError(proxy: ProxyServer, target: string, status: number, provider: string): ProviderError {
  if (status === 407) return proxyAuthError(proxy, provider);
  const message = `The proxy ${proxy.origin} did not open a tunnel to ${target} (HTTP ${status})`;
  return new ProxyError({ kind: 'network', slot: provider, status, code: 'PROXY_CONNECT_FAILED', message });
}

/** Adds "through the proxy …" to a transport error that names only the target (not to the proxy's own failures). */
export function throughProxy(error: ProviderError, via: string): ProviderError {
  if (error.kind === 'cancelled' || error instanceof ProxyError) return error;
  return error.withMessage(`${error.message} (through the proxy ${via})`);
}

/**
 * https targets through a proxy: each new connection is a CONNECT tunnel, then TLS to the target over it. An Agent,
 * so tunnels are pooled and kept alive per target like direct connections.
 */
class TunnelAgent extends https.Agent {
  private readonly pending = new Set<() => void>();

  constructor(
    private readonly proxy: ProxyServer,
    options: https.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: TunnelRequestOptions, callback?: Callback): Duplex | null | undefined {
    const context = options.skynetTunnel;
    const provider = context?.provider ?? 'http';
    const target = `${options.host?.includes(':') ? `[${options.host}]` : options.host}:${options.port ?? 443}`;
    let done = false;
    let socket: Duplex | undefined;
    let secured: TLSSocket | undefined;
    const finish = (error: Error | null, result?: Duplex): void => {
      if (done) return;
      done = true;
      this.pending.delete(cancel);
      context?.signal.removeEventListener('abort', cancel);
      if (error) {
        connect.destroy();
        secured?.destroy();
        socket?.destroy();
      }
      callback?.(error, result as Duplex);
    };
    const cancel = (): void =>
      finish(
        context?.signal.aborted
          ? cancelledError(provider)
          : new ProviderError({
              kind: 'network',
              slot: provider,
              code: 'CLIENT_CLOSED',
              message: 'The HTTP client was closed',
            }),
      );

    const proxy = this.proxy;
    const headers: Record<string, string> = { host: target };
    if (proxy.authorization) headers['proxy-authorization'] = proxy.authorization;
    const connectOptions: https.RequestOptions = {
      host: proxy.hostname,
      port: proxy.port,
      method: 'CONNECT',
      path: target,
      headers,
      agent: false,
    };
    const connect = proxy.secure
      ? https.request({ ...connectOptions, ca: this.options.ca, servername: serverName(proxy) })
      : http.request(connectOptions);
    connect.on('error', (error) => finish(proxyTransportError(error, proxy, provider)));
    connect.once('response', (res) => {
      res.resume();
      finish(tunnelRefusedError(proxy, target, res.statusCode ?? 0, provider));
    });
    connect.once('connect', (res, tunnel, head) => {
      socket = tunnel;
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) return finish(tunnelRefusedError(proxy, target, status, provider));
      if (head.length > 0) tunnel.unshift(head);
      // TLS to the target over the tunnel; https.Agent's own createConnection adds TLS session reuse.
      secured = super.createConnection({ ...options, socket: tunnel } as https.RequestOptions) as TLSSocket;
      secured.once('secureConnect', () => finish(null, secured));
      secured.once('error', (error) => finish(error));
    });
    this.pending.add(cancel);
    context?.signal.addEventListener('abort', cancel);
    if (context?.signal.aborted) cancel();
    connect.end();
    return undefined;
  }

  override destroy(): void {
    for (const cancel of [...this.pending]) cancel();
    super.destroy();
  }
}

/** How one request goes through a proxy: named in its transport errors; `onEnd` stops a tunnel still being opened. */
export interface ProxyRoute {
  proxy: ProxyServer;
  /** An http target sent to the proxy in absolute-URI form: a 407 answer is the proxy's. */
  forwarded: boolean;
  onEnd(): void;
}

/** The proxy routes of one HTTP client: which targets go through which proxy, and the agents that carry them. */
export class ProxyTransport {
  private readonly httpsProxy?: ProxyServer;
  private readonly httpProxy?: ProxyServer;
  private readonly noProxy: NoProxy;
  private readonly tunnels?: TunnelAgent;
  /** http targets through an https:// proxy: TLS to the proxy, pooled. (Through an http:// one they share the client's http agent.) */
  private readonly forwardTls?: https.Agent;

  constructor(
    settings: ProxySettings,
    agentOptions: https.AgentOptions,
    private readonly httpAgent: http.Agent,
  ) {
    const httpsRaw = settings.httpsProxy ?? settings.httpProxy;
    this.httpsProxy = httpsRaw
      ? parseProxyUrl(httpsRaw, settings.httpsProxy ? 'HTTPS proxy' : 'HTTP proxy')
      : undefined;
    this.httpProxy = settings.httpProxy ? parseProxyUrl(settings.httpProxy, 'HTTP proxy') : undefined;
    this.noProxy = new NoProxy(settings.noProxy);
    if (this.httpsProxy) this.tunnels = new TunnelAgent(this.httpsProxy, agentOptions);
    if (this.httpProxy?.secure) this.forwardTls = new https.Agent(agentOptions);
  }

  /** The proxy `url` goes through, or undefined when it goes direct. */
  private proxyFor(url: URL): ProxyServer | undefined {
    const proxy = url.protocol === 'https:' ? this.httpsProxy : url.protocol === 'http:' ? this.httpProxy : undefined;
    return proxy && !this.noProxy.bypasses(url) ? proxy : undefined;
  }

  /**
   * Starts `url`'s request through its proxy: https in a CONNECT tunnel, http as an absolute-URI request to the
   * proxy. Undefined when `url` goes direct.
   */
  request(
    url: URL,
    options: { method: string; headers?: Record<string, string> },
    provider: string,
  ): { req: http.ClientRequest; route: ProxyRoute } | undefined {
    const proxy = this.proxyFor(url);
    if (!proxy) return undefined;
    const tunnel = new AbortController();
    const route: ProxyRoute = { proxy, forwarded: url.protocol === 'http:', onEnd: () => tunnel.abort() };
    if (!route.forwarded) {
      const tunnelled: TunnelRequestOptions = {
        ...options,
        agent: this.tunnels,
        skynetTunnel: { provider, signal: tunnel.signal },
      };
      return { req: https.request(url, tunnelled), route };
    }
    const headers: Record<string, string> = { host: url.host, ...options.headers };
    if (proxy.authorization) headers['proxy-authorization'] = proxy.authorization;
    const forward = {
      method: options.method,
      headers,
      host: proxy.hostname,
      port: proxy.port,
      path: `${url.origin}${url.pathname}${url.search}`,
    };
    const req = proxy.secure
      ? https.request({ ...forward, agent: this.forwardTls, servername: serverName(proxy) })
      : http.request({ ...forward, agent: this.httpAgent });
    return { req, route };
  }

  /** Open sockets of the agents this transport owns (the shared http agent is the client's to count). */
  sockets(): Socket[] {
    return [this.tunnels, this.forwardTls].flatMap((agent) =>
      agent
        ? [...Object.values(agent.sockets), ...Object.values(agent.freeSockets)].flatMap(
            (list) => (list ?? []) as Socket[],
          )
        : [],
    );
  }

  destroy(): void {
    this.tunnels?.destroy();
    this.forwardTls?.destroy();
  }
}
