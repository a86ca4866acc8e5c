import type { SlotConfig } from '../config/types';
import { catalogModel, catalogModelFromMaker, catalogProviderOf, type CatalogModel } from './catalog/modelCatalog';
import { wireDialectFor } from './openaiCompatible/wireDialect';
import type { ChatRequest } from './types';

/** What a slot's model can take. `undefined` means not known: the router then lets the service decide. */
export interface ModelCapabilities {
  /** Input tokens the model accepts (its context window less nothing: the output shares it on some services). */
  contextWindow?: number;
  maxOutputTokens?: number;
  toolCalling?: boolean;
  imageInput?: boolean;
  /** Thinks before it answers (the catalog's `reasoning`); informational, the router does not route on it. */
  reasoning?: boolean;
}

/**
 * Model families the catalog (src/providers/catalog) may not list, first match wins: newer models than its snapshot,
 * local and custom models (providers' model pages, checked 2026-12-05: docs.anthropic.com models overview,
 * platform.openai.com/docs/models, ai.google.dev/gemini-api/docs/models, api-docs.deepseek.com,
 * docs.mistral.ai/getting-started/models; Claude 5 and GPT-6 as their predecessors claude-*-5 and gpt-5.6 in the catalog).
 */
const KNOWN: ReadonlyArray<[RegExp, Required<Omit<ModelCapabilities, 'toolCalling' | 'reasoning'>>]> = [
  [/claude-(opus|sonnet|fable)-5/i, { contextWindow: 1_000_000, maxOutputTokens: 128_000, imageInput: true }],
  [
    /claude-(opus|sonnet)-4|claude-sonnet-4|claude-3-7/i,
    { contextWindow: 200_000, maxOutputTokens: 64_000, imageInput: true },
  ],
  [/claude/i, { contextWindow: 200_000, maxOutputTokens: 8_192, imageInput: true }],
  [/gpt-[56]|gpt-4\.1/i, { contextWindow: 272_000, maxOutputTokens: 32_768, imageInput: true }],
  [/gpt-4o|(^|\/)o[134](-mini)?\b/i, { contextWindow: 128_000, maxOutputTokens: 16_384, imageInput: true }],
  [/gemini/i, { contextWindow: 1_000_000, maxOutputTokens: 65_536, imageInput: true }],
  [/llava|vision|-vl\b|pixtral|gemma3|llama-4/i, { contextWindow: 128_000, maxOutputTokens: 8_192, imageInput: true }],
  [/qwen3?-coder|qwen-max|qwen3/i, { contextWindow: 256_000, maxOutputTokens: 32_768, imageInput: false }],
  [
    /llama-3\.[13]|llama3\.[13]|deepseek|mistral|mixtral|kimi|glm/i,
    { contextWindow: 128_000, maxOutputTokens: 8_192, imageInput: false },
  ],
];

function fromCatalog(model: CatalogModel, family: ModelCapabilities | undefined): ModelCapabilities {
  const capabilities: ModelCapabilities = {
    toolCalling: model.tools,
    imageInput: model.vision,
    reasoning: model.reasoning,
  };
  const contextWindow = model.maxInput ?? model.contextWindow ?? family?.contextWindow;
  const maxOutputTokens = model.maxOutput ?? family?.maxOutputTokens;
  if (contextWindow !== undefined) capabilities.contextWindow = contextWindow;
  if (maxOutputTokens !== undefined) capabilities.maxOutputTokens = maxOutputTokens;
  return capabilities;
}

/**
 * What `modelId` on `slot` can do: the catalog's entry for the slot's provider, else for the model's maker, else the
 * model family's hand-written limits; then what the slot's service refuses (Perplexity: tools).
 */
export function modelCapabilities(slot: SlotConfig, modelId: string): ModelCapabilities {
  const provider = catalogProviderOf(slot);
  const catalog =
    (provider === undefined ? undefined : catalogModel(provider, modelId)) ?? catalogModelFromMaker(modelId);
  const known = KNOWN.find(([pattern]) => pattern.test(modelId))?.[1];
  const capabilities: ModelCapabilities = catalog
    ? fromCatalog(catalog, known)
    : known
      ? { ...known, toolCalling: true }
      : {};
  if (slot.kind === 'openai-compat' && slot.registryId && !wireDialectFor(slot.registryId).tools)
    capabilities.toolCalling = false;
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
  for (const tool of request.tools ?? [])
    characters += tool.name.length + (tool.description?.length ?? 0) + JSON.stringify(tool.inputSchema).length;
  return { tools: (request.tools?.length ?? 0) > 0, images, inputTokens: Math.ceil(characters / 4) };
}

/** Why `capabilities` cannot serve `needs` (code and text), or undefined when they can or it is not known. */
export function capabilityGap(
  needs: RequestNeeds,
  capabilities: ModelCapabilities,
): { code: 'no-tools' | 'no-images' | 'context-too-small'; message: string } | undefined {
  if (needs.tools && capabilities.toolCalling === false)
    return { code: 'no-tools', message: 'its service takes no tools, and this request carries tools' };
  if (needs.images && capabilities.imageInput === false)
    return { code: 'no-images', message: 'its model takes no images, and this request carries images' };
  if (capabilities.contextWindow !== undefined && needs.inputTokens > capabilities.contextWindow) {
    return {
      code: 'context-too-small',
      message: `the request is about ${needs.inputTokens} tokens, more than its model's ${capabilities.contextWindow}-token window`,
    };
  }
  return undefined;
}
