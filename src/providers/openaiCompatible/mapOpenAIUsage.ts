import { tokenCount as count } from '../tokenCount';
import type { Usage } from '../types';

function field(value: unknown, name: string): unknown {
  return value && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
}

/** Where one API dialect keeps its token counts. */
export interface UsageFieldNames {
  input: string;
  output: string;
  inputDetails: string;
  outputDetails: string;
}

const CHAT_COMPLETIONS_FIELDS: UsageFieldNames = {
  input: 'prompt_tokens',
  output: 'completion_tokens',
  inputDetails: 'prompt_tokens_details',
  outputDetails: 'completion_tokens_details',
};

/**
 * A `usage` object → Usage, reading input/output/total counts, `<outputDetails>.reasoning_tokens` and
 * `<inputDetails>.cached_tokens` under the dialect's names. Returns undefined when it holds no token counts.
 */
export function mapUsageFields(raw: unknown, names: UsageFieldNames, cachedFallback?: string): Usage | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const usage: Usage = {};
  const input = count(field(raw, names.input));
  const output = count(field(raw, names.output));
  const total = count(field(raw, 'total_tokens'));
  const reasoning = count(field(field(raw, names.outputDetails), 'reasoning_tokens'));
  const cached =
    count(field(field(raw, names.inputDetails), 'cached_tokens')) ??
    (cachedFallback ? count(field(raw, cachedFallback)) : undefined);
  if (input !== undefined) usage.inputTokens = input;
  if (output !== undefined) usage.outputTokens = output;
  if (total !== undefined) usage.totalTokens = total;
  if (reasoning !== undefined) usage.reasoningTokens = reasoning;
  if (cached !== undefined) usage.cachedInputTokens = cached;
  return Object.keys(usage).length > 0 ? usage : undefined;
}

/**
 * `usage` of a Chat Completions chunk or response → Usage. Reads the details OpenAI, xAI and DashScope send
 * (`completion_tokens_details.reasoning_tokens`, `prompt_tokens_details.cached_tokens`) and DeepSeek's
 * `prompt_cache_hit_tokens`. Returns undefined when the value holds no token counts.
 */
export function mapOpenAIUsage(raw: unknown): Usage | undefined {
  return mapUsageFields(raw, CHAT_COMPLETIONS_FIELDS, 'prompt_cache_hit_tokens');
}

/** The usage a chunk carries: top-level `usage`, else Groq's `x_groq.usage`. */
export function usageOfChunk(chunk: Record<string, unknown>): Usage | undefined {
  return mapOpenAIUsage(chunk.usage) ?? mapOpenAIUsage(field(chunk.x_groq, 'usage'));
}
