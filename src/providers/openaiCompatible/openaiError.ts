import { ProviderError, kindForStatus, type ProviderErrorKind } from '../../util/errors';
import { cutText } from '../../util/redact';

export interface OpenAIErrorDescription {
  message?: string;
  code?: string;
  kind?: ProviderErrorKind;
  /** How long the body says to wait, when no Retry-After header does. */
  retryAfterMs?: number;
}

/**
 * GitHub Models' 429: `{"error":{"code":"RateLimitReached","message":"Rate limit of 10 per 60s exceeded for
 * UserByModelByMinute. Please wait 46 seconds before retrying."}}` (as quoted in public code and issues, e.g.
 * kobzevvv/candidates-video-answers docs/RATE_LIMITS_GUIDE.md; daily limits say "per 86400s", checked 2026-12-05).
 */
const WAIT_SECONDS = /\bPlease wait (\d{1,7}) seconds? before retrying\b/i;

const CONTEXT_MESSAGE =
  /maximum context length|context[ _]length[ _]exceeded|context window|too many tokens in the prompt/i;

/** Kind named by an OpenAI-style `error.code` / `error.type` (or a numeric HTTP-like code), if any. */
export function kindForOpenAIErrorCode(
  code: string | undefined,
  type: string | undefined,
): ProviderErrorKind | undefined {
  for (const name of [code, type]) {
    if (!name) continue;
    if (/^\d{3}$/.test(name)) return kindForStatus(Number(name));
    switch (name) {
      case 'context_length_exceeded':
      case 'string_above_max_length':
        return 'context-length';
      case 'rate_limit_exceeded':
      case 'RateLimitReached':
      case 'rate_limit_error':
      case 'insufficient_quota':
      case 'tokens':
      case 'requests':
        return 'rate-limit';
      case 'overloaded_error':
      case 'overloaded':
      case 'engine_overloaded':
        return 'overloaded';
      case 'server_error':
      case 'internal_error':
      case 'internal_server_error':
      case 'api_error':
      case 'service_unavailable':
        return 'server';
      case 'invalid_api_key':
      case 'authentication_error':
      case 'permission_error':
      case 'unauthorized':
        return 'auth';
      case 'model_not_found':
      case 'not_found_error':
        return 'not-found';
      case 'timeout':
        return 'timeout';
      case 'invalid_request_error':
      case 'unsupported_parameter':
      case 'unsupported_value':
      case 'invalid_value':
        return 'bad-request';
    }
  }
  return undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value) return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * Cloudflare's API envelope, also on Workers AI's OpenAI-compatible paths: `{"result":null,"success":false,
 * "errors":[{"code":7003,"message":"Could not route to …"}],"messages":[]}` (10000: authentication error; 7003: no
 * such account or path; 5007: no such model). Seen in anomalyco/opencode#18552, #23773, #32051, checked 2026-12-05.
 */
function describeCloudflareErrors(body: object): OpenAIErrorDescription | undefined {
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors) || (body as { success?: unknown }).success !== false) return undefined;
  const first = errors.find(
    (entry): entry is Record<string, unknown> =>
      Boolean(entry) && typeof entry === 'object' && typeof (entry as { message?: unknown }).message === 'string',
  );
  if (!first) return undefined;
  const code = text(first.code);
  return { message: cutText(`${first.message as string}${code ? ` (Cloudflare error ${code})` : ''}`, 500), code };
}

/**
 * Reads `{"error":{"message","type","param","code"}}`, `{"error":"…"}` and `{"message":…}` bodies.
 * `kind` is the kind the body names (e.g. `context_length_exceeded`), undefined when only the status can tell.
 */
export function describeOpenAIError(body: unknown): OpenAIErrorDescription | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const cloudflare = describeCloudflareErrors(body);
  if (cloudflare) return cloudflare;
  const error = (body as { error?: unknown }).error;
  if (typeof error === 'string') return { message: cutText(error, 500) };
  const source =
    error && typeof error === 'object' ? (error as Record<string, unknown>) : (body as Record<string, unknown>);
  const message = typeof source.message === 'string' ? cutText(source.message, 500) : undefined;
  const code = text(source.code);
  const type = text(source.type) ?? text(source.status);
  if (message === undefined && code === undefined && type === undefined) return undefined;
  let kind = kindForOpenAIErrorCode(code, type);
  if (kind !== 'context-length' && message && CONTEXT_MESSAGE.test(message)) kind = 'context-length';
  const wait = message ? WAIT_SECONDS.exec(message) : null;
  return { message, code: code ?? type, kind, ...(wait ? { retryAfterMs: Number(wait[1]) * 1000 } : {}) };
}

/**
 * For HTTP error responses: the status decides the kind, except that a body naming an exceeded context
 * turns a 400 into `context-length` (another slot with a larger window may answer).
 */
export function describeOpenAIHttpError(body: unknown): OpenAIErrorDescription | undefined {
  const described = describeOpenAIError(body);
  if (!described) return undefined;
  return { ...described, kind: described.kind === 'context-length' ? 'context-length' : undefined };
}

/** An error sent inside a 200 stream (`event: error` or a payload with `.error`). Defaults to `server`. */
export function openAIStreamError(payload: unknown, rawData: string, provider: string): ProviderError {
  const described = describeOpenAIError(payload);
  const message = described?.message ?? (cutText(rawData.trim(), 300) || 'unknown error');
  return new ProviderError({
    kind: described?.kind ?? 'server',
    slot: provider,
    code: described?.code,
    message: `Error in the stream: ${message}`,
  });
}

/** A stream that broke the protocol: malformed chunk, missing end, unusable tool arguments. */
export function invalidResponse(provider: string, message: string, cause?: unknown): ProviderError {
  return new ProviderError({ kind: 'invalid-response', slot: provider, message, cause });
}
