import type { FakeHandler, RecordedRequest } from './fakeServer';
import { openaiChunk, replaySse, replyError, sseFromPayloads } from './wire';

/**
 * What real Chat Completions services refuse, as checks a fake server runs on each request before answering:
 * a check returns the service's own error (status and body) when the request breaks its rule. Each names the
 * source of the rule; all checked 2026-12-05.
 */
export interface Refusal {
  status: number;
  body: unknown;
}
export type WireCheck = (body: any) => Refusal | undefined;

const assistantMessages = (body: any): Array<{ message: any; index: number }> =>
  (Array.isArray(body?.messages) ? body.messages : []).flatMap((message: any, index: number) =>
    message?.role === 'assistant' ? [{ message, index }] : [],
  );

/** DeepSeek thinking mode (api-docs.deepseek.com/guides/thinking_mode#tool-calls): an assistant tool-call turn without its reasoning. */
export const deepseekNeedsReasoningContent: WireCheck = (body) => {
  const missing = assistantMessages(body).find(
    ({ message }) => Array.isArray(message.tool_calls) && typeof message.reasoning_content !== 'string',
  );
  return missing
    ? {
        status: 400,
        body: {
          error: {
            message: `Missing \`reasoning_content\` field in the assistant message at message index ${missing.index}`,
            type: 'invalid_request_error',
            code: 'invalid_request_error',
          },
        },
      }
    : undefined;
};

/** Kimi K2.5+ thinking (continuedev/continue#11600). */
export const kimiNeedsReasoningContent: WireCheck = (body) => {
  const missing = assistantMessages(body).find(
    ({ message }) => Array.isArray(message.tool_calls) && typeof message.reasoning_content !== 'string',
  );
  return missing
    ? {
        status: 400,
        body: {
          error: {
            message: `thinking is enabled but reasoning_content is missing in assistant tool call message at index ${missing.index}`,
            type: 'invalid_request_error',
          },
        },
      }
    : undefined;
};

/** Gemini 3 on the OpenAI-compatible endpoint (ai.google.dev/gemini-api/docs/thought-signatures). */
export const geminiNeedsThoughtSignatures: WireCheck = (body) => {
  for (const { message } of assistantMessages(body)) {
    for (const call of message.tool_calls ?? []) {
      if (typeof call?.extra_content?.google?.thought_signature !== 'string') {
        return {
          status: 400,
          body: [
            {
              error: {
                code: 400,
                message: `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly.`,
                status: 'INVALID_ARGUMENT',
              },
            },
          ],
        };
      }
    }
  }
  return undefined;
};

/** Mistral (docs.mistral.ai function calling; anomalyco/opencode#1680): ids of exactly 9 [A-Za-z0-9], results matching a call; no unknown fields (422). */
export const mistralToolCallRules: WireCheck = (body) => {
  const ids = new Set<string>();
  for (const [index, message] of (body?.messages ?? []).entries()) {
    if (message?.role === 'assistant' && 'reasoning_content' in message) {
      return {
        status: 422,
        body: {
          object: 'error',
          message: {
            detail: [
              {
                type: 'extra_forbidden',
                loc: ['body', 'messages', index, 'assistant', 'reasoning_content'],
                msg: 'Extra inputs are not permitted',
              },
            ],
          },
          type: 'invalid_request_error',
        },
      };
    }
    for (const call of message?.tool_calls ?? []) {
      if (!/^[A-Za-z0-9]{9}$/.test(call.id)) {
        return {
          status: 400,
          body: {
            object: 'error',
            message: `Tool call id was ${call.id} but must be a-z, A-Z, 0-9, with a length of 9.`,
            type: 'invalid_request_message_error',
            code: '3280',
          },
        };
      }
      ids.add(call.id);
    }
    if (message?.role === 'tool' && !ids.has(message.tool_call_id)) {
      return {
        status: 400,
        body: {
          object: 'error',
          message: `Unexpected tool call id ${message.tool_call_id} in tool results`,
          type: 'invalid_request_message_error',
          code: '3230',
        },
      };
    }
  }
  return undefined;
};

/** Perplexity (pipecat-ai/pipecat#4862): any request with tools. */
export const perplexityRefusesTools: WireCheck = (body) =>
  Array.isArray(body?.tools)
    ? {
        status: 400,
        body: {
          error: { message: 'Tool calling is not supported for this model.', type: 'invalid_parameter', code: 400 },
        },
      }
    : undefined;

/** Groq llama, xAI grok-4.20 (vercel/ai supports-reasoning-effort.ts): `reasoning_effort` refused. */
export const refusesReasoningEffort: WireCheck = (body) =>
  'reasoning_effort' in (body ?? {})
    ? {
        status: 400,
        body: {
          error: {
            message: '`reasoning_effort` is not supported with this model',
            type: 'invalid_request_error',
            param: 'reasoning_effort',
          },
        },
      }
    : undefined;

/** Cohere's compatibility API (docs.cohere.com/docs/compatibility-api): `stream_options` refused. */
export const refusesStreamOptions: WireCheck = (body) =>
  'stream_options' in (body ?? {})
    ? { status: 400, body: { message: 'invalid request: stream_options is not supported' } }
    : undefined;

/** xAI, Cerebras, OpenAI reasoning models: `max_tokens` refused ("Use 'max_completion_tokens' instead"). */
export const needsMaxCompletionTokens: WireCheck = (body) =>
  'max_tokens' in (body ?? {})
    ? {
        status: 400,
        body: {
          error: {
            message:
              "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
            type: 'invalid_request_error',
            param: 'max_tokens',
            code: 'unsupported_parameter',
          },
        },
      }
    : undefined;

/** A streamed tool call, with optional reasoning first and Gemini's signature on the call. */
export function toolCallTurn(options: {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
  reasoning?: string;
  signature?: string;
}): string {
  const payloads: string[] = [];
  if (options.reasoning) payloads.push(openaiChunk({ role: 'assistant', reasoning_content: options.reasoning }));
  const call: Record<string, unknown> = {
    index: 0,
    id: options.id,
    type: 'function',
    function: { name: options.name, arguments: JSON.stringify(options.arguments) },
  };
  if (options.signature) call.extra_content = { google: { thought_signature: options.signature } };
  payloads.push(openaiChunk({ tool_calls: [call] }), openaiChunk({}, 'tool_calls'));
  return sseFromPayloads(payloads);
}

export function textTurn(text: string): string {
  return sseFromPayloads([openaiChunk({ role: 'assistant', content: text }), openaiChunk({}, 'stop')]);
}

/** A chat endpoint that refuses what `checks` refuse and otherwise answers with the next of `turns` (the last repeats). */
export function strictChat(checks: WireCheck[], turns: string[]): FakeHandler {
  let answered = 0;
  return async (request: RecordedRequest, response) => {
    for (const check of checks) {
      const refusal = check(request.json);
      if (refusal) return replyError(response, refusal.status, refusal.body);
    }
    await replaySse(response, turns[Math.min(answered++, turns.length - 1)]);
  };
}
