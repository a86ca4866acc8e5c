import { Agent, request as undiciRequest, type Dispatcher } from 'undici';
import { ProviderError, cancelledError, kindForStatus, parseRetryAfter } from './errors';

export interface HttpTimeouts {
  /** From sending the request to the response headers. */
  firstByteMs?: number;
  /** Longest silence between two body chunks. */
  idleMs?: number;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
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

export interface HttpResponse {
  status: number;
  headers: HttpHeaders;
  /** Raw body chunks; transport failures surface as ProviderError while iterating. */
  body: AsyncIterable<Uint8Array>;
  text(): Promise<string>;
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
  /** A dispatcher of the caller's (a proxy agent, a mock); default: a keep-alive Agent. */
  dispatcher?: Dispatcher;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Maps a transport failure (undici or Node) to a typed ProviderError. Never includes headers or bodies. */
export function transportError(error: unknown, request: Pick<HttpRequest, 'provider' | 'url' | 'signal'>): ProviderError {
  if (error instanceof ProviderError) return error;
  const origin = originOf(request.url);
  if (request.signal?.aborted) return cancelledError(request.provider, error);
  const code = errorCode(error);
  const name = (error as { name?: string } | undefined)?.name;
  if (code === 'UND_ERR_ABORTED' || name === 'AbortError') return cancelledError(request.provider, error);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new ProviderError({ kind: 'timeout', provider: request.provider, code, message: `Timed out connecting to ${origin}`, cause: error });
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT') {
    return new ProviderError({ kind: 'timeout', provider: request.provider, code, message: `No response from ${origin} before the first-byte timeout`, cause: error });
  }
  if (code === 'UND_ERR_BODY_TIMEOUT') {
    return new ProviderError({ kind: 'timeout', provider: request.provider, code, message: `The stream from ${origin} went silent past the idle timeout`, cause: error });
  }
  if (code === 'ECONNREFUSED') {
    return new ProviderError({ kind: 'network', provider: request.provider, code, message: `Connection refused by ${origin}`, cause: error });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new ProviderError({ kind: 'network', provider: request.provider, code, message: `Cannot resolve the host of ${origin}`, cause: error });
  }
  if (code && NETWORK_CODES.has(code)) {
    return new ProviderError({ kind: 'network', provider: request.provider, code, message: `Connection to ${origin} failed (${code})`, cause: error });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new ProviderError({ kind: 'network', provider: request.provider, code, message: `Request to ${origin} failed: ${detail}`, cause: error });
}

class UndiciResponse implements HttpResponse {
  private consumed = false;
  constructor(
    readonly status: number,
    readonly headers: HttpHeaders,
    private readonly raw: Dispatcher.ResponseData['body'],
    private readonly request: HttpRequest,
  ) {}

  get body(): AsyncIterable<Uint8Array> {
    return this.iterate();
  }

  private async *iterate(): AsyncGenerator<Uint8Array> {
    this.consumed = true;
    try {
      for await (const chunk of this.raw) yield chunk as Uint8Array;
    } catch (error) {
      throw transportError(error, this.request);
    } finally {
      this.close();
    }
  }

  async text(): Promise<string> {
    this.consumed = true;
    try {
      return await this.raw.text();
    } catch (error) {
      throw transportError(error, this.request);
    }
  }

  async json<T>(): Promise<T> {
    const text = await this.text();
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new ProviderError({
        kind: 'invalid-response',
        provider: this.request.provider,
        message: `${originOf(this.request.url)} answered with invalid JSON`,
        cause: error,
      });
    }
  }

  close(): void {
    if (!this.raw.destroyed) this.raw.destroy();
    this.consumed = true;
  }

  get unread(): boolean {
    return !this.consumed;
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

/** The one HTTP client of the core: undici, abortable, with connect/first-byte/idle timeouts. */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient & { close(): Promise<void> } {
  const ownsDispatcher = !options.dispatcher;
  const dispatcher =
    options.dispatcher ??
    new Agent({
      connect: { timeout: options.connectTimeoutMs ?? 10_000 },
      keepAliveTimeout: 10_000,
    });
  return {
    async request(request: HttpRequest): Promise<HttpResponse> {
      if (request.signal?.aborted) throw cancelledError(request.provider, request.signal.reason);
      try {
        const response = await undiciRequest(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          signal: request.signal,
          dispatcher,
          headersTimeout: request.timeouts?.firstByteMs ?? options.firstByteTimeoutMs ?? 60_000,
          bodyTimeout: request.timeouts?.idleMs ?? options.idleTimeoutMs ?? 60_000,
        });
        return new UndiciResponse(response.statusCode, headerReader(response.headers), response.body, request);
      } catch (error) {
        throw transportError(error, request);
      }
    },
    async close(): Promise<void> {
      if (ownsDispatcher) await dispatcher.close();
    },
  };
}

/** Reads an error response into a typed ProviderError. The message is the server's, cut short. */
export async function errorFromResponse(
  response: HttpResponse,
  provider: string,
  describe?: (body: unknown, text: string) => { message?: string; code?: string; kind?: ProviderError['kind'] } | undefined,
  now: number = Date.now(),
): Promise<ProviderError> {
  let text = '';
  try {
    text = (await response.text()).slice(0, 4000);
  } catch {
    // The status alone is enough to type the error.
  }
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const described = describe?.(body, text) ?? describeCommonErrorBody(body);
  const serverMessage = described?.message ?? (text && !body ? text.trim().slice(0, 300) : undefined);
  const kind = described?.kind ?? kindForStatus(response.status);
  return new ProviderError({
    kind,
    provider,
    status: response.status,
    code: described?.code,
    retryAfterMs: parseRetryAfter(response.headers, now),
    message: `HTTP ${response.status}${serverMessage ? `: ${serverMessage}` : ''}`,
  });
}

/** `{"error":{"message","type","code"}}` (OpenAI, Anthropic, Google) and `{"error":"…"}` (Ollama). */
export function describeCommonErrorBody(body: unknown): { message?: string; code?: string; kind?: ProviderError['kind'] } | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error === 'string') return { message: error };
  if (error && typeof error === 'object') {
    const { message, code, type, status } = error as Record<string, unknown>;
    const codeText = typeof code === 'string' ? code : typeof type === 'string' ? type : typeof status === 'string' ? status : undefined;
    const kind = codeText === 'context_length_exceeded' ? 'context-length' : undefined;
    return { message: typeof message === 'string' ? message.slice(0, 500) : undefined, code: codeText, kind };
  }
  const message = (body as { message?: unknown }).message;
  return typeof message === 'string' ? { message: message.slice(0, 500) } : undefined;
}
