import { isOpenAIReasoningModel } from '../openai/isOpenAIReasoningModel';
import { reasoningEffort } from '../../config/reasoning';
import type { ChatRequest, ToolChoice, ToolDefinition } from '../types';
import { convertToResponsesInput } from './convertToResponsesInput';

export function convertToResponsesTools(tools: ToolDefinition[]): unknown[] {
  // `strict` defaults to true in the Responses API, which rejects most hand-written schemas: say false.
  return tools.map((tool) => ({
    type: 'function',
    name: tool.name,
    ...(tool.description ? { description: tool.description } : {}),
    parameters: tool.inputSchema,
    strict: false,
  }));
}

export function convertToResponsesToolChoice(choice: ToolChoice): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', name: choice.name };
}

/**
 * The JSON body of `POST …/responses`: always streamed and never stored server-side. Reasoning models (gpt-5,
 * o-series, the codex models) reject sampling parameters, so temperature/top_p go only to the others; the
 * Responses API has no `stop`. `ChatRequest.reasoning` becomes `reasoning: {effort, summary: 'auto'}`.
 */
export function buildResponsesRequestBody(request: ChatRequest, model: string): Record<string, unknown> {
  const body: Record<string, unknown> = { model, input: convertToResponsesInput(request.messages) };
  if (request.tools && request.tools.length > 0) {
    body.tools = convertToResponsesTools(request.tools);
    if (request.toolChoice !== undefined) body.tool_choice = convertToResponsesToolChoice(request.toolChoice);
  }
  if (!isOpenAIReasoningModel(model)) {
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (request.topP !== undefined) body.top_p = request.topP;
  }
  if (request.maxTokens !== undefined) body.max_output_tokens = request.maxTokens;
  // Only when asked (a budget becomes the nearest effort); `summary: 'auto'` streams the reasoning summary.
  if (request.reasoning) body.reasoning = { effort: reasoningEffort(request.reasoning), summary: 'auto' };
  body.stream = true;
  body.store = false;
  return body;
}
