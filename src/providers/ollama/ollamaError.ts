import { ProviderError } from '../../util/errors';
import { cutText } from '../../util/redact';

/** The base URL without user info, safe to show. */
export function displayUrl(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return '(invalid URL)';
  }
}

/** A refused connection means the Ollama server is not running: say so (still `network`, so the router moves on). */
export function ollamaTransportError(error: unknown, baseUrl: string, provider: string): unknown {
  if (error instanceof ProviderError && error.kind === 'network' && error.code === 'ECONNREFUSED') {
    return new ProviderError({
      kind: 'network',
      slot: provider,
      code: error.code,
      message: `Ollama is not running at ${displayUrl(baseUrl)}: start it with "ollama serve" or fix base_url of [${provider}].`,
      cause: error,
    });
  }
  return error;
}

/** A `{"error":"…"}` line inside a 200 stream. */
export function ollamaStreamError(message: unknown, provider: string): ProviderError {
  const text = typeof message === 'string' ? cutText(message, 500) : 'unknown error';
  return new ProviderError({ kind: 'server', slot: provider, message: `Ollama error: ${text}` });
}
