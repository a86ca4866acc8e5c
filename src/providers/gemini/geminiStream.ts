import { randomUUID } from 'node:crypto';
import { ProviderError } from '../../util/errors';
import type { SseEvent } from '../../util/sse';
import type { ChatEvent, Usage } from '../types';
import { ToolCallBudget } from '../toolCallBudget';
import { GeminiArgsBuilder } from './geminiPartialArgs';
import { mapGeminiFinishReason } from './mapGeminiFinishReason';
import { readGeminiChunk, type GeminiUsageMetadata } from './readGeminiChunk';
import { googleError, googleErrorOf } from './googleError';

/** Output tokens include the thinking tokens (as `totalTokenCount` does); reasoning tokens are also given apart. */
export function mapGeminiUsage(usage: GeminiUsageMetadata): Usage {
  const candidates = usage.candidatesTokenCount;
  const thoughts = usage.thoughtsTokenCount;
  return {
    ...(usage.promptTokenCount !== undefined ? { inputTokens: usage.promptTokenCount } : {}),
    ...(candidates !== undefined || thoughts !== undefined ? { outputTokens: (candidates ?? 0) + (thoughts ?? 0) } : {}),
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

/**
 * `streamGenerateContent?alt=sse` chunks → ChatEvents: text and `thought` text as deltas, thought signatures as
 * signed reasoning deltas, function calls whole (streamed `partialArgs` assembled until the call stops
 * continuing), then usage and finish. In-stream `error` objects become typed errors; a stream without a
 * finishReason is truncated.
 */
export async function* parseGeminiStream(batches: AsyncIterable<readonly SseEvent[]>, provider: string): AsyncGenerator<ChatEvent> {
  let usage: GeminiUsageMetadata | undefined;
  let finishReason: string | undefined;
  let toolCalls = 0;
  let streaming: { id: string; name: string; builder: GeminiArgsBuilder; chars: number } | undefined;
  const budget = new ToolCallBudget(provider);

  const finishStreamingCall = (): ChatEvent | undefined => {
    if (!streaming) return undefined;
    const call = streaming;
    streaming = undefined;
    toolCalls++;
    return { type: 'tool-call', id: call.id, name: call.name, arguments: budget.checkDepth(call.builder.args, call.name) };
  };

  for await (const batch of batches) for (const event of batch) {
    const data = event.data.trim();
    if (!data || data === '[DONE]') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch (error) {
      throw invalid(provider, 'Vertex sent a stream chunk that is not JSON', error);
    }
    const chunk = readGeminiChunk(parsed);
    if (!chunk) throw invalid(provider, 'Vertex sent a stream chunk that is not a JSON object');
    const error = googleErrorOf({ error: chunk.error }) ?? (typeof chunk.error === 'string' && chunk.error ? { message: chunk.error } : undefined);
    if (error) throw googleError(error, provider);
    if (chunk.usage) usage = chunk.usage;
    if (chunk.blockReason) finishReason = chunk.blockReason === 'OTHER' ? 'OTHER' : 'SAFETY';
    for (const part of chunk.parts) {
      if (part.text) yield part.thought ? { type: 'reasoning-delta', text: part.text } : { type: 'text-delta', text: part.text };
      if (part.thoughtSignature) yield { type: 'reasoning-delta', text: '', signature: part.thoughtSignature };
      const call = part.functionCall;
      if (!call) continue;
      if (call.name && streaming) {
        const done = finishStreamingCall();
        if (done) yield done;
      }
      if (call.name && !call.willContinue && !call.partialArgs) {
        budget.start();
        toolCalls++;
        yield { type: 'tool-call', id: call.id ?? newGeminiCallId(), name: call.name, arguments: budget.checkDepth(call.args ?? {}, call.name) };
        continue;
      }
      if (call.name) {
        budget.start();
        streaming = { id: call.id ?? newGeminiCallId(), name: call.name, builder: new GeminiArgsBuilder(), chars: 0 };
      }
      if (!streaming) throw invalid(provider, 'Vertex streamed function-call arguments without a function name');
      if (call.args) Object.assign(streaming.builder.args, call.args);
      for (const piece of call.partialArgs ?? []) {
        // Each piece adds about its path and its value to the arguments: a linear bound on what the builder holds.
        streaming.chars += (piece.jsonPath?.length ?? 0) + (piece.stringValue?.length ?? 8);
        budget.checkArguments(streaming.chars, streaming.name);
        if (!streaming.builder.apply(piece)) throw invalid(provider, `Vertex streamed an argument at a path we cannot read: ${String(piece.jsonPath)}`);
      }
      if (!call.willContinue) {
        const done = finishStreamingCall();
        if (done) yield done;
      }
    }
    if (chunk.finishReason) finishReason = chunk.finishReason;
  }
  if (finishReason === undefined) throw invalid(provider, 'The Vertex stream ended without a finishReason (truncated)');
  const pending = finishStreamingCall();
  if (pending) yield pending;
  if (usage) yield { type: 'usage', ...mapGeminiUsage(usage) };
  yield { type: 'finish', reason: mapGeminiFinishReason(finishReason, toolCalls > 0), rawReason: finishReason };
}
