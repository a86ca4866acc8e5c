import { mapUsageFields } from '../openaiCompatible/mapOpenAIUsage';
import type { FinishReason, Usage } from '../types';

/**
 * A Responses API `usage` (`input_tokens`, `output_tokens`, `total_tokens`, `output_tokens_details.reasoning_tokens`,
 * `input_tokens_details.cached_tokens`) → Usage; undefined when it holds no counts.
 */
export function mapResponsesUsage(raw: unknown): Usage | undefined {
  return mapUsageFields(raw, {
    input: 'input_tokens',
    output: 'output_tokens',
    inputDetails: 'input_tokens_details',
    outputDetails: 'output_tokens_details',
  });
}

/** `incomplete_details.reason` of a `response.incomplete` → FinishReason. */
export function mapResponsesIncompleteReason(reason: string | undefined): FinishReason {
  if (reason === 'max_output_tokens') return 'length';
  if (reason === 'content_filter') return 'content-filter';
  return 'other';
}
