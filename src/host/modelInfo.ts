import type * as vscode from 'vscode';
import type { SlotConfig } from '../config/types';

export const AUTO_MODEL_ID = 'auto';

interface Limits {
  maxInputTokens: number;
  maxOutputTokens: number;
  imageInput: boolean;
}

/** Known model families, first match wins: context window, output limit, image input. */
const KNOWN: ReadonlyArray<[RegExp, Limits]> = [
  [/claude-(opus|sonnet)-4|claude-sonnet-4|claude-3-7/i, { maxInputTokens: 200_000, maxOutputTokens: 64_000, imageInput: true }],
  [/claude/i, { maxInputTokens: 200_000, maxOutputTokens: 8_192, imageInput: true }],
  [/gpt-5|gpt-4\.1/i, { maxInputTokens: 272_000, maxOutputTokens: 32_768, imageInput: true }],
  [/gpt-4o|o[134](-mini)?\b/i, { maxInputTokens: 128_000, maxOutputTokens: 16_384, imageInput: true }],
  [/gemini/i, { maxInputTokens: 1_000_000, maxOutputTokens: 65_536, imageInput: true }],
  [/llava|vision|-vl\b|pixtral|gemma3|llama-4/i, { maxInputTokens: 128_000, maxOutputTokens: 8_192, imageInput: true }],
  [/qwen3?-coder|qwen-max|qwen3/i, { maxInputTokens: 256_000, maxOutputTokens: 32_768, imageInput: false }],
  [/llama-3\.[13]|llama3\.[13]|deepseek|mistral|mixtral|kimi|glm/i, { maxInputTokens: 128_000, maxOutputTokens: 8_192, imageInput: false }],
];

const DEFAULT_LIMITS: Limits = { maxInputTokens: 32_000, maxOutputTokens: 4_096, imageInput: false };

export function limitsForModel(model: string): Limits {
  return KNOWN.find(([pattern]) => pattern.test(model))?.[1] ?? DEFAULT_LIMITS;
}

/** One picker entry per usable slot: "<model> · <Provider>", the slot as detail. */
export function slotModelInformation(slot: SlotConfig): vscode.LanguageModelChatInformation {
  const limits = limitsForModel(slot.model);
  return {
    id: `slot:${slot.id}`,
    name: `${slot.model} · ${slot.displayName}`,
    family: slot.model,
    version: slot.model,
    detail: slot.id,
    tooltip: `Skynet slot "${slot.id}" (${slot.kind}) at ${slot.baseUrl}`,
    maxInputTokens: limits.maxInputTokens,
    maxOutputTokens: limits.maxOutputTokens,
    capabilities: { toolCalling: true, imageInput: limits.imageInput },
  };
}

/** "Skynet Auto": every slot in router order with failover; limits are the smallest of the usable slots. */
export function autoModelInformation(slots: readonly SlotConfig[]): vscode.LanguageModelChatInformation {
  const limits = slots.map((slot) => limitsForModel(slot.model));
  return {
    id: AUTO_MODEL_ID,
    name: 'Skynet Auto',
    family: 'skynet-auto',
    version: '1',
    detail: slots.map((slot) => slot.id).join(' → '),
    tooltip: 'Tries each Skynet slot in order and fails over on rate limits, outages and auth errors',
    maxInputTokens: Math.min(...limits.map((limit) => limit.maxInputTokens)),
    maxOutputTokens: Math.min(...limits.map((limit) => limit.maxOutputTokens)),
    capabilities: { toolCalling: true, imageInput: limits.every((limit) => limit.imageInput) },
  };
}

/** The slot a model id targets; undefined for Auto. */
export function slotIdOfModel(modelId: string): string | undefined {
  return modelId.startsWith('slot:') ? modelId.slice('slot:'.length) : undefined;
}

/** A token estimate: about four characters per token. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
