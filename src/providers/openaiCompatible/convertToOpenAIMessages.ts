import { textOf } from '../collect';
import type { ChatMessage, ContentPart } from '../types';
import type { ReasoningReplayRule, WireDialect } from './wireDialect';

interface OpenAIToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
  /** Gemini's OpenAI-compatible endpoint: the thought signature that came with the call. */
  extra_content?: { google: { thought_signature: string } };
}

type OpenAIContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

export type OpenAIMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | OpenAIContentPart[] }
  | {
      role: 'assistant';
      content: string | null;
      reasoning_content?: string;
      tool_calls?: OpenAIToolCall[];
    }
  | { role: 'tool'; tool_call_id: string; content: string };

function toolResults(parts: ContentPart[]): OpenAIMessage[] {
  const messages: OpenAIMessage[] = [];
  for (const part of parts) {
    if (part.type === 'tool-result')
      messages.push({ role: 'tool', tool_call_id: part.toolCallId, content: part.content });
  }
  return messages;
}

function userContent(parts: ContentPart[]): string | OpenAIContentPart[] | undefined {
  const content: OpenAIContentPart[] = [];
  for (const part of parts) {
    if (part.type === 'text') content.push({ type: 'text', text: part.text });
    else if (part.type === 'image')
      content.push({ type: 'image_url', image_url: { url: `data:${part.mimeType};base64,${part.data}` } });
  }
  if (content.length === 0) return undefined;
  // Plain text goes as a string: every compatible server accepts that, not all accept part arrays.
  return content.every((part) => part.type === 'text') ? textOf(content) : content;
}

function toolCallsOf(parts: ContentPart[], signatures: boolean): OpenAIToolCall[] {
  return parts.flatMap((part) =>
    part.type === 'tool-call'
      ? [
          {
            id: part.id,
            type: 'function' as const,
            function: { name: part.name, arguments: JSON.stringify(part.arguments ?? {}) },
            ...(signatures && part.signature
              ? { extra_content: { google: { thought_signature: part.signature } } }
              : {}),
          },
        ]
      : [],
  );
}

/** The `reasoning_content` this assistant message must carry, or undefined when it carries none. */
function replayedReasoning(
  parts: ContentPart[],
  rule: ReasoningReplayRule | undefined,
  afterLastUser: boolean,
  hasCalls: boolean,
): string | undefined {
  if (!rule) return undefined;
  const reasoning = parts.flatMap((part) => (part.type === 'reasoning' ? [part.text] : [])).join('');
  switch (rule.turns) {
    case 'every-assistant-turn':
      return reasoning;
    case 'tool-call-turns':
      return hasCalls ? reasoning : undefined;
    case 'since-last-user':
      return afterLastUser && reasoning ? reasoning : undefined;
  }
}

function assistantMessage(
  parts: ContentPart[],
  signatures: boolean,
  reasoningContent: (hasCalls: boolean) => string | undefined,
): OpenAIMessage | undefined {
  const text = textOf(parts);
  const calls = toolCallsOf(parts, signatures);
  const reasoning = reasoningContent(calls.length > 0);
  if (!text && calls.length === 0 && !reasoning) return undefined;
  return {
    role: 'assistant',
    content: calls.length > 0 ? text || null : text,
    ...(reasoning !== undefined ? { reasoning_content: reasoning } : {}),
    ...(calls.length > 0 ? { tool_calls: calls } : {}),
  };
}

/** How the service wants history written: its reasoning replay rule for this model, and thought signatures. */
export interface OpenAIMessageOptions {
  dialect?: WireDialect;
  model?: string;
}

/**
 * ChatMessages → Chat Completions `messages`. Tool results (in `tool` messages or mixed into user messages)
 * become `role:"tool"` messages with their `tool_call_id`; images become `image_url` data URLs; assistant tool
 * calls carry JSON-string arguments (and Gemini's thought signature where the dialect wants it back); reasoning
 * goes back as `reasoning_content` only where the dialect's replay rule asks for it (DeepSeek, Kimi), else it
 * is dropped (other services refuse the field: Mistral answers 422).
 */
export function convertToOpenAIMessages(messages: ChatMessage[], options: OpenAIMessageOptions = {}): OpenAIMessage[] {
  const model = options.model ?? '';
  const replay = options.dialect?.reasoningReplay?.find((rule) => rule.models.test(model));
  const signatures = options.dialect?.thoughtSignatures === true;
  let lastUser = -1;
  messages.forEach((message, index) => {
    if (message.role === 'user' && message.content.some((part) => part.type !== 'tool-result')) lastUser = index;
  });
  const converted: OpenAIMessage[] = [];
  for (const [index, message] of messages.entries()) {
    switch (message.role) {
      case 'system': {
        const text = textOf(message.content);
        if (text) converted.push({ role: 'system', content: text });
        break;
      }
      case 'assistant': {
        const assistant = assistantMessage(message.content, signatures, (hasCalls) =>
          replayedReasoning(message.content, replay, index > lastUser, hasCalls),
        );
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
