import { ProviderError } from '../../util/errors';
import type { ChatEvent, ChatResult } from '../types';
import { mapAnthropicStopReason } from './mapAnthropicStopReason';
import { mapAnthropicUsage, type AnthropicUsage } from './mapAnthropicUsage';

interface AnthropicMessageBody {
  type?: string;
  content?: Array<{
    type?: string;
    text?: string;
    thinking?: string;
    signature?: string;
    id?: string;
    name?: string;
    input?: unknown;
  }>;
  stop_reason?: string | null;
  usage?: AnthropicUsage;
}

/** A whole (non-streaming) Messages API answer → ChatResult. */
export function convertFromAnthropicMessage(body: unknown, provider: string): ChatResult {
  const message = body as AnthropicMessageBody | undefined;
  if (!message || typeof message !== 'object' || !Array.isArray(message.content)) {
    throw new ProviderError({
      kind: 'invalid-response',
      slot: provider,
      message: 'Anthropic answered without a message content array',
    });
  }
  const result: ChatResult = {
    text: '',
    reasoning: '',
    toolCalls: [],
    usage: mapAnthropicUsage(message.usage ?? {}),
    finishReason: mapAnthropicStopReason(message.stop_reason),
  };
  if (message.stop_reason) result.rawFinishReason = message.stop_reason;
  for (const block of message.content) {
    if (block.type === 'text') result.text += block.text ?? '';
    else if (block.type === 'thinking') {
      result.reasoning += block.thinking ?? '';
      if (block.signature) result.reasoningSignature = block.signature;
    } else if (block.type === 'tool_use') {
      const input =
        block.input && typeof block.input === 'object' && !Array.isArray(block.input)
          ? (block.input as Record<string, unknown>)
          : {};
      result.toolCalls.push({ id: block.id ?? '', name: block.name ?? '', arguments: input });
    }
  }
  return result;
}

/** The events a stream would have carried for a whole message (for servers that answer `stream:true` with JSON). */
export function anthropicMessageEvents(result: ChatResult): ChatEvent[] {
  const events: ChatEvent[] = [];
  if (result.reasoning || result.reasoningSignature) {
    events.push({
      type: 'reasoning-delta',
      text: result.reasoning,
      ...(result.reasoningSignature ? { signature: result.reasoningSignature } : {}),
    });
  }
  if (result.text) events.push({ type: 'text-delta', text: result.text });
  for (const call of result.toolCalls) events.push({ type: 'tool-call', ...call });
  events.push({ type: 'usage', ...result.usage });
  events.push({
    type: 'finish',
    reason: result.finishReason,
    ...(result.rawFinishReason ? { rawReason: result.rawFinishReason } : {}),
  });
  return events;
}
