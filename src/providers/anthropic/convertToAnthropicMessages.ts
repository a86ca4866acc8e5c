import { ANTHROPIC_TOOL_CALL_IDS, conformToolCallIds } from '../toolCallIds';
import type { ReasoningEffort } from '../../config/reasoning';
import type { ChatMessage, ChatRequest, ContentPart, ToolChoice } from '../types';
import { addAnthropicCacheBreakpoints, type AnthropicCacheControl } from './convertToAnthropicCacheControl';
import { planAnthropicThinking, type AnthropicThinking } from './convertToAnthropicThinking';

/** Anthropic content blocks this client sends (requests only). */
export type AnthropicContentBlock =
  | { type: 'text'; text: string; cache_control?: AnthropicCacheControl }
  | {
      type: 'image';
      source: { type: 'base64'; media_type: string; data: string };
      cache_control?: AnthropicCacheControl;
    }
  | {
      type: 'tool_use';
      id: string;
      name: string;
      input: Record<string, unknown>;
      cache_control?: AnthropicCacheControl;
    }
  | {
      type: 'tool_result';
      tool_use_id: string;
      content: string;
      is_error?: boolean;
      cache_control?: AnthropicCacheControl;
    }
  /** Never carries a cache marker (the API refuses one on thinking blocks). */
  | { type: 'thinking'; thinking: string; signature: string };

export interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: AnthropicContentBlock[];
}

export interface AnthropicTextBlock {
  type: 'text';
  text: string;
  cache_control?: AnthropicCacheControl;
}

export type AnthropicToolChoice =
  { type: 'auto' } | { type: 'any' } | { type: 'none' } | { type: 'tool'; name: string };

/** The Messages API request body. Vertex sends it without `model` and with `anthropic_version`. */
export interface AnthropicRequestBody {
  model?: string;
  max_tokens: number;
  messages: AnthropicMessage[];
  system?: AnthropicTextBlock[];
  tools?: Array<{
    name: string;
    description?: string;
    input_schema: Record<string, unknown>;
    cache_control?: AnthropicCacheControl;
  }>;
  tool_choice?: AnthropicToolChoice;
  temperature?: number;
  top_p?: number;
  stop_sequences?: string[];
  stream?: boolean;
  anthropic_version?: string;
  /** Only when the request asks for reasoning (see convertToAnthropicThinking.ts). */
  thinking?: AnthropicThinking;
  /** Adaptive-thinking models: how hard to think. */
  output_config?: { effort: ReasoningEffort };
}

/** `max_tokens` is required by the API; used when the request names none. */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 8192;

export interface ConvertOptions {
  /** Default true: ask for an SSE stream. */
  stream?: boolean;
  /** System blocks that go before the caller's system prompt (the OAuth recipe's Claude Code line). */
  systemPrefix?: string[];
  /** Default true: mark up to 4 prompt-cache breakpoints (see convertToAnthropicCacheControl.ts). */
  promptCaching?: boolean;
}

/**
 * Splits chat messages into Anthropic's `system` blocks and alternating user/assistant messages:
 * tool results become `tool_result` blocks in a user message, consecutive same-role messages are merged.
 */
export function convertToAnthropicMessages(messages: readonly ChatMessage[]): {
  system: AnthropicTextBlock[];
  messages: AnthropicMessage[];
} {
  const system: AnthropicTextBlock[] = [];
  const out: AnthropicMessage[] = [];
  for (const message of messages) {
    if (message.role === 'system') {
      for (const part of message.content)
        if (part.type === 'text' && part.text) system.push({ type: 'text', text: part.text });
      continue;
    }
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const blocks = message.content.flatMap((part) => convertPart(part, role));
    if (blocks.length === 0) continue;
    const previous = out[out.length - 1];
    if (previous && previous.role === role) previous.content.push(...blocks);
    else out.push({ role, content: blocks });
  }
  // The API wants a user turn's tool results before anything else in it.
  for (const message of out) if (message.role === 'user') message.content = toolResultsFirst(message.content);
  return { system, messages: out };
}

function convertPart(part: ContentPart, role: 'user' | 'assistant'): AnthropicContentBlock[] {
  switch (part.type) {
    case 'text':
      return part.text ? [{ type: 'text', text: part.text }] : [];
    case 'image':
      return [{ type: 'image', source: { type: 'base64', media_type: part.mimeType, data: part.data } }];
    case 'tool-call':
      return role === 'assistant' ? [{ type: 'tool_use', id: part.id, name: part.name, input: part.arguments }] : [];
    case 'tool-result':
      return [
        {
          type: 'tool_result',
          tool_use_id: part.toolCallId,
          content: part.content,
          ...(part.isError ? { is_error: true } : {}),
        },
      ];
    case 'reasoning':
      // Only signed thinking can be sent back; unsigned reasoning (from another provider) is dropped.
      return role === 'assistant' && part.signature
        ? [{ type: 'thinking', thinking: part.text, signature: part.signature }]
        : [];
  }
}

function toolResultsFirst(blocks: AnthropicContentBlock[]): AnthropicContentBlock[] {
  const results = blocks.filter((block) => block.type === 'tool_result');
  if (results.length === 0) return blocks;
  return [...results, ...blocks.filter((block) => block.type !== 'tool_result')];
}

export function convertToAnthropicToolChoice(choice: ToolChoice): AnthropicToolChoice {
  if (choice === 'auto') return { type: 'auto' };
  if (choice === 'required') return { type: 'any' };
  if (choice === 'none') return { type: 'none' };
  return { type: 'tool', name: choice.name };
}

/** The whole Messages API body for a chat request (reused by Claude on Vertex, which drops `model`). */
export function convertToAnthropicRequest(
  request: ChatRequest,
  model: string,
  options: ConvertOptions = {},
): AnthropicRequestBody {
  const { system, messages } = convertToAnthropicMessages(
    conformToolCallIds(request.messages, ANTHROPIC_TOOL_CALL_IDS),
  );
  const prefix = (options.systemPrefix ?? []).map((text): AnthropicTextBlock => ({ type: 'text', text }));
  const allSystem = [...prefix, ...system];
  const body: AnthropicRequestBody = {
    model,
    max_tokens: request.maxTokens ?? DEFAULT_ANTHROPIC_MAX_TOKENS,
    messages,
  };
  if (allSystem.length > 0) body.system = allSystem;
  if (request.tools && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      name: tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      input_schema: tool.inputSchema,
    }));
    if (request.toolChoice) body.tool_choice = convertToAnthropicToolChoice(request.toolChoice);
  }
  const thinking = request.reasoning
    ? planAnthropicThinking(request.reasoning, model, {
        maxTokens: request.maxTokens,
        defaultMaxTokens: DEFAULT_ANTHROPIC_MAX_TOKENS,
        topP: request.topP,
        forcedTool: body.tool_choice?.type === 'any' || body.tool_choice?.type === 'tool',
      })
    : undefined;
  if (thinking) body.max_tokens = thinking.maxTokens;
  if (request.temperature !== undefined && !thinking) body.temperature = request.temperature;
  if (request.topP !== undefined && !thinking?.dropTopP) body.top_p = request.topP;
  if (request.stop && request.stop.length > 0) body.stop_sequences = request.stop;
  if (thinking) {
    body.thinking = thinking.thinking;
    if (thinking.effort) body.output_config = { effort: thinking.effort };
  }
  body.stream = options.stream ?? true;
  return options.promptCaching === false ? body : addAnthropicCacheBreakpoints(body);
}
