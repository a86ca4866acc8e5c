import type { Usage } from '../types';

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function field(value: unknown, name: string): unknown {
  return value && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
}

/**
 * `usage` of a Chat Completions chunk or response → Usage. Reads the details OpenAI, xAI and DashScope send
 * (`completion_tokens_details.reasoning_tokens`, `prompt_tokens_details.cached_tokens`) and DeepSeek's
 * `prompt_cache_hit_tokens`. Returns undefined when the value holds no token counts.
 */
export function mapOpenAIUsage(raw: unknown): Usage | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const usage: Usage = {};
  const input = count(field(raw, 'prompt_tokens'));
  const output = count(field(raw, 'completion_tokens'));
  const total = count(field(raw, 'total_tokens'));
  const reasoning = count(field(field(raw, 'completion_tokens_details'), 'reasoning_tokens'));
  const cached = count(field(field(raw, 'prompt_tokens_details'), 'cached_tokens')) ?? count(field(raw, 'prompt_cache_hit_tokens'));
  if (input !== undefined) usage.inputTokens = input;
  if (output !== undefined) usage.outputTokens = output;
  if (total !== undefined) usage.totalTokens = total;
  if (reasoning !== undefined) usage.reasoningTokens = reasoning;
  if (cached !== undefined) usage.cachedInputTokens = cached;
  return Object.keys(usage).length > 0 ? usage : undefined;
}

/** The usage a chunk carries: top-level `usage`, else Groq's `x_groq.usage`. */
export function usageOfChunk(chunk: Record<string, unknown>): Usage | undefined {
  return mapOpenAIUsage(chunk.usage) ?? mapOpenAIUsage(field(chunk.x_groq, 'usage'));
}
