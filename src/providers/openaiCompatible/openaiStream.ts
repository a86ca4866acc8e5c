import type { SseEvent } from '../../util/sse';
import type { ChatEvent, Usage } from '../types';
import { ToolCallAssembler } from './assembleToolCalls';
import { mapOpenAIFinishReason } from './mapOpenAIFinishReason';
import { usageOfChunk } from './mapOpenAIUsage';
import { invalidResponse, openAIStreamError } from './openaiError';
import { isObject, nonEmpty, tryParseJson, type Json } from '../jsonValues';
import { flattenBatches, parseBatches, type BatchParser } from '../eventBatches';

/** The deltas of one choice, as events (reasoning first: DeepSeek sends both fields in one delta). */
function deltaEvents(delta: Json, toolCalls: ToolCallAssembler, out: ChatEvent[]): void {
  const reasoning = nonEmpty(delta.reasoning_content) ? delta.reasoning_content : delta.reasoning;
  if (nonEmpty(reasoning)) out.push({ type: 'reasoning-delta', text: reasoning });
  if (nonEmpty(delta.content)) out.push({ type: 'text-delta', text: delta.content });
  else if (Array.isArray(delta.content)) contentPartEvents(delta.content, out);
  if (nonEmpty(delta.refusal)) out.push({ type: 'text-delta', text: delta.refusal });
  if (Array.isArray(delta.tool_calls)) for (const fragment of delta.tool_calls) toolCalls.add(fragment);
  else if (isObject(delta.function_call)) toolCalls.add({ index: 0, function: delta.function_call });
}

/** Mistral's reasoning models stream `content` as parts: `{type:'text',text}` and `{type:'thinking',thinking:[{text}]}`. */
function contentPartEvents(parts: unknown[], out: ChatEvent[]): void {
  for (const part of parts) {
    if (!isObject(part)) continue;
    if (part.type === 'text' && nonEmpty(part.text)) out.push({ type: 'text-delta', text: part.text });
    if (part.type === 'thinking' && Array.isArray(part.thinking)) {
      const text = part.thinking
        .map((inner) => (isObject(inner) && typeof inner.text === 'string' ? inner.text : ''))
        .join('');
      if (text) out.push({ type: 'reasoning-delta', text });
    }
  }
}

/** The Chat Completions stream as a sync parser: one SSE event in, its ChatEvents out. */
class OpenAIStreamParser implements BatchParser<SseEvent, ChatEvent> {
  private readonly toolCalls: ToolCallAssembler;
  private usage: Usage | undefined;
  private finishReason: string | undefined;
  private done = false;

  constructor(private readonly provider: string) {
    this.toolCalls = new ToolCallAssembler(provider);
  }

  take(event: SseEvent, out: ChatEvent[]): boolean {
    const data = event.data.trim();
    if (event.event === 'error') throw openAIStreamError(tryParseJson(data), data, this.provider);
    if (data === '[DONE]') {
      this.done = true;
      return true;
    }
    if (!data) return false;
    const chunk = tryParseJson(data);
    if (!isObject(chunk)) {
      throw invalidResponse(
        this.provider,
        `Malformed chunk in the stream (${data.length} characters that are not a JSON object)`,
      );
    }
    // `.error` (OpenAI, OpenRouter); older vLLM sends a flat `{"object":"error","message","type","code"}`.
    if ((chunk.error !== undefined && chunk.error !== null) || chunk.object === 'error')
      throw openAIStreamError(chunk, data, this.provider);
    this.usage = usageOfChunk(chunk) ?? this.usage;
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    for (const choice of choices) {
      if (!isObject(choice) || (typeof choice.index === 'number' && choice.index !== 0)) continue;
      if (isObject(choice.delta)) deltaEvents(choice.delta, this.toolCalls, out);
      if (nonEmpty(choice.finish_reason)) {
        this.finishReason = choice.finish_reason;
        for (const call of this.toolCalls.finish()) out.push(call);
      }
    }
    return false;
  }

  end(out: ChatEvent[]): void {
    const { finishReason } = this;
    if (!this.done && finishReason === undefined) {
      throw invalidResponse(this.provider, 'The stream ended early: no finish_reason and no [DONE]');
    }
    for (const call of this.toolCalls.finish()) out.push(call);
    if (this.usage) out.push({ type: 'usage', ...this.usage });
    out.push(
      finishReason === undefined
        ? { type: 'finish', reason: 'other' }
        : { type: 'finish', reason: mapOpenAIFinishReason(finishReason), rawReason: finishReason },
    );
  }
}

/**
 * Chat Completions SSE → ChatEvents, in batches (one per SSE batch). Text, reasoning and refusals stream as they
 * come; tool calls are emitted whole when the choice finishes; usage (the include_usage chunk, Perplexity's
 * cumulative usage on every chunk, Groq's `x_groq.usage`) is emitted once, the last seen, just before `finish`.
 * Errors in the stream, malformed chunks and a stream that stops before any finish_reason or `[DONE]` throw typed
 * ProviderErrors.
 */
export function parseOpenAIStreamBatches(
  batches: AsyncIterable<readonly SseEvent[]>,
  provider: string,
): AsyncGenerator<ChatEvent[]> {
  return parseBatches(batches, new OpenAIStreamParser(provider));
}

/** parseOpenAIStreamBatches, one event at a time. */
export function parseOpenAIStream(
  batches: AsyncIterable<readonly SseEvent[]>,
  provider: string,
): AsyncGenerator<ChatEvent> {
  return flattenBatches(parseOpenAIStreamBatches(batches, provider));
}
