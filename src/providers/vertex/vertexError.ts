import { ProviderError, kindForStatus, parseRetryAfter, type ProviderErrorKind } from '../../util/errors';
import type { HttpResponse } from '../../util/http';
import { describeAnthropicError, kindForAnthropicErrorType } from '../anthropic/anthropicError';

interface GoogleErrorBody {
  code?: number;
  status?: string;
  message?: string;
  details?: Array<{ '@type'?: string; retryDelay?: string }>;
}

/** google.rpc status → kind. */
export function kindForGoogleStatus(status: string | undefined, message = ''): ProviderErrorKind | undefined {
  switch (status) {
    case 'RESOURCE_EXHAUSTED':
      return 'rate-limit';
    case 'UNAVAILABLE':
    case 'INTERNAL':
    case 'ABORTED':
    case 'UNKNOWN':
      return 'server';
    case 'DEADLINE_EXCEEDED':
      return 'timeout';
    case 'INVALID_ARGUMENT':
    case 'FAILED_PRECONDITION':
    case 'OUT_OF_RANGE':
      return /exceeds the maximum number of tokens|token count .* exceeds|too long/i.test(message) ? 'context-length' : 'bad-request';
    case 'UNAUTHENTICATED':
    case 'PERMISSION_DENIED':
      return 'auth';
    case 'NOT_FOUND':
      return 'not-found';
    default:
      return undefined;
  }
}

/** `RetryInfo.retryDelay` ("34.4s", "2s") in milliseconds. */
export function retryDelayMs(details: GoogleErrorBody['details']): number | undefined {
  for (const detail of details ?? []) {
    if (!detail?.['@type']?.endsWith('google.rpc.RetryInfo') || typeof detail.retryDelay !== 'string') continue;
    const match = /^(\d+(?:\.\d+)?)s$/.exec(detail.retryDelay.trim());
    if (match) return Math.round(Number(match[1]) * 1000);
  }
  return undefined;
}

/** The Google error object of a body: `{error:{…}}`, or `[{error:{…}}]` as streaming endpoints send it. */
export function googleErrorOf(body: unknown): GoogleErrorBody | undefined {
  const first = Array.isArray(body) ? body[0] : body;
  const error = first && typeof first === 'object' ? (first as { error?: unknown }).error : undefined;
  return error && typeof error === 'object' ? (error as GoogleErrorBody) : undefined;
}

/** A Google error object (HTTP body or in-stream chunk) → ProviderError. */
export function googleError(error: GoogleErrorBody, provider: string, status?: number, headerRetryMs?: number): ProviderError {
  const message = typeof error.message === 'string' ? error.message.slice(0, 500) : undefined;
  const code = typeof error.status === 'string' ? error.status : undefined;
  const kind = kindForGoogleStatus(code, message) ?? (status ?? error.code ? kindForStatus(status ?? error.code!) : 'server');
  return new ProviderError({
    kind,
    provider,
    status,
    code,
    retryAfterMs: retryDelayMs(error.details) ?? headerRetryMs,
    message: `${status ? `HTTP ${status}` : 'Vertex stream error'}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`,
  });
}

/** A non-2xx Vertex response (Google's error shape, or Anthropic's from Claude models). */
export async function vertexErrorFromResponse(response: HttpResponse, provider: string, now: number): Promise<ProviderError> {
  let text = '';
  try {
    text = (await response.text()).slice(0, 4000);
  } catch {
    // The status alone types the error.
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const headerRetryMs = parseRetryAfter(response.headers, now);
  const google = googleErrorOf(body);
  if (google && (google.status || google.code)) return googleError(google, provider, response.status, headerRetryMs);
  const anthropic = describeAnthropicError(body);
  const kind = kindForAnthropicErrorType(anthropic.type, anthropic.message) ?? kindForStatus(response.status);
  const message = anthropic.message ?? google?.message ?? (body ? undefined : text.trim().slice(0, 300));
  return new ProviderError({ kind, provider, status: response.status, code: anthropic.type, retryAfterMs: headerRetryMs, message: `HTTP ${response.status}${message ? `: ${message}` : ''}` });
}
