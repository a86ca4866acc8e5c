import { conformToolCallIds } from '../toolCallIds';
import type { ChatRequest, ToolChoice, ToolDefinition } from '../types';
import { convertToOpenAIMessages } from './convertToOpenAIMessages';
import { reasoningParameters } from './reasoningParameters';
import { CUSTOM_ENDPOINT_DIALECT, type WireDialect } from './wireDialect';

export interface OpenAIBodyOptions {
  model: string;
  stream: boolean;
  /** The service's dialect; a custom endpoint's when absent. */
  dialect?: WireDialect;
  /** False omits `stream_options` whatever the dialect says (a slot's own setting). */
  supportsStreamOptions?: boolean;
  /** Told why something the request asked for was left out (the verbose log). */
  onOmitted?(why: string): void;
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

/** The JSON body of `POST …/chat/completions` in the service's dialect; only the fields the request sets. */
export function buildOpenAIRequestBody(request: ChatRequest, options: OpenAIBodyOptions): Record<string, unknown> {
  const dialect = options.dialect ?? CUSTOM_ENDPOINT_DIALECT;
  const model = options.model;
  const messages = conformToolCallIds(request.messages, dialect.toolCallIds);
  const body: Record<string, unknown> = { model, messages: convertToOpenAIMessages(messages, { dialect, model }) };
  if (request.tools && request.tools.length > 0) {
    if (dialect.tools) {
      body.tools = convertToOpenAITools(request.tools);
      if (request.toolChoice !== undefined) body.tool_choice = convertToOpenAIToolChoice(request.toolChoice);
    } else {
      options.onOmitted?.('tools not sent: this service refuses any request that carries tools');
    }
  }
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.maxTokens !== undefined) {
    body[dialect.maxCompletionTokensModels?.test(model) ? 'max_completion_tokens' : 'max_tokens'] = request.maxTokens;
  }
  if (request.stop && request.stop.length > 0) body.stop = request.stop;
  const reasoning = reasoningParameters(dialect, model, request.reasoning);
  Object.assign(body, reasoning.fields);
  if (reasoning.omitted) options.onOmitted?.(reasoning.omitted);
  body.stream = options.stream;
  if (options.stream && dialect.streamOptions && options.supportsStreamOptions !== false)
    body.stream_options = { include_usage: true };
  return body;
}
