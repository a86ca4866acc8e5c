// How transport failures and error responses become typed ProviderErrors (never with headers or bodies).
import { ProviderError, cancelledError, kindForStatus, parseRetryAfter } from './errors';
import { cutText } from './redact';
import type { HttpRequest, HttpResponse } from './http';
import { MAX_ERROR_BODY_BYTES } from './limits';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
]);

export function originOf(url: string): string {
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

export type TimeoutPhase = 'connect' | 'first-byte' | 'idle';

const TIMEOUT_CODES: Record<TimeoutPhase, string> = {
  connect: 'CONNECT_TIMEOUT',
  'first-byte': 'FIRST_BYTE_TIMEOUT',
  idle: 'IDLE_TIMEOUT',
};

export function timeoutError(phase: TimeoutPhase, request: Pick<HttpRequest, 'provider' | 'url'>): ProviderError {
  const origin = originOf(request.url);
  const message =
    phase === 'connect'
      ? `Timed out connecting to ${origin}`
      : phase === 'first-byte'
        ? `No response from ${origin} before the first-byte timeout`
        : `The stream from ${origin} went silent past the idle timeout`;
  return new ProviderError({ kind: 'timeout', slot: request.provider, code: TIMEOUT_CODES[phase], message });
}

/** Maps a node:http(s) transport failure to a typed ProviderError. Never includes headers or bodies. */
export function transportError(
  error: unknown,
  request: Pick<HttpRequest, 'provider' | 'url' | 'signal'>,
): ProviderError {
  if (error instanceof ProviderError) return error;
  const origin = originOf(request.url);
  if (request.signal?.aborted) return cancelledError(request.provider, error);
  const code = errorCode(error);
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'AbortError') return cancelledError(request.provider, error);
  if (code === 'ECONNREFUSED') {
    return new ProviderError({
      kind: 'network',
      slot: request.provider,
      code,
      message: `Connection refused by ${origin}`,
      cause: error,
    });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new ProviderError({
      kind: 'network',
      slot: request.provider,
      code,
      message: `Cannot resolve the host of ${origin}`,
      cause: error,
    });
  }
  if (code && NETWORK_CODES.has(code)) {
    return new ProviderError({
      kind: 'network',
      slot: request.provider,
      code,
      message: `Connection to ${origin} failed (${code})`,
      cause: error,
    });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new ProviderError({
    kind: 'network',
    slot: request.provider,
    code,
    message: `Request to ${origin} failed: ${detail}`,
    cause: error,
  });
}

/** What an error body says: the server's message and code, a kind it names, and how long it says to wait. */
export interface ErrorBodyDescription {
  message?: string;
  code?: string;
  kind?: ProviderError['kind'];
  retryAfterMs?: number;
}

/** Reads an error response into a typed ProviderError. The message is the server's, cut short. */
export async function errorFromResponse(
  response: HttpResponse,
  provider: string,
  describe?: (body: unknown, text: string) => ErrorBodyDescription | undefined,
  now: number = Date.now(),
): Promise<ProviderError> {
  let text = '';
  try {
    text = await response.text({ maxBytes: MAX_ERROR_BODY_BYTES, truncate: true });
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
  const serverMessage = described?.message ?? (text && !body ? cutText(text.trim(), 300) : undefined);
  const kind = described?.kind ?? kindForStatus(response.status);
  return new ProviderError({
    kind,
    slot: provider,
    status: response.status,
    code: described?.code,
    // A Retry-After header wins; some services only say it in the body (GitHub Models: "Please wait 46 seconds").
    retryAfterMs: parseRetryAfter(response.headers, now) ?? described?.retryAfterMs,
    message: `HTTP ${response.status}${serverMessage ? `: ${serverMessage}` : ''}`,
  });
}

/** `{"error":{"message","type","code"}}` (OpenAI, Anthropic, Google) and `{"error":"…"}` (Ollama). */
export function describeCommonErrorBody(body: unknown): ErrorBodyDescription | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error === 'string') return { message: error };
  if (error && typeof error === 'object') {
    const { message, code, type, status } = error as Record<string, unknown>;
    const codeText =
      typeof code === 'string'
        ? code
        : typeof type === 'string'
          ? type
          : typeof status === 'string'
            ? status
            : undefined;
    const kind = codeText === 'context_length_exceeded' ? 'context-length' : undefined;
    return { message: typeof message === 'string' ? cutText(message, 500) : undefined, code: codeText, kind };
  }
  const message = (body as { message?: unknown }).message;
  return typeof message === 'string' ? { message: cutText(message, 500) } : undefined;
}
