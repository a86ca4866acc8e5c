import type { ChatEvent, ChatResult } from './types';

/** Folds a stream of events into one result: how `send` works for providers without a separate endpoint. */
export async function collectChat(events: AsyncIterable<ChatEvent>): Promise<ChatResult> {
  const result: ChatResult = { text: '', reasoning: '', toolCalls: [], usage: {}, finishReason: 'other' };
  for await (const event of events) {
    switch (event.type) {
      case 'text-delta':
        result.text += event.text;
        break;
      case 'reasoning-delta':
        result.reasoning += event.text;
        if (event.signature) result.reasoningSignature = event.signature;
        break;
      case 'tool-call':
        result.toolCalls.push({
          id: event.id,
          name: event.name,
          arguments: event.arguments,
          ...(event.signature ? { signature: event.signature } : {}),
        });
        break;
      case 'usage': {
        const { type: _type, ...usage } = event;
        result.usage = { ...result.usage, ...usage };
        break;
      }
      case 'finish':
        result.finishReason = event.reason;
        result.rawFinishReason = event.rawReason;
        break;
    }
  }
  return result;
}

/** Tool arguments arrive as JSON text; an empty string means no arguments. */
export function parseToolArguments(text: string): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  if (!trimmed) return {};
  try {
    const value: unknown = JSON.parse(trimmed);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Joins the text parts of a message's content. */
export function textOf(parts: ReadonlyArray<{ type: string; text?: string }>): string {
  let text = '';
  for (const part of parts) if (part.type === 'text' && part.text) text += part.text;
  return text;
}
