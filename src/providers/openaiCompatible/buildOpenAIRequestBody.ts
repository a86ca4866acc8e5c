import { reasoningEffort } from '../reasoning';
import type { ChatRequest, ToolChoice, ToolDefinition } from '../types';
import { convertToOpenAIMessages } from './convertToOpenAIMessages';

export interface OpenAIBodyOptions {
  model: string;
  stream: boolean;
  supportsStreamOptions: boolean;
}

export function convertToOpenAITools(tools: ToolDefinition[]): unknown[] {
  return tools.map((tool) => ({
    type: 'function',
    function: {
      name: tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      parameters: tool.inputSchema,
    },
  }));
}

export function convertToOpenAIToolChoice(choice: ToolChoice): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

/** The JSON body of `POST …/chat/completions`; only the fields the request sets. */
export function buildOpenAIRequestBody(request: ChatRequest, options: OpenAIBodyOptions): Record<string, unknown> {
  const body: Record<string, unknown> = { model: options.model, messages: convertToOpenAIMessages(request.messages) };
  if (request.tools && request.tools.length > 0) {
    body.tools = convertToOpenAITools(request.tools);
    if (request.toolChoice !== undefined) body.tool_choice = convertToOpenAIToolChoice(request.toolChoice);
  }
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
  if (request.stop && request.stop.length > 0) body.stop = request.stop;
  // Only when asked: models without reasoning reject the field. A budget becomes the nearest effort.
  if (request.reasoning) body.reasoning_effort = reasoningEffort(request.reasoning);
  body.stream = options.stream;
  if (options.stream && options.supportsStreamOptions) body.stream_options = { include_usage: true };
  return body;
}
