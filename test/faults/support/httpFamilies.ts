import type { AnthropicSlot, OllamaSlot, OpenAICompatSlot } from '../../../src/config/types';
import { anthropicPayloads } from '../../support/wire/anthropicMessages';
import { textOf } from '../../support/wire/events';
import { ollamaChatLines } from '../../support/wire/ollamaChat';
import { openaiChatPayloads } from '../../support/wire/openaiChat';
import { TEXT_ANSWER } from '../../support/wire/samples';
import { COMMON_FAULTS, STREAM_ERROR_FAULTS } from './faults';
import { SOURCE, bearerOf, sseFrames, type Family, type WireStream } from './family';
import { SECRETS } from './secrets';

/** The text of OpenAI chunks: every `choices[0].delta.content` joined. */
export function openaiText(payloads: string[]): string {
  return payloads
    .map(
      (payload) =>
        (JSON.parse(payload) as { choices?: Array<{ delta?: { content?: string | null } }> }).choices?.[0]?.delta
          ?.content ?? '',
    )
    .join('');
}

/** The sample answer as OpenAI streams it (role chunk, deltas, finish, `choices:[]` usage chunk), as Chat Completions SSE. */
export function openaiWire(): WireStream {
  const payloads = openaiChatPayloads(TEXT_ANSWER);
  return {
    contentType: 'text/event-stream; charset=utf-8',
    frames: sseFrames(payloads),
    firstOutputFrame: payloads.findIndex((payload) => openaiText([payload]).length > 0),
    text: openaiText(payloads),
    malformedFrame: Buffer.from(
      'data: {"id":"chatcmpl-x","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hel\n\n',
    ),
    // OpenAI and OpenRouter put an error object in the stream when the upstream fails after the 200.
    errorEventFrame: Buffer.from(
      'data: {"error":{"message":"The server is overloaded, please try again","type":"server_error","code":"server_error"}}\n\n',
    ),
  };
}

export function openaiErrorBody(status: number, echo: string | undefined): unknown {
  const quoted = echo ? ` (request key ${echo})` : '';
  if (status === 429)
    return {
      error: {
        message: `Rate limit reached for requests${quoted}`,
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      },
    };
  if (status === 401)
    return {
      error: {
        message: `Incorrect API key provided: ${echo ?? ''}`,
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    };
  if (status === 529)
    return {
      error: { message: `The engine is currently overloaded${quoted}`, type: 'server_error', param: null, code: null },
    };
  return {
    error: {
      message: `The server had an error while processing your request${quoted}`,
      type: 'server_error',
      param: null,
      code: null,
    },
  };
}

export const openaiCompatFamily: Family = {
  id: 'openai-compat',
  label: 'OpenAI-compatible',
  kind: 'openai-compat',
  faults: [...COMMON_FAULTS, ...STREAM_ERROR_FAULTS],
  wire: openaiWire,
  errorBody: openaiErrorBody,
  async setup({ chatBaseUrl }) {
    const slot: OpenAICompatSlot = {
      id: 'groq',
      kind: 'openai-compat',
      displayName: 'Groq',
      model: 'gpt-4.1-nano',
      baseUrl: `${chatBaseUrl}/openai/v1`,
      source: SOURCE,
      apiKey: { type: 'literal', value: SECRETS.openaiKey },
      chatPath: '/chat/completions',
      freeTier: false,
      local: false,
      supportsStreamOptions: true,
    };
    return {
      slot,
      chat: { method: 'POST', path: '/openai/v1/chat/completions' },
      credentialOf: bearerOf,
      knownSecrets: [SECRETS.openaiKey],
    };
  },
};

/** The sample answer as a Messages API stream (with a ping after the first delta), as SSE with event names. */
function anthropicWire(): WireStream {
  const payloads = anthropicPayloads([TEXT_ANSWER[0], { type: 'ping' }, ...TEXT_ANSWER.slice(1)]);
  const textOf = (payload: string) => {
    const event = JSON.parse(payload) as { type?: string; delta?: { type?: string; text?: string } };
    return event.type === 'content_block_delta' && event.delta?.type === 'text_delta' ? (event.delta.text ?? '') : '';
  };
  return {
    contentType: 'text/event-stream; charset=utf-8',
    frames: sseFrames(payloads, { eventNames: true, done: false }),
    firstOutputFrame: payloads.findIndex((payload) => textOf(payload).length > 0),
    text: payloads.map(textOf).join(''),
    malformedFrame: Buffer.from('event: message_start\ndata: {"type":"message_start","message":{"id":"msg_01\n\n'),
    errorEventFrame: Buffer.from(
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
    ),
  };
}

export const anthropicFamily: Family = {
  id: 'anthropic',
  label: 'Anthropic',
  kind: 'anthropic',
  faults: [...COMMON_FAULTS, ...STREAM_ERROR_FAULTS],
  wire: anthropicWire,
  errorBody(status, echo) {
    const type =
      status === 429
        ? 'rate_limit_error'
        : status === 529
          ? 'overloaded_error'
          : status === 401
            ? 'authentication_error'
            : 'api_error';
    const message =
      status === 529
        ? 'Overloaded'
        : status === 401
          ? 'invalid x-api-key'
          : status === 429
            ? 'Number of requests has exceeded your rate limit'
            : 'Internal server error';
    return { type: 'error', error: { type, message: `${message}${echo ? ` (x-api-key ${echo})` : ''}` } };
  },
  async setup({ chatBaseUrl }) {
    const slot: AnthropicSlot = {
      id: 'claude',
      kind: 'anthropic',
      displayName: 'Anthropic',
      model: 'claude-sonnet-4-5',
      baseUrl: chatBaseUrl,
      source: SOURCE,
      apiKey: { type: 'literal', value: SECRETS.anthropicKey },
    };
    const credentialOf = (request: { headers: Record<string, unknown> }) => {
      const key = request.headers['x-api-key'];
      return typeof key === 'string' ? key : undefined;
    };
    return { slot, chat: { method: 'POST', path: '/v1/messages' }, credentialOf, knownSecrets: [SECRETS.anthropicKey] };
  },
};

/** The sample answer as `/api/chat` NDJSON. */
export function ollamaWire(): WireStream {
  const lines = ollamaChatLines(TEXT_ANSWER);
  return {
    contentType: 'application/x-ndjson',
    frames: lines.map((line) => Buffer.from(`${line}\n`)),
    firstOutputFrame: 0,
    text: textOf(TEXT_ANSWER),
    malformedFrame: Buffer.from(
      '{"model":"gemma4","created_at":"2025-10-26T17:15:24.097767Z","message":{"role":"assis\n',
    ),
    // The mid-stream error line Ollama documents (docs/api/errors.mdx, "Errors that occur while streaming").
    errorEventFrame: Buffer.from(
      `${ollamaChatLines([{ type: 'error', message: 'an error was encountered while running the model' }])[0]}\n`,
    ),
  };
}

export const ollamaFamily: Family = {
  id: 'ollama',
  label: 'Ollama',
  kind: 'ollama',
  faults: [...COMMON_FAULTS, ...STREAM_ERROR_FAULTS],
  wire: ollamaWire,
  errorBody(status) {
    return {
      error:
        status === 429
          ? 'too many requests'
          : status === 503
            ? 'server busy, please try again'
            : `model runner failed (HTTP ${status})`,
    };
  },
  async setup({ chatBaseUrl }) {
    const slot: OllamaSlot = {
      id: 'ollama',
      kind: 'ollama',
      displayName: 'Ollama',
      model: 'gemma4',
      baseUrl: chatBaseUrl,
      source: SOURCE,
    };
    return { slot, chat: { method: 'POST', path: '/api/chat' }, credentialOf: () => undefined, knownSecrets: [] };
  },
};
