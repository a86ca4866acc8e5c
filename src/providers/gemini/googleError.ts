import { ProviderError, kindForStatus, type ProviderErrorKind } from '../../util/errors';
import { cutText } from '../../util/redact';
import { errorFromResponse, type HttpResponse } from '../../util/http';
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
      return /exceeds the maximum number of tokens|token count .* exceeds|too long/i.test(message)
        ? 'context-length'
        : 'bad-request';
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
  for (const detail of Array.isArray(details) ? details : []) {
    if (
      typeof detail?.['@type'] !== 'string' ||
      !detail['@type'].endsWith('google.rpc.RetryInfo') ||
      typeof detail.retryDelay !== 'string'
    )
      continue;
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
export function googleError(
  error: GoogleErrorBody,
  provider: string,
  status?: number,
  headerRetryMs?: number,
): ProviderError {
  const message = typeof error.message === 'string' ? cutText(error.message, 500) : undefined;
  const code = typeof error.status === 'string' ? error.status : undefined;
  const kind =
    kindForGoogleStatus(code, message) ?? ((status ?? error.code) ? kindForStatus(status ?? error.code!) : 'server');
  return new ProviderError({
    kind,
    slot: provider,
    status,
    code,
    retryAfterMs: retryDelayMs(error.details) ?? headerRetryMs,
    message: `${status ? `HTTP ${status}` : 'Vertex stream error'}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`,
  });
}

/** `errorFromResponse` reader for Vertex bodies: Google's `{error:{status,message}}` or Anthropic's (Claude models). */
function describeVertexErrorBody(
  body: unknown,
): { message?: string; code?: string; kind?: ProviderErrorKind } | undefined {
  const google = googleErrorOf(body);
  if (google && (google.status || google.code)) {
    const message = typeof google.message === 'string' ? cutText(google.message, 500) : undefined;
    return { message, code: google.status, kind: kindForGoogleStatus(google.status, message) };
  }
  const anthropic = describeAnthropicError(body);
  if (anthropic.type || anthropic.message)
    return {
      message: anthropic.message,
      code: anthropic.type,
      kind: kindForAnthropicErrorType(anthropic.type, anthropic.message),
    };
  return undefined;
}

/** A non-2xx Vertex response as a typed error; `RetryInfo.retryDelay` wins over a Retry-After header. */
export async function vertexErrorFromResponse(
  response: HttpResponse,
  provider: string,
  now: number,
): Promise<ProviderError> {
  let parsed: unknown;
  const error = await errorFromResponse(
    response,
    provider,
    (body) => {
      parsed = body;
      return describeVertexErrorBody(body);
    },
    now,
  );
  const retryAfterMs = retryDelayMs(googleErrorOf(parsed)?.details);
  if (retryAfterMs === undefined) return error;
  return new ProviderError({
    kind: error.kind,
    slot: provider,
    status: error.status,
    code: error.code,
    retryAfterMs,
    message: error.message,
  });
}
