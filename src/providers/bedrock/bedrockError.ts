import { ProviderError, type ProviderErrorKind } from '../../util/errors';
import { cutText } from '../../util/redact';
import { errorFromResponse, type HttpResponse } from '../../util/http';

const CONTEXT_LENGTH = /too long|too many (input )?tokens|context (length|window)|maximum context/i;

/**
 * Bedrock error type (`throttlingException`, `ValidationException`, `x-amzn-errortype` values such as
 * `ThrottlingException:http://internal.amazon.com/...`) → kind. Case-insensitive; undefined when unknown.
 */
export function kindForBedrockErrorType(type: string | undefined, message = ''): ProviderErrorKind | undefined {
  const name = (type ?? '').split(':')[0].trim().toLowerCase();
  switch (name) {
    case 'throttlingexception':
    case 'toomanyrequestsexception':
      return 'rate-limit';
    case 'serviceunavailableexception':
    case 'internalserverexception':
    case 'modelstreamerrorexception':
    case 'modelnotreadyexception':
    case 'modelerrorexception':
      return 'server';
    case 'modeltimeoutexception':
      return 'timeout';
    case 'validationexception':
      return CONTEXT_LENGTH.test(message) ? 'context-length' : 'bad-request';
    case 'accessdeniedexception':
    case 'unrecognizedclientexception':
    case 'invalidsignatureexception':
    case 'expiredtokenexception':
    case 'incompletesignatureexception':
    case 'missingauthenticationtokenexception':
      return 'auth';
    case 'resourcenotfoundexception':
      return 'not-found';
    default:
      return undefined;
  }
}

/** Signature and clock-skew refusals get a message that says what to check. */
function explainAuth(type: string, message: string): string {
  if (/signature expired|signature not yet current|request time.*(too skewed|difference)/i.test(message)) {
    return `AWS refused the signature because this machine's clock is off (clock skew): ${message}. Sync the system clock.`;
  }
  if (/^invalidsignatureexception$/i.test(type) || /signature we calculated does not match/i.test(message)) {
    return `AWS refused the request signature (check the secret access key and the region): ${message}`;
  }
  if (/^(expiredtokenexception|unrecognizedclientexception)$/i.test(type)) {
    return `AWS refused the credentials (${type}): ${message}. Refresh the session token or the access keys.`;
  }
  return message;
}

/** An in-stream `exception` frame (`:exception-type`) or `error` frame (`:error-code`) → ProviderError. */
export function bedrockStreamError(type: string, payloadText: string, provider: string): ProviderError {
  let message = payloadText;
  try {
    const body = JSON.parse(payloadText) as { message?: unknown; Message?: unknown };
    const text = body.message ?? body.Message;
    if (typeof text === 'string') message = text;
  } catch {
    // Not JSON: keep the raw text.
  }
  message = cutText(message, 500);
  const kind = kindForBedrockErrorType(type, message) ?? 'server';
  return new ProviderError({
    kind,
    slot: provider,
    code: type,
    message: `Bedrock ${type}: ${kind === 'auth' ? explainAuth(type, message) : message}`,
  });
}

/** A non-2xx Bedrock response: JSON `{message}` and the `x-amzn-errortype` header (or `__type` in the body). */
export async function bedrockErrorFromResponse(
  response: HttpResponse,
  provider: string,
  now: number,
): Promise<ProviderError> {
  const headerType = response.headers.get('x-amzn-errortype')?.split(':')[0];
  return errorFromResponse(
    response,
    provider,
    (body) => {
      const fields = (body && typeof body === 'object' ? body : {}) as {
        message?: unknown;
        Message?: unknown;
        __type?: unknown;
      };
      const raw = fields.message ?? fields.Message;
      const message = typeof raw === 'string' ? cutText(raw, 500) : undefined;
      const type = headerType || (typeof fields.__type === 'string' ? fields.__type.split('#').pop() : undefined);
      if (!type && !message) return undefined;
      const kind = kindForBedrockErrorType(type, message);
      const shown = kind === 'auth' && type ? explainAuth(type, message ?? '') : message;
      return { message: type ? `${type}${shown ? `: ${shown}` : ''}` : shown, code: type, kind };
    },
    now,
  );
}
