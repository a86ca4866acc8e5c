import { createHash } from 'node:crypto';
import type { ChatMessage, ContentPart } from './types';

/**
 * What a service accepts as a tool-call id. An id that does not match is replaced by one derived from it
 * (a hash, so a call and its result, rewritten separately, get the same new id).
 */
export interface ToolCallIdRule {
  pattern: RegExp;
  /** Characters a derived id is made of. */
  alphabet: 'alphanumeric' | 'word';
  /** Length of a derived id. */
  length: number;
}

/**
 * Anthropic `tool_use.id` must match `^[a-zA-Z0-9_-]+$` (docs.anthropic.com/en/api/messages; a Kimi id like
 * `weather:0` carried over after a failover is refused with 400). Bedrock Converse `toolUseId`: the same
 * characters, 1 to 64 long (docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolUseBlock.html).
 * Checked 2026-12-05.
 */
export const ANTHROPIC_TOOL_CALL_IDS: ToolCallIdRule = { pattern: /^[a-zA-Z0-9_-]+$/, alphabet: 'word', length: 24 };
export const BEDROCK_TOOL_CALL_IDS: ToolCallIdRule = { pattern: /^[a-zA-Z0-9_-]{1,64}$/, alphabet: 'word', length: 24 };

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const WORD = `${ALPHANUMERIC}_-`;

/** The id `rule` wants for `id`: `id` itself when it already fits, else a stable one derived from it. */
export function conformToolCallId(id: string, rule: ToolCallIdRule): string {
  if (rule.pattern.test(id)) return id;
  const alphabet = rule.alphabet === 'alphanumeric' ? ALPHANUMERIC : WORD;
  const digest = createHash('sha256').update(id).digest();
  let out = '';
  for (let i = 0; out.length < rule.length; i++) out += alphabet[digest[i % digest.length] % alphabet.length];
  return out;
}

function conformPart(part: ContentPart, rule: ToolCallIdRule): ContentPart {
  if (part.type === 'tool-call') {
    const id = conformToolCallId(part.id, rule);
    return id === part.id ? part : { ...part, id };
  }
  if (part.type === 'tool-result') {
    const toolCallId = conformToolCallId(part.toolCallId, rule);
    return toolCallId === part.toolCallId ? part : { ...part, toolCallId };
  }
  return part;
}

/**
 * The conversation with every tool-call id (in calls and in results) fitted to `rule`. Ids made by another
 * service (a failover moved the conversation) or by Skynet (`call_N` for a stream that sent none) change the
 * same way in the call and in its result, so the pair still matches. Untouched messages are returned as they are.
 */
export function conformToolCallIds(messages: ChatMessage[], rule: ToolCallIdRule | undefined): ChatMessage[] {
  if (!rule) return messages;
  return messages.map((message) => {
    if (!message.content.some((part) => part.type === 'tool-call' || part.type === 'tool-result')) return message;
    return { ...message, content: message.content.map((part) => conformPart(part, rule)) };
  });
}
