import { convertToAnthropicRequest, type AnthropicRequestBody } from '../anthropic/convertToAnthropicMessages';
import type { ChatRequest } from '../types';

/** The Anthropic version Vertex's Claude endpoints take in the body (the model goes in the URL). */
export const VERTEX_ANTHROPIC_VERSION = 'vertex-2023-10-16';

/**
 * Claude on Vertex: Anthropic's Messages body, reused as is (prompt-cache markers included unless
 * `promptCaching` is false), without `model` and with `anthropic_version`.
 */
export function convertToVertexClaudeRequest(
  request: ChatRequest,
  model: string,
  options: { promptCaching?: boolean } = {},
): AnthropicRequestBody {
  const { model: _model, ...body } = convertToAnthropicRequest(request, model, {
    stream: true,
    promptCaching: options.promptCaching,
  });
  return { anthropic_version: VERTEX_ANTHROPIC_VERSION, ...body };
}
