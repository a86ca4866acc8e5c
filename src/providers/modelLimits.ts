import type { SlotConfig } from '../config/types';
import { modelCapabilities } from './modelCapabilities';

/** A slot's model limits with every field known: what VS Code's model picker and `vscode.lm` are told. */
export interface ModelLimits {
  maxInputTokens: number;
  maxOutputTokens: number;
  imageInput: boolean;
  toolCalling: boolean;
}

/** When a model is not known: a conservative window, no images; tools on (the service decides). */
const DEFAULT_LIMITS: ModelLimits = {
  maxInputTokens: 32_000,
  maxOutputTokens: 4_096,
  imageInput: false,
  toolCalling: true,
};

/** A slot's model limits, from the router's own capability table (src/providers/modelCapabilities.ts). */
export function limitsForSlot(slot: SlotConfig, model: string = slot.model): ModelLimits {
  const known = modelCapabilities(slot, model);
  return {
    maxInputTokens: known.contextWindow ?? DEFAULT_LIMITS.maxInputTokens,
    maxOutputTokens: known.maxOutputTokens ?? DEFAULT_LIMITS.maxOutputTokens,
    imageInput: known.imageInput ?? DEFAULT_LIMITS.imageInput,
    toolCalling: known.toolCalling ?? DEFAULT_LIMITS.toolCalling,
  };
}
