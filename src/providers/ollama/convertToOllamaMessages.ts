import { reasoningEffort, type ReasoningEffort, type ReasoningRequest } from '../../config/reasoning';
import type { ChatMessage, ChatRequest } from '../types';

export interface OllamaToolCall {
  function: { name: string; arguments: Record<string, unknown> };
}

export interface OllamaMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  /** Base64 images, without a data: prefix. */
  images?: string[];
  thinking?: string;
  tool_calls?: OllamaToolCall[];
  /** Which tool a `tool` message answers (Ollama has no call ids). */
  tool_name?: string;
}

export interface OllamaChatBody {
  model: string;
  messages: OllamaMessage[];
  stream: boolean;
  tools?: Array<{
    type: 'function';
    function: { name: string; description?: string; parameters: Record<string, unknown> };
  }>;
  options?: { temperature?: number; top_p?: number; num_predict?: number; stop?: string[]; num_ctx?: number };
  /** Only when the request asks for reasoning: `true`, or a level for models that take levels (gpt-oss). */
  think?: boolean | ReasoningEffort;
}

/**
 * Ollama's `think`: gpt-oss takes a level (`"low"|"medium"|"high"`; it ignores `true`); other thinking models
 * (Qwen3, DeepSeek-R1, …) take `true`, and a budget has no Ollama equivalent.
 */
export function convertToOllamaThink(reasoning: ReasoningRequest, model: string): boolean | ReasoningEffort {
  return /gpt-oss/i.test(model) ? reasoningEffort(reasoning) : true;
}

/** Chat messages → Ollama `/api/chat` messages: tool results become `tool` messages, images a base64 `images` array. */
export function convertToOllamaMessages(messages: readonly ChatMessage[]): OllamaMessage[] {
  const out: OllamaMessage[] = [];
  for (const message of messages) {
    let content = '';
    let thinking = '';
    const images: string[] = [];
    const toolCalls: OllamaToolCall[] = [];
    const toolResults: OllamaMessage[] = [];
    for (const part of message.content) {
      if (part.type === 'text') content += part.text;
      else if (part.type === 'image') images.push(part.data);
      else if (part.type === 'reasoning') thinking += part.text;
      else if (part.type === 'tool-call') toolCalls.push({ function: { name: part.name, arguments: part.arguments } });
      else if (part.type === 'tool-result')
        toolResults.push({
          role: 'tool',
          content: part.content,
          ...(part.toolName ? { tool_name: part.toolName } : {}),
        });
    }
    out.push(...toolResults);
    if (message.role === 'tool') {
      if (content) out.push({ role: 'tool', content });
      continue;
    }
    if (!content && images.length === 0 && toolCalls.length === 0 && toolResults.length > 0) continue;
    const converted: OllamaMessage = { role: message.role, content };
    if (images.length > 0) converted.images = images;
    if (message.role === 'assistant' && thinking) converted.thinking = thinking;
    if (message.role === 'assistant' && toolCalls.length > 0) converted.tool_calls = toolCalls;
    out.push(converted);
  }
  return out;
}

/** The whole `/api/chat` body. Ollama has no tool choice: `none` leaves the tools out, the rest is up to the model. */
export function convertToOllamaRequest(request: ChatRequest, model: string, stream: boolean): OllamaChatBody {
  const body: OllamaChatBody = { model, messages: convertToOllamaMessages(request.messages), stream };
  if (request.tools && request.tools.length > 0 && request.toolChoice !== 'none') {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description ? { description: tool.description } : {}),
        parameters: tool.inputSchema,
      },
    }));
  }
  const options: NonNullable<OllamaChatBody['options']> = {};
  if (request.temperature !== undefined) options.temperature = request.temperature;
  if (request.topP !== undefined) options.top_p = request.topP;
  if (request.maxTokens !== undefined) options.num_predict = request.maxTokens;
  if (request.stop && request.stop.length > 0) options.stop = request.stop;
  if (Object.keys(options).length > 0) body.options = options;
  if (request.reasoning) body.think = convertToOllamaThink(request.reasoning, model);
  return body;
}
