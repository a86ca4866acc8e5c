import { createHash } from 'node:crypto';
import { ProviderError } from '../../util/errors';
import { parseToolArguments } from '../collect';
import { ToolCallBudget } from '../toolCallBudget';
import { tokenCount as count } from '../tokenCount';
import type { ChatEvent } from '../types';
import { mapOllamaDoneReason } from './mapOllamaDoneReason';
import { ollamaStreamError } from './ollamaError';
import { flattenBatches, parseBatches, type BatchParser } from '../eventBatches';

interface OllamaChunk {
  created_at?: string;
  message?: {
    content?: string;
    thinking?: string;
    tool_calls?: Array<{ id?: string; function?: { index?: number; name?: string; arguments?: unknown } }>;
  };
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
  error?: unknown;
}

function invalid(provider: string, message: string, cause?: unknown): ProviderError {
  return new ProviderError({ kind: 'invalid-response', slot: provider, message, cause });
}

/** Ollama gives tool calls no id: derive one from the call and its chunk, the same for the same stream. */
function toolCallId(chunk: OllamaChunk, index: number, name: string, args: Record<string, unknown>): string {
  const digest = createHash('sha256')
    .update(`${chunk.created_at ?? ''}\n${index}\n${name}\n${JSON.stringify(args)}`)
    .digest('hex');
  return `call_${digest.slice(0, 24)}`;
}

/** Ollama's NDJSON stream as a sync parser: one line in, its ChatEvents out; complete at `done:true`. */
class OllamaStreamParser implements BatchParser<string, ChatEvent> {
  private toolCalls = 0;
  private readonly budget: ToolCallBudget;
  private finished = false;

  constructor(private readonly slotId: string) {
    this.budget = new ToolCallBudget(slotId);
  }

  take(line: string, out: ChatEvent[]): boolean {
    const { slotId } = this;
    let chunk: OllamaChunk;
    try {
      chunk = JSON.parse(line) as OllamaChunk;
    } catch (error) {
      throw invalid(slotId, 'Ollama sent a malformed stream line', error);
    }
    if (!chunk || typeof chunk !== 'object') throw invalid(slotId, 'Ollama sent a stream line that is not an object');
    if (chunk.error !== undefined) throw ollamaStreamError(chunk.error, slotId);
    const message = chunk.message;
    if (typeof message?.thinking === 'string' && message.thinking)
      out.push({ type: 'reasoning-delta', text: message.thinking });
    if (typeof message?.content === 'string' && message.content)
      out.push({ type: 'text-delta', text: message.content });
    const calls = message?.tool_calls;
    if (calls !== undefined && calls !== null && !Array.isArray(calls))
      throw invalid(slotId, 'Ollama sent tool_calls that are not a list');
    if (calls) for (const call of calls) this.toolCall(chunk, call, out);
    if (!chunk.done) return false;
    const inputTokens = count(chunk.prompt_eval_count);
    const outputTokens = count(chunk.eval_count);
    out.push({
      type: 'usage',
      ...(inputTokens !== undefined ? { inputTokens } : {}),
      ...(outputTokens !== undefined ? { outputTokens } : {}),
      ...(inputTokens !== undefined && outputTokens !== undefined ? { totalTokens: inputTokens + outputTokens } : {}),
    });
    out.push({
      type: 'finish',
      reason: mapOllamaDoneReason(chunk.done_reason, this.toolCalls > 0),
      ...(typeof chunk.done_reason === 'string' && chunk.done_reason ? { rawReason: chunk.done_reason } : {}),
    });
    this.finished = true;
    return true;
  }

  end(): void {
    if (!this.finished) throw invalid(this.slotId, 'The Ollama stream ended before done:true (truncated)');
  }

  private toolCall(
    chunk: OllamaChunk,
    call: NonNullable<NonNullable<OllamaChunk['message']>['tool_calls']>[number],
    out: ChatEvent[],
  ): void {
    const name = call?.function?.name;
    if (typeof name !== 'string' || !name) throw invalid(this.slotId, 'Ollama sent a tool call without a name');
    const raw = call.function?.arguments ?? {};
    // Arguments are an object on the wire; a string (seen from some proxies) is parsed as JSON.
    const parsed = typeof raw === 'string' ? parseToolArguments(raw) : raw;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw invalid(this.slotId, `Ollama sent arguments for ${name} that are not an object`);
    const argumentsObject = this.budget.checkDepth(parsed as Record<string, unknown>, name);
    out.push({
      type: 'tool-call',
      id: typeof call.id === 'string' && call.id ? call.id : toolCallId(chunk, this.toolCalls, name, argumentsObject),
      name,
      arguments: argumentsObject,
    });
    this.toolCalls++;
  }
}

/**
 * Ollama `/api/chat` NDJSON lines → ChatEvents, in batches (one per batch of lines): `thinking` as reasoning,
 * `content` as text, whole tool calls, then usage and finish at `done:true`. An `{"error":…}` line, a malformed
 * line or a stream without `done:true` throws a typed ProviderError. Also reads the single object of a
 * `stream:false` answer.
 */
export function parseOllamaStreamBatches(
  lines: AsyncIterable<readonly string[]>,
  slotId: string,
): AsyncGenerator<ChatEvent[]> {
  return parseBatches(lines, new OllamaStreamParser(slotId));
}

/** parseOllamaStreamBatches over single lines, one event at a time. */
export function parseOllamaStream(lines: AsyncIterable<string>, slotId: string): AsyncGenerator<ChatEvent> {
  return flattenBatches(parseOllamaStreamBatches(linesAsBatches(lines), slotId));
}

async function* linesAsBatches(lines: AsyncIterable<string>): AsyncGenerator<string[]> {
  for await (const line of lines) yield [line];
}
