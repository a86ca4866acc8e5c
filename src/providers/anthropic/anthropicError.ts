import { ProviderError, type ProviderErrorKind } from '../../util/errors';
import { cutText } from '../../util/redact';
import { errorFromResponse, type HttpResponse } from '../../util/http';

/** Anthropic's error `type` (HTTP bodies and in-stream `error` events) → our kind. */
export function kindForAnthropicErrorType(type: string | undefined, message = ''): ProviderErrorKind | undefined {
  if (/prompt is too long|context window|too many (input )?tokens/i.test(message)) return 'context-length';
  switch (type) {
    case 'overloaded_error':
      return 'overloaded';
    case 'rate_limit_error':
      return 'rate-limit';
    case 'api_error':
      return 'server';
    case 'timeout_error':
      return 'timeout';
    case 'invalid_request_error':
      return 'bad-request';
    case 'authentication_error':
    case 'permission_error':
    case 'billing_error':
      return 'auth';
    case 'not_found_error':
      return 'not-found';
    case 'request_too_large':
      return 'context-length';
    default:
      return undefined;
  }
}

/** `{"type":"error","error":{"type","message"}}`: reads the type and message, leniently. */
export function describeAnthropicError(body: unknown): { type?: string; message?: string } {
  const error = body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
  if (!error || typeof error !== 'object') return {};
  const { type, message } = error as { type?: unknown; message?: unknown };
  return {
    type: typeof type === 'string' ? type : undefined,
    message: typeof message === 'string' ? cutText(message, 500) : undefined,
  };
}

/** An `event: error` inside a 200 stream (e.g. `overloaded_error` mid-answer). */
export function anthropicStreamError(payload: unknown, provider: string): ProviderError {
  const { type, message } = describeAnthropicError(payload);
  return new ProviderError({
    kind: kindForAnthropicErrorType(type, message) ?? 'server',
    slot: provider,
    code: type,
    message: `Anthropic stream error${type ? ` (${type})` : ''}: ${message ?? 'no message'}`,
  });
}

const OTHER_APP_ONLY = /only authori[sz]ed for use with|not (allowed|authori[sz]ed) for (this|third)/i;

/**
 * A non-2xx answer as a typed error. With an OAuth token, a refusal that says the token belongs to another app
 * (Claude Code) becomes an actionable `auth` error: Anthropic limits subscription tokens to its own apps.
 */
export async function anthropicErrorFromResponse(
  response: HttpResponse,
  provider: string,
  oauth: boolean,
  now: number,
): Promise<ProviderError> {
  // Decided on the server's own words (its `error.message`, or the raw text of a non-JSON body), not on the
  // `HTTP 4xx: …` message built from them, which keeps only the first 300 characters of a plain-text body.
  let refusedAsOtherAppOnly = false;
  const error = await errorFromResponse(
    response,
    provider,
    (body, text) => {
      const { type, message } = describeAnthropicError(body);
      refusedAsOtherAppOnly = OTHER_APP_ONLY.test(message ?? text);
      if (!type && !message) return undefined;
      const kind = type === 'overloaded_error' ? 'overloaded' : kindForAnthropicErrorType(undefined, message);
      return { message, code: type, kind };
    },
    now,
  );
  if (oauth && error.status !== undefined && error.status >= 400 && error.status < 500 && refusedAsOtherAppOnly) {
    return new ProviderError({
      kind: 'auth',
      slot: provider,
      status: error.status,
      code: 'oauth-token-restricted',
      message:
        `Anthropic refused the Claude subscription (OAuth) token of [${provider}] (${error.message}). ` +
        'Anthropic only lets these tokens be used by its own apps. Create an API key at https://console.anthropic.com/settings/keys ' +
        `and use it as the api_key of [${provider}].`,
    });
  }
  return error;
}
