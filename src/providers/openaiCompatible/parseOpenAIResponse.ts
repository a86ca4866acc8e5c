import type { ChatResult, ModelInfo } from '../types';
import { ToolCallAssembler } from './assembleToolCalls';
import { mapOpenAIFinishReason } from './mapOpenAIFinishReason';
import { mapOpenAIUsage } from './mapOpenAIUsage';
import { invalidResponse, openAIStreamError } from './openaiError';
import { isObject, type Json } from '../jsonValues';

/** A non-streaming Chat Completions body (`choices[0].message`, `usage`, `finish_reason`) → ChatResult. */
export function parseOpenAIResponse(body: unknown, provider: string): ChatResult {
  if (!isObject(body)) throw invalidResponse(provider, 'The response is not a JSON object');
  if (body.error !== undefined && body.error !== null) throw openAIStreamError(body, '', provider);
  const choice = Array.isArray(body.choices) ? body.choices.find(isObject) : undefined;
  if (!choice || !isObject(choice.message)) throw invalidResponse(provider, 'The response has no choices[0].message');
  const message = choice.message;
  const assembler = new ToolCallAssembler(provider);
  if (Array.isArray(message.tool_calls))
    message.tool_calls.forEach((call, index) => assembler.add({ index, ...(call as Json) }));
  const text = [message.content, message.refusal].filter((part): part is string => typeof part === 'string').join('');
  const reasoning =
    typeof message.reasoning_content === 'string'
      ? message.reasoning_content
      : typeof message.reasoning === 'string'
        ? message.reasoning
        : '';
  const rawFinishReason = typeof choice.finish_reason === 'string' ? choice.finish_reason : undefined;
  return {
    text,
    reasoning,
    toolCalls: assembler.finish().map(({ type: _type, ...call }) => call),
    usage: mapOpenAIUsage(body.usage) ?? {},
    finishReason: rawFinishReason ? mapOpenAIFinishReason(rawFinishReason) : 'other',
    rawFinishReason,
  };
}

/** `GET …/models` → `data[].id` (some compatible servers answer `models[]`). */
export function parseOpenAIModels(body: unknown, provider: string): ModelInfo[] {
  const list = isObject(body)
    ? Array.isArray(body.data)
      ? body.data
      : Array.isArray(body.models)
        ? body.models
        : undefined
    : undefined;
  if (!list) throw invalidResponse(provider, 'The model list has no data array');
  const models: ModelInfo[] = [];
  for (const entry of list) {
    const id = isObject(entry) ? (entry.id ?? entry.name) : undefined;
    if (typeof id === 'string' && id) models.push({ id });
  }
  return models;
}
