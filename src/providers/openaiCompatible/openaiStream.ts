import type { SseEvent } from '../../util/sse';
import type { ChatEvent, Usage } from '../types';
import { ToolCallAssembler } from './assembleToolCalls';
import { mapOpenAIFinishReason } from './mapOpenAIFinishReason';
import { usageOfChunk } from './mapOpenAIUsage';
import { invalidResponse, openAIStreamError } from './openaiError';
import { isObject, nonEmpty, tryParseJson, type Json } from '../jsonValues';

/** The deltas of one choice, as events (reasoning first: DeepSeek sends both fields in one delta). */
function* deltaEvents(delta: Json, toolCalls: ToolCallAssembler): Generator<ChatEvent> {
  const reasoning = nonEmpty(delta.reasoning_content) ? delta.reasoning_content : delta.reasoning;
  if (nonEmpty(reasoning)) yield { type: 'reasoning-delta', text: reasoning };
  if (nonEmpty(delta.content)) yield { type: 'text-delta', text: delta.content };
  else if (Array.isArray(delta.content)) yield* contentPartEvents(delta.content);
  if (nonEmpty(delta.refusal)) yield { type: 'text-delta', text: delta.refusal };
  if (Array.isArray(delta.tool_calls)) for (const fragment of delta.tool_calls) toolCalls.add(fragment);
  else if (isObject(delta.function_call)) toolCalls.add({ index: 0, function: delta.function_call });
}

/** Mistral's reasoning models stream `content` as parts: `{type:'text',text}` and `{type:'thinking',thinking:[{text}]}`. */
function* contentPartEvents(parts: unknown[]): Generator<ChatEvent> {
  for (const part of parts) {
    if (!isObject(part)) continue;
    if (part.type === 'text' && nonEmpty(part.text)) yield { type: 'text-delta', text: part.text };
    if (part.type === 'thinking' && Array.isArray(part.thinking)) {
      const text = part.thinking.map((inner) => (isObject(inner) && typeof inner.text === 'string' ? inner.text : '')).join('');
      if (text) yield { type: 'reasoning-delta', text };
    }
  }
}

/**
 * Chat Completions SSE → ChatEvents. Text, reasoning and refusals stream as they come; tool calls are emitted
 * whole when the choice finishes; usage (the include_usage chunk, Perplexity's cumulative usage on every chunk,
 * Groq's `x_groq.usage`) is emitted once, the last seen, just before `finish`. Errors in the stream, malformed
 * chunks and a stream that stops before any finish_reason or `[DONE]` throw typed ProviderErrors.
 */
export async function* parseOpenAIStream(batches: AsyncIterable<readonly SseEvent[]>, provider: string): AsyncGenerator<ChatEvent> {
  const toolCalls = new ToolCallAssembler(provider);
  let usage: Usage | undefined;
  let finishReason: string | undefined;
  let done = false;

  stream: for await (const batch of batches) for (const event of batch) {
    const data = event.data.trim();
    if (event.event === 'error') {
      throw openAIStreamError(tryParseJson(data), data, provider);
    }
    if (data === '[DONE]') {
      done = true;
      break stream;
    }
    if (!data) continue;
    const chunk = tryParseJson(data);
    if (!isObject(chunk)) {
      throw invalidResponse(provider, `Malformed chunk in the stream (${data.length} characters that are not a JSON object)`);
    }
    // `.error` (OpenAI, OpenRouter); older vLLM sends a flat `{"object":"error","message","type","code"}`.
    if ((chunk.error !== undefined && chunk.error !== null) || chunk.object === 'error') throw openAIStreamError(chunk, data, provider);
    usage = usageOfChunk(chunk) ?? usage;
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    for (const choice of choices) {
      if (!isObject(choice) || (typeof choice.index === 'number' && choice.index !== 0)) continue;
      if (isObject(choice.delta)) yield* deltaEvents(choice.delta, toolCalls);
      if (nonEmpty(choice.finish_reason)) {
        finishReason = choice.finish_reason;
        for (const call of toolCalls.finish()) yield call;
      }
    }
  }

  if (!done && finishReason === undefined) {
    throw invalidResponse(provider, 'The stream ended early: no finish_reason and no [DONE]');
  }
  for (const call of toolCalls.finish()) yield call;
  if (usage) yield { type: 'usage', ...usage };
  yield finishReason === undefined
    ? { type: 'finish', reason: 'other' }
    : { type: 'finish', reason: mapOpenAIFinishReason(finishReason), rawReason: finishReason };
}
