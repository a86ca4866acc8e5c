import { ProviderError } from '../../util/errors';
import { cutText } from '../../util/redact';
import { describeOpenAIError } from '../openaiCompatible/openaiError';

/** Codes the Responses API puts in `response.error.code` that the Chat Completions table does not know. */
const RESPONSES_BAD_REQUEST = new Set([
  'invalid_prompt',
  'invalid_image',
  'invalid_image_format',
  'image_too_large',
  'empty_image_file',
]);

/**
 * An error inside a 200 Responses stream: a `response.failed` event (`response.error{code,message}`), an `error`
 * event (`{type:"error", code, message, param}`) or a payload with `.error`. Typed by the code (rate limits fail
 * over and cool the slot down), `server` when nothing names a kind.
 */
export function responsesStreamError(payload: unknown, rawData: string, provider: string): ProviderError {
  const failed =
    payload && typeof payload === 'object'
      ? (payload as { response?: { error?: unknown } }).response?.error
      : undefined;
  const described = describeOpenAIError(failed ? { error: failed } : payload);
  const message = described?.message ?? (cutText(rawData.trim(), 300) || 'unknown error');
  const kind =
    described?.kind ?? (described?.code && RESPONSES_BAD_REQUEST.has(described.code) ? 'bad-request' : 'server');
  return new ProviderError({ kind, slot: provider, code: described?.code, message: `Error in the stream: ${message}` });
}
