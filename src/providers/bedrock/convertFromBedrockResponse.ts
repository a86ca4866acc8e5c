import { ProviderError } from '../../util/errors';
import type { ChatResult } from '../types';
import { mapBedrockUsage } from './bedrockStream';
import { mapBedrockStopReason } from './mapBedrockStopReason';

interface ConverseResponse {
  output?: {
    message?: {
      content?: Array<{
        text?: string;
        toolUse?: { toolUseId?: string; name?: string; input?: unknown };
        reasoningContent?: { reasoningText?: { text?: string; signature?: string } };
      }>;
    };
  };
  stopReason?: string;
  usage?: {
    inputTokens?: number;
    outputTokens?: number;
    totalTokens?: number;
    cacheReadInputTokens?: number;
    cacheWriteInputTokens?: number;
  };
}

/** A non-streaming Converse response body → ChatResult. */
export function convertFromBedrockResponse(body: unknown, provider: string): ChatResult {
  const response = body as ConverseResponse | undefined;
  const content = response?.output?.message?.content;
  if (!Array.isArray(content))
    throw new ProviderError({
      kind: 'invalid-response',
      slot: provider,
      message: 'Bedrock answered without output.message.content',
    });
  const result: ChatResult = {
    text: '',
    reasoning: '',
    toolCalls: [],
    usage: mapBedrockUsage(response?.usage ?? {}),
    finishReason: mapBedrockStopReason(response?.stopReason),
  };
  if (response?.stopReason) result.rawFinishReason = response.stopReason;
  for (const block of content) {
    if (typeof block.text === 'string') result.text += block.text;
    const reasoning = block.reasoningContent?.reasoningText;
    if (reasoning?.text) result.reasoning += reasoning.text;
    if (reasoning?.signature) result.reasoningSignature = reasoning.signature;
    if (block.toolUse) {
      const input = block.toolUse.input;
      result.toolCalls.push({
        id: block.toolUse.toolUseId ?? `call_${result.toolCalls.length}`,
        name: block.toolUse.name ?? '',
        arguments:
          input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {},
      });
    }
  }
  return result;
}
