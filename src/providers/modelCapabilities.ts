import type { SlotConfig } from '../config/types';
import { wireDialectFor } from './openaiCompatible/wireDialect';
import type { ChatRequest } from './types';

/** What a slot's model can take. `undefined` means not known: the router then lets the service decide. */
export interface ModelCapabilities {
  /** Input tokens the model accepts (its context window less nothing: the output shares it on some services). */
  contextWindow?: number;
  maxOutputTokens?: number;
  toolCalling?: boolean;
  imageInput?: boolean;
}

/**
 * Known model families, first match wins (providers' model pages, checked 2026-12-05: docs.anthropic.com models
 * overview, platform.openai.com/docs/models, ai.google.dev/gemini-api/docs/models, api-docs.deepseek.com,
 * docs.mistral.ai/getting-started/models). A model catalog may later feed the same shape.
 */
const KNOWN: ReadonlyArray<[RegExp, Required<Omit<ModelCapabilities, 'toolCalling'>>]> = [
  [/claude-(opus|sonnet)-4|claude-sonnet-4|claude-3-7/i, { contextWindow: 200_000, maxOutputTokens: 64_000, imageInput: true }],
  [/claude/i, { contextWindow: 200_000, maxOutputTokens: 8_192, imageInput: true }],
  [/gpt-5|gpt-4\.1/i, { contextWindow: 272_000, maxOutputTokens: 32_768, imageInput: true }],
  [/gpt-4o|(^|\/)o[134](-mini)?\b/i, { contextWindow: 128_000, maxOutputTokens: 16_384, imageInput: true }],
  [/gemini/i, { contextWindow: 1_000_000, maxOutputTokens: 65_536, imageInput: true }],
  [/llava|vision|-vl\b|pixtral|gemma3|llama-4/i, { contextWindow: 128_000, maxOutputTokens: 8_192, imageInput: true }],
  [/qwen3?-coder|qwen-max|qwen3/i, { contextWindow: 256_000, maxOutputTokens: 32_768, imageInput: false }],
  [/llama-3\.[13]|llama3\.[13]|deepseek|mistral|mixtral|kimi|glm/i, { contextWindow: 128_000, maxOutputTokens: 8_192, imageInput: false }],
];

/** What `modelId` on `slot` can do: the model family's limits, and what the slot's service refuses (Perplexity: tools). */
export function modelCapabilities(slot: SlotConfig, modelId: string): ModelCapabilities {
  const known = KNOWN.find(([pattern]) => pattern.test(modelId))?.[1];
  const capabilities: ModelCapabilities = known ? { ...known } : {};
  if (slot.kind === 'openai-compat' && slot.registryId && !wireDialectFor(slot.registryId).tools) capabilities.toolCalling = false;
  else if (known) capabilities.toolCalling = true;
  return capabilities;
}

/** What a request needs from a model: tools, image input, and about how many input tokens. */
export interface RequestNeeds {
  tools: boolean;
  images: boolean;
  inputTokens: number;
}

/** About four characters per token, over every text the request sends (messages, tool definitions). */
export function requestNeeds(request: ChatRequest): RequestNeeds {
  let characters = 0;
  let images = false;
  for (const message of request.messages) {
    for (const part of message.content) {
      if (part.type === 'text' || part.type === 'reasoning') characters += part.text.length;
      else if (part.type === 'tool-result') characters += part.content.length;
      else if (part.type === 'tool-call') characters += part.name.length + JSON.stringify(part.arguments).length;
      else if (part.type === 'image') images = true;
    }
  }
  for (const tool of request.tools ?? []) characters += tool.name.length + (tool.description?.length ?? 0) + JSON.stringify(tool.inputSchema).length;
  return { tools: (request.tools?.length ?? 0) > 0, images, inputTokens: Math.ceil(characters / 4) };
}

/** Why `capabilities` cannot serve `needs` (code and text), or undefined when they can or it is not known. */
export function capabilityGap(needs: RequestNeeds, capabilities: ModelCapabilities): { code: 'no-tools' | 'no-images' | 'context-too-small'; message: string } | undefined {
  if (needs.tools && capabilities.toolCalling === false) return { code: 'no-tools', message: 'its service takes no tools, and this request carries tools' };
  if (needs.images && capabilities.imageInput === false) return { code: 'no-images', message: 'its model takes no images, and this request carries images' };
  if (capabilities.contextWindow !== undefined && needs.inputTokens > capabilities.contextWindow) {
    return { code: 'context-too-small', message: `the request is about ${needs.inputTokens} tokens, more than its model's ${capabilities.contextWindow}-token window` };
  }
  return undefined;
}
