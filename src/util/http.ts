// Bare 'http'/'https' on purpose, not 'node:http': VS Code's extension host patches these two modules for the
// user's proxy settings (http.proxy, http.proxySupport), and its loader hook matches only the bare names.
import * as http from 'http';
import * as https from 'https';
import type { Socket } from 'node:net';
import { ConnectionPool } from './connectionPool';
import { ProviderError, cancelledError } from './errors';
import { originOf, timeoutError, transportError, type TimeoutPhase } from './httpErrors';
import type { ProxySettings } from './proxy';
import { MAX_JSON_BODY_BYTES, tooLargeError } from './limits';
import { ProxyTransport, proxyAuthError, throughProxy, type ProxyRoute } from './proxyTransport';

export { describeCommonErrorBody, errorFromResponse, transportError } from './httpErrors';

export interface HttpTimeouts {
  /** From sending the request to the response headers. */
  firstByteMs?: number;
  /** Longest silence between two body chunks. */
  idleMs?: number;
}

export interface HttpRequest {
  method: 'GET' | 'OPTIONS' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
  timeouts?: HttpTimeouts;
  /** Slot id, used to label errors. */
  provider: string;
}

export interface HttpHeaders {
  get(name: string): string | null;
}

/** How much of a body `text()` reads. */
export interface BodyLimit {
  /** Default MAX_JSON_BODY_BYTES. */
  maxBytes?: number;
  /** Past maxBytes: false (default) throws a RESPONSE_TOO_LARGE error; true returns the first maxBytes and stops reading. */
  truncate?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: HttpHeaders;
  /** Raw body chunks; transport failures surface as ProviderError while iterating. */
  body: AsyncIterable<Uint8Array>;
  /** The body as text, never more than the limit (MAX_JSON_BODY_BYTES unless told). */
  text(limit?: BodyLimit): Promise<string>;
  /** The body as JSON, at most MAX_JSON_BODY_BYTES; invalid JSON is an `invalid-response` error. */
  json<T = unknown>(): Promise<T>;
  /** Frees the connection when the caller stops reading early. Safe to call twice. */
  close(): void;
}

export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
}

export interface HttpClientOptions {
  connectTimeoutMs?: number;
  firstByteTimeoutMs?: number;
  idleTimeoutMs?: number;
  /**
   * Outside VS Code only (the CLI, from HTTPS_PROXY/HTTP_PROXY/NO_PROXY): send requests through these proxies.
   * The extension never sets it: the extension host's own proxy support applies to these modules there.
   * An unusable proxy URL throws a ProxyConfigError here.
   */
  proxy?: ProxySettings;
  /** Extra CA certificates to trust for https targets and https proxies (tests; users have NODE_EXTRA_CA_CERTS). */
  ca?: string | Buffer | Array<string | Buffer>;
  /** How long an unused connection is kept open (default DEFAULT_KEEP_ALIVE_MS); ignored with `pool`. */
  keepAliveMs?: number;
  /** Connections shared with other clients (kept across configuration reloads); `close()` leaves them open. */
  pool?: ConnectionPool;
}

function noop(): void {}

interface Limits {
  connectMs: number;
  firstByteMs: number;
  idleMs: number;
}

/**
 * One request on node:http(s): owns its timer (one at a time: connect, then first byte, then the idle gap
 * between body chunks) and its abort listener, both released when the exchange ends however it ends.
 */
class Exchange {
  res: http.IncomingMessage | undefined;
  /** Body phase: true while the reader waits for data. Only that waiting counts as silence. */
  waiting = true;
  /** The request failed on a reused kept-alive socket that the server had closed, before any answer. */
  staleSocket = false;
  readonly response: Promise<HttpResponse>;
  private phase: TimeoutPhase = 'connect';
  private timer: NodeJS.Timeout | undefined;
  /** Counts every (re)start of the timer: a decision deferred past pending I/O sees whether the exchange moved on. */
  private rearmed = 0;
  private settled = false;
  private ended = false;
  private resolve!: (response: HttpResponse) => void;
  private reject!: (error: unknown) => void;

  constructor(
    readonly request: HttpRequest,
    private readonly req: http.ClientRequest,
    private readonly limits: Limits,
    private readonly via?: ProxyRoute,
  ) {
    this.response = new Promise<HttpResponse>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    req.on('error', this.onError); // stays for the request's life: a socket error after the headers lands here too
    req.once('socket', this.onSocket);
    req.once('response', this.onResponse);
    this.arm(limits.connectMs);
    request.signal?.addEventListener('abort', this.onAbort);
  }

  /** Resolves when the response has been read to its end or closed (the body is drained, not kept). */
  finished(): Promise<void> {
    const res = this.res;
    if (!res || res.readableEnded || res.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      res.once('end', resolve).once('close', resolve).resume();
    });
  }

  /** The reader is about to wait for the next chunk: the idle clock starts over. */
  touch(): void {
    this.waiting = true;
    this.rearmed++;
    this.timer?.refresh();
  }

  private arm(ms: number): void {
    clearTimeout(this.timer);
    this.rearmed++;
    this.timer = setTimeout(this.onTimer, ms).unref();
  }

  private readonly onSocket = (socket: Socket): void => {
    if (socket.connecting) socket.once('connect', this.onConnect);
    else this.onConnect(); // a kept-alive socket
  };

  private readonly onConnect = (): void => {
    if (this.ended || this.phase !== 'connect') return;
    this.phase = 'first-byte';
    this.arm(this.limits.firstByteMs);
  };

  private readonly onResponse = (res: http.IncomingMessage): void => {
    res.on('error', noop); // errors reach the reader through iteration; none may go unhandled (close() on an unread body)
    if (this.settled) {
      res.destroy();
      return;
    }
    if (this.via?.forwarded && res.statusCode === 407) {
      res.destroy(); // the proxy's answer to an http target, not the provider's
      this.settle(proxyAuthError(this.via.proxy, this.request.provider));
      return;
    }
    this.settled = true;
    this.res = res;
    res.once('close', this.end);
    this.phase = 'idle';
    this.arm(this.limits.idleMs);
    this.resolve(new NodeResponse(res, this));
  };

  /**
   * Timers run before the loop polls sockets: after a stall (CPU starvation) the deadline can pass while the answer
   * already waits in the socket buffer. The decision waits for that poll (setImmediate runs after it), so an answer
   * that arrived in time wins; a silent server still times out within the same loop turn.
   */
  private readonly onTimer = (): void => {
    const seen = this.rearmed;
    setImmediate(() => {
      if (!this.ended && this.rearmed === seen) this.expire();
    });
  };

  private expire(): void {
    if (this.phase === 'idle' && !this.waiting) {
      this.timer?.refresh(); // the caller holds a chunk: its own slowness is not the server's silence
      return;
    }
    const error = timeoutError(this.phase, this.request);
    this.fail(this.via && this.phase === 'connect' ? throughProxy(error, this.via.proxy.origin) : error);
  }

  private readonly onAbort = (): void => this.fail(cancelledError(this.request.provider, this.request.signal?.reason));

  private readonly onError = (error: Error): void => {
    if (this.settled) return;
    const code = (error as { code?: unknown }).code;
    this.staleSocket = this.req.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE');
    const typed = transportError(error, this.request);
    this.settle(this.via ? throughProxy(typed, this.via.proxy.origin) : typed);
  };

  /** Ends the exchange with `error`: before the headers the caller's promise rejects; after, the body reader throws it. */
  private fail(error: ProviderError): void {
    if (this.res) {
      this.res.destroy(error); // an unfinished response takes its socket down with it
      return;
    }
    this.settle(error);
    this.req.destroy(error);
  }

  private settle(error: ProviderError): void {
    this.settled = true;
    this.end();
    this.reject(error);
  }

  /** Releases the timer and the abort listener; after this an abort no longer touches the (maybe pooled) socket. */
  private readonly end = (): void => {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    this.request.signal?.removeEventListener('abort', this.onAbort);
    this.via?.onEnd();
  };
}

/** How long a body the reader stopped reading may take to end, and how much more it may send, before it is cut. */
const DRAIN_GRACE_MS = 250;
const DRAIN_MAX_BYTES = 16 * 1024;

class NodeResponse implements HttpResponse {
  readonly status: number;
  readonly headers: HttpHeaders;

  constructor(
    private readonly res: http.IncomingMessage,
    private readonly exchange: Exchange,
  ) {
    this.status = res.statusCode ?? 0;
    this.headers = headerReader(res.headers);
  }

  get body(): AsyncIterable<Uint8Array> {
    return this.iterate();
  }

  private async *iterate(): AsyncGenerator<Uint8Array> {
    const exchange = this.exchange;
    try {
      exchange.touch();
      // Not destroyed when the reader stops early: close() decides whether the connection can still be reused.
      for await (const chunk of this.res.iterator({ destroyOnReturn: false })) {
        exchange.waiting = false;
        yield chunk as Uint8Array;
        exchange.touch();
      }
    } catch (error) {
      throw transportError(error, exchange.request);
    } finally {
      this.close();
    }
  }

  async text(limit: BodyLimit = {}): Promise<string> {
    const maxBytes = limit.maxBytes ?? MAX_JSON_BODY_BYTES;
    const declared = Number(this.headers.get('content-length'));
    if (!limit.truncate && declared > maxBytes) {
      this.close();
      throw tooLargeError(
        this.exchange.request.provider,
        `The answer from ${originOf(this.exchange.request.url)}`,
        maxBytes,
      );
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of this.iterate()) {
      if (size + chunk.byteLength > maxBytes) {
        if (!limit.truncate)
          throw tooLargeError(
            this.exchange.request.provider,
            `The answer from ${originOf(this.exchange.request.url)}`,
            maxBytes,
          );
        chunks.push(chunk.subarray(0, maxBytes - size));
        break; // leaving the loop closes the response: the rest is never read
      }
      chunks.push(chunk);
      size += chunk.byteLength;
    }
    // A cut inside a UTF-8 character decodes to U+FFFD, never to an error.
    return Buffer.concat(chunks).toString('utf8');
  }

  async json<T>(): Promise<T> {
    const text = await this.text();
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new ProviderError({
        kind: 'invalid-response',
        slot: this.exchange.request.provider,
        message: `${originOf(this.exchange.request.url)} answered with invalid JSON`,
        cause: error,
      });
    }
  }

  close(): void {
    const res = this.res;
    if (res.destroyed) return;
    res.resume(); // drain the rest so the connection goes back to the pool
    if (res.complete) return;
    // The reader stopped at the protocol's own end ([DONE], message_stop, done: true) a moment before HTTP's: the
    // rest is a few bytes away, and waiting for them keeps the connection. A stream still running is cut.
    let extra = 0;
    const cut = () => res.destroy();
    const timer = setTimeout(cut, DRAIN_GRACE_MS).unref();
    res.on('data', (chunk: Buffer) => {
      extra += chunk.length;
      if (extra > DRAIN_MAX_BYTES) cut();
    });
    res.once('end', () => clearTimeout(timer)).once('close', () => clearTimeout(timer));
  }
}

function headerReader(raw: Record<string, string | string[] | undefined>): HttpHeaders {
  return {
    get(name: string): string | null {
      const value = raw[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/**
 * The one HTTP client of the core: node:http(s) with keep-alive agents (its own, or a shared ConnectionPool's),
 * abortable, with connect/first-byte/idle timeouts. Node's own modules, not a bundled client, so VS Code's proxy
 * support applies.
 */
export function createHttpClient(
  options: HttpClientOptions = {},
): HttpClient & { close(): Promise<void>; preconnect(url: string): Promise<boolean> } {
  const limits: Limits = {
    connectMs: options.connectTimeoutMs ?? 10_000,
    firstByteMs: options.firstByteTimeoutMs ?? 60_000,
    idleMs: options.idleTimeoutMs ?? 60_000,
  };
  const shared = options.pool;
  const pool = shared ?? new ConnectionPool({ keepAliveMs: options.keepAliveMs, ca: options.ca });
  const proxies = options.proxy ? new ProxyTransport(options.proxy, pool.tlsOptions, pool.http) : undefined;
  let closing: Promise<void> | undefined;

  function send(request: HttpRequest, url: URL, payload: Uint8Array | undefined, limitsHere: Limits): Exchange {
    const headers = payload ? { ...request.headers, 'content-length': String(payload.byteLength) } : request.headers;
    const proxied = proxies?.request(url, { method: request.method, headers }, request.provider);
    const requestOptions = { method: request.method, headers, agent: pool.agentFor(url) };
    // Called through the module objects at call time: VS Code's proxy support replaces `request` on them.
    const req =
      proxied?.req ??
      (url.protocol === 'https:' ? https.request(url, requestOptions) : http.request(url, requestOptions));
    const exchange = new Exchange(request, req, limitsHere, proxied?.route);
    req.end(payload);
    return exchange;
  }

  const client = {
    async request(request: HttpRequest): Promise<HttpResponse> {
      if (request.signal?.aborted) throw cancelledError(request.provider, request.signal.reason);
      if (closing) {
        throw new ProviderError({
          kind: 'network',
          slot: request.provider,
          code: 'CLIENT_CLOSED',
          message: `Request to ${originOf(request.url)} after the HTTP client was closed`,
        });
      }
      try {
        const url = new URL(request.url);
        const payload = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
        const limitsHere = request.timeouts
          ? {
              ...limits,
              firstByteMs: request.timeouts.firstByteMs ?? limits.firstByteMs,
              idleMs: request.timeouts.idleMs ?? limits.idleMs,
            }
          : limits;
        pool.used(url.origin);
        const exchange = send(request, url, payload, limitsHere);
        try {
          return await exchange.response;
        } catch (error) {
          // The server closed a kept-alive connection just as we reused it: nothing reached it, so send again on a
          // new connection, once (Node's documented remedy for this race).
          if (!exchange.staleSocket || request.signal?.aborted) throw error;
          return await send(request, url, payload, limitsHere).response;
        }
      } catch (error) {
        throw transportError(error, request);
      }
    },
    /**
     * Opens a connection to `url`'s origin ahead of a request, so the first request finds it warm: an OPTIONS request with no
     * credentials and no body (Node keeps no connection after a HEAD); whatever status it answers, the connection stays in the pool. Skipped (false) when a
     * connection there is presumably still open. Never throws.
     */
    async preconnect(url: string): Promise<boolean> {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        return false;
      }
      if (closing || pool.isWarm(target.origin) || (target.protocol !== 'https:' && target.protocol !== 'http:'))
        return false;
      try {
        pool.used(target.origin);
        const root = new URL('/', target);
        const exchange = send({ method: 'OPTIONS', url: root.href, provider: 'preconnect' }, root, undefined, limits);
        await exchange.response;
        // Read the (small) answer to its end, so Node hands the connection back to the pool.
        await exchange.finished();
        return true;
      } catch {
        return false;
      }
    },
    close(): Promise<void> {
      closing ??= (async () => {
        const sockets = proxies?.sockets() ?? [];
        proxies?.destroy();
        await Promise.all([
          shared ? undefined : pool.close(),
          ...sockets.map((socket) =>
            socket.closed ? undefined : new Promise((resolve) => socket.once('close', resolve)),
          ),
        ]);
      })();
      return closing;
    },
  };
  return client;
}
