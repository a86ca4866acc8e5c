import { textOf } from '../collect';
import type { ChatMessage, ContentPart } from '../types';

type OpenAIContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

export type OpenAIMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | OpenAIContentPart[] }
  | {
      role: 'assistant';
      content: string | null;
      tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
    }
  | { role: 'tool'; tool_call_id: string; content: string };

function toolResults(parts: ContentPart[]): OpenAIMessage[] {
  const messages: OpenAIMessage[] = [];
  for (const part of parts) {
    if (part.type === 'tool-result') messages.push({ role: 'tool', tool_call_id: part.toolCallId, content: part.content });
  }
  return messages;
}

function userContent(parts: ContentPart[]): string | OpenAIContentPart[] | undefined {
  const content: OpenAIContentPart[] = [];
  for (const part of parts) {
    if (part.type === 'text') content.push({ type: 'text', text: part.text });
    else if (part.type === 'image') content.push({ type: 'image_url', image_url: { url: `data:${part.mimeType};base64,${part.data}` } });
  }
  if (content.length === 0) return undefined;
  // Plain text goes as a string: every compatible server accepts that, not all accept part arrays.
  return content.every((part) => part.type === 'text') ? textOf(content) : content;
}

function assistantMessage(parts: ContentPart[]): OpenAIMessage | undefined {
  const text = textOf(parts);
  const calls = parts.flatMap((part) =>
    part.type === 'tool-call'
      ? [{ id: part.id, type: 'function' as const, function: { name: part.name, arguments: JSON.stringify(part.arguments ?? {}) } }]
      : [],
  );
  if (!text && calls.length === 0) return undefined;
  return calls.length > 0 ? { role: 'assistant', content: text || null, tool_calls: calls } : { role: 'assistant', content: text };
}

/**
 * ChatMessages → Chat Completions `messages`. Tool results (in `tool` messages or mixed into user messages)
 * become `role:"tool"` messages with their `tool_call_id`; images become `image_url` data URLs; assistant tool
 * calls carry JSON-string arguments; reasoning parts are dropped (DeepSeek rejects them on input).
 */
export function convertToOpenAIMessages(messages: ChatMessage[]): OpenAIMessage[] {
  const converted: OpenAIMessage[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system': {
        const text = textOf(message.content);
        if (text) converted.push({ role: 'system', content: text });
        break;
      }
      case 'assistant': {
        const assistant = assistantMessage(message.content);
        if (assistant) converted.push(assistant);
        break;
      }
      case 'tool':
      case 'user': {
        converted.push(...toolResults(message.content));
        const content = userContent(message.content);
        if (content !== undefined) converted.push({ role: 'user', content });
        break;
      }
    }
  }
  return converted;
}
