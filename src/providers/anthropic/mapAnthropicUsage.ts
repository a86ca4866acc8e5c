import { tokenCount } from '../tokenCount';
import type { Usage } from '../types';

/** `usage` as Anthropic sends it in `message_start`, `message_delta` and whole messages. */
export interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

/** Merges a later (cumulative) usage object over an earlier one; absent, null or unusable fields keep the earlier value. */
export function mergeAnthropicUsage(earlier: AnthropicUsage, later: AnthropicUsage | undefined): AnthropicUsage {
  const merged: AnthropicUsage = { ...earlier };
  if (!later) return merged;
  for (const key of [
    'input_tokens',
    'output_tokens',
    'cache_creation_input_tokens',
    'cache_read_input_tokens',
  ] as const) {
    const value = tokenCount(later[key]);
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

/**
 * Anthropic's `input_tokens` leaves out cached tokens; ours counts the whole prompt (as OpenAI's does),
 * with the cache reads and the cache writes also given apart.
 */
export function mapAnthropicUsage(usage: AnthropicUsage): Usage {
  const uncached = tokenCount(usage.input_tokens);
  const cacheRead = tokenCount(usage.cache_read_input_tokens) ?? 0;
  const cacheWrite = tokenCount(usage.cache_creation_input_tokens) ?? 0;
  const inputTokens = uncached === undefined ? undefined : uncached + cacheRead + cacheWrite;
  const outputTokens = tokenCount(usage.output_tokens);
  const result: Usage = {};
  if (inputTokens !== undefined) result.inputTokens = inputTokens;
  if (outputTokens !== undefined) result.outputTokens = outputTokens;
  if (cacheRead > 0) result.cachedInputTokens = cacheRead;
  if (cacheWrite > 0) result.cacheWriteInputTokens = cacheWrite;
  if (inputTokens !== undefined && outputTokens !== undefined) result.totalTokens = inputTokens + outputTokens;
  return result;
}
