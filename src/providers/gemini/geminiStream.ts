import { randomUUID } from 'node:crypto';
import { ProviderError } from '../../util/errors';
import type { SseEvent } from '../../util/sse';
import type { ChatEvent, Usage } from '../types';
import { ToolCallBudget } from '../toolCallBudget';
import { GeminiArgsBuilder } from './geminiPartialArgs';
import { mapGeminiFinishReason } from './mapGeminiFinishReason';
import { readGeminiChunk, type GeminiChunkPart, type GeminiUsageMetadata } from './readGeminiChunk';
import { flattenBatches, parseBatches, type BatchParser } from '../eventBatches';
import { googleError, googleErrorOf } from './googleError';

/** Output tokens include the thinking tokens (as `totalTokenCount` does); reasoning tokens are also given apart. */
export function mapGeminiUsage(usage: GeminiUsageMetadata): Usage {
  const candidates = usage.candidatesTokenCount;
  const thoughts = usage.thoughtsTokenCount;
  return {
    ...(usage.promptTokenCount !== undefined ? { inputTokens: usage.promptTokenCount } : {}),
    ...(candidates !== undefined || thoughts !== undefined
      ? { outputTokens: (candidates ?? 0) + (thoughts ?? 0) }
      : {}),
    ...(thoughts !== undefined ? { reasoningTokens: thoughts } : {}),
    ...(usage.cachedContentTokenCount !== undefined ? { cachedInputTokens: usage.cachedContentTokenCount } : {}),
    ...(usage.totalTokenCount !== undefined ? { totalTokens: usage.totalTokenCount } : {}),
  };
}

/** Gemini has no call ids: each call gets one. */
export function newGeminiCallId(): string {
  return `call_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
}

function invalid(provider: string, message: string, cause?: unknown): ProviderError {
  return new ProviderError({ kind: 'invalid-response', slot: provider, message, cause });
}

type GeminiFunctionCall = NonNullable<GeminiChunkPart['functionCall']>;

interface StreamingCall {
  id: string;
  name: string;
  builder: GeminiArgsBuilder;
  chars: number;
}

/** Gemini's SSE stream as a sync parser: one SSE event in, its ChatEvents out. */
class GeminiStreamParser implements BatchParser<SseEvent, ChatEvent> {
  private usage: GeminiUsageMetadata | undefined;
  private finishReason: string | undefined;
  private toolCalls = 0;
  private streaming: StreamingCall | undefined;
  private readonly budget: ToolCallBudget;

  constructor(private readonly provider: string) {
    this.budget = new ToolCallBudget(provider);
  }

  take(event: SseEvent, out: ChatEvent[]): boolean {
    const { provider } = this;
    const data = event.data.trim();
    if (!data || data === '[DONE]') return false;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch (error) {
      throw invalid(provider, 'Vertex sent a stream chunk that is not JSON', error);
    }
    const chunk = readGeminiChunk(parsed);
    if (!chunk) throw invalid(provider, 'Vertex sent a stream chunk that is not a JSON object');
    const error =
      googleErrorOf({ error: chunk.error }) ??
      (typeof chunk.error === 'string' && chunk.error ? { message: chunk.error } : undefined);
    if (error) throw googleError(error, provider);
    if (chunk.usage) this.usage = chunk.usage;
    if (chunk.blockReason) this.finishReason = chunk.blockReason === 'OTHER' ? 'OTHER' : 'SAFETY';
    for (const part of chunk.parts) {
      if (part.text)
        out.push(part.thought ? { type: 'reasoning-delta', text: part.text } : { type: 'text-delta', text: part.text });
      if (part.thoughtSignature) out.push({ type: 'reasoning-delta', text: '', signature: part.thoughtSignature });
      if (part.functionCall) this.functionCall(part.functionCall, out);
    }
    if (chunk.finishReason) this.finishReason = chunk.finishReason;
    return false;
  }

  end(out: ChatEvent[]): void {
    const { finishReason } = this;
    if (finishReason === undefined)
      throw invalid(this.provider, 'The Vertex stream ended without a finishReason (truncated)');
    this.finishStreamingCall(out);
    if (this.usage) out.push({ type: 'usage', ...mapGeminiUsage(this.usage) });
    out.push({
      type: 'finish',
      reason: mapGeminiFinishReason(finishReason, this.toolCalls > 0),
      rawReason: finishReason,
    });
  }

  private functionCall(call: GeminiFunctionCall, out: ChatEvent[]): void {
    const { budget } = this;
    if (call.name && this.streaming) this.finishStreamingCall(out);
    if (call.name && !call.willContinue && !call.partialArgs) {
      budget.start();
      this.toolCalls++;
      out.push({
        type: 'tool-call',
        id: call.id ?? newGeminiCallId(),
        name: call.name,
        arguments: budget.checkDepth(call.args ?? {}, call.name),
      });
      return;
    }
    if (call.name) {
      budget.start();
      this.streaming = {
        id: call.id ?? newGeminiCallId(),
        name: call.name,
        builder: new GeminiArgsBuilder(),
        chars: 0,
      };
    }
    const streaming = this.streaming;
    if (!streaming) throw invalid(this.provider, 'Vertex streamed function-call arguments without a function name');
    if (call.args) Object.assign(streaming.builder.args, call.args);
    for (const piece of call.partialArgs ?? []) {
      // Each piece adds about its path and its value to the arguments: a linear bound on what the builder holds.
      streaming.chars += (piece.jsonPath?.length ?? 0) + (piece.stringValue?.length ?? 8);
      budget.checkArguments(streaming.chars, streaming.name);
      if (!streaming.builder.apply(piece))
        throw invalid(this.provider, `Vertex streamed an argument at a path we cannot read: ${String(piece.jsonPath)}`);
    }
    if (!call.willContinue) this.finishStreamingCall(out);
  }

  private finishStreamingCall(out: ChatEvent[]): void {
    const call = this.streaming;
    if (!call) return;
    this.streaming = undefined;
    this.toolCalls++;
    out.push({
      type: 'tool-call',
      id: call.id,
      name: call.name,
      arguments: this.budget.checkDepth(call.builder.args, call.name),
    });
  }
}

/**
 * `streamGenerateContent?alt=sse` chunks → ChatEvents, in batches (one per SSE batch): text and `thought` text as
 * deltas, thought signatures as signed reasoning deltas, function calls whole (streamed `partialArgs` assembled
 * until the call stops continuing), then usage and finish. In-stream `error` objects become typed errors; a stream
 * without a finishReason is truncated.
 */
export function parseGeminiStreamBatches(
  batches: AsyncIterable<readonly SseEvent[]>,
  provider: string,
): AsyncGenerator<ChatEvent[]> {
  return parseBatches(batches, new GeminiStreamParser(provider));
}

/** parseGeminiStreamBatches, one event at a time. */
export function parseGeminiStream(
  batches: AsyncIterable<readonly SseEvent[]>,
  provider: string,
): AsyncGenerator<ChatEvent> {
  return flattenBatches(parseGeminiStreamBatches(batches, provider));
}
