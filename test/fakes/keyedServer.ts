import { startFakeServer, type FakeServer } from './fakeServer';
import { openaiChunk, replaySse, replyError, sseFromPayloads } from './wire';

/** How the fake answers one key: a stream, a 429 (with Retry-After seconds), or a 401. */
export type KeyBehaviour = 'ok' | { status: 429; retryAfterSeconds?: number } | { status: 401 };

export interface KeyedServer extends FakeServer {
  /** The Bearer keys of the chat requests, in order. */
  keysSeen(): string[];
  /** Changes how a key is answered from now on. */
  answer(key: string, behaviour: KeyBehaviour): void;
}

/**
 * An OpenAI-compatible Chat Completions server (POST /v1/chat/completions) that answers per Bearer key, as a
 * service with per-key rate limits does: the 429 and 401 bodies are Groq's and OpenAI's shapes
 * (error.code `rate_limit_exceeded` / `invalid_api_key`; https://console.groq.com/docs/rate-limits, checked 2026-12-05).
 * A key it does not know gets a 401, like the real services.
 */
export async function startKeyedServer(behaviours: Record<string, KeyBehaviour>, reply = 'hi'): Promise<KeyedServer> {
  const table = new Map(Object.entries(behaviours));
  const server = await startFakeServer();
  server.route('POST', '/v1/chat/completions', (request, response) => {
    const key = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
    const behaviour = table.get(key) ?? { status: 401 };
    if (behaviour === 'ok')
      return replaySse(response, sseFromPayloads([openaiChunk({ content: reply }), openaiChunk({}, 'stop')]));
    if (behaviour.status === 429) {
      const headers: Record<string, string> =
        behaviour.retryAfterSeconds !== undefined ? { 'retry-after': String(behaviour.retryAfterSeconds) } : {};
      return replyError(
        response,
        429,
        { error: { message: 'Rate limit reached for model', type: 'tokens', code: 'rate_limit_exceeded' } },
        headers,
      );
    }
    return replyError(response, 401, {
      error: { message: 'Invalid API Key', type: 'invalid_request_error', code: 'invalid_api_key' },
    });
  });
  return Object.assign(server, {
    keysSeen: () =>
      server.requests
        .filter((request) => request.url.startsWith('/v1/chat/completions'))
        .map((request) => String(request.headers.authorization ?? '').replace(/^Bearer /, '')),
    answer: (key: string, behaviour: KeyBehaviour) => void table.set(key, behaviour),
  });
}
