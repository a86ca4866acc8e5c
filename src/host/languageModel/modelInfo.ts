import type * as vscode from 'vscode';
import type { SlotConfig } from '../../config/types';
import { limitsForSlot } from '../../providers/modelLimits';
import { slotModelName, slotModelTooltip } from '../slotText/slotNames';

export const AUTO_MODEL_ID = 'auto';

/** One picker entry per usable slot: "<model> · <Provider>", the slot as detail. */
export function slotModelInformation(slot: SlotConfig): vscode.LanguageModelChatInformation {
  const limits = limitsForSlot(slot);
  return {
    id: `slot:${slot.id}`,
    name: slotModelName(slot),
    family: slot.model,
    version: slot.model,
    detail: slot.fromUntrustedFile ? `${slot.id} · from this workspace's skynet.toml` : slot.id,
    tooltip: `${slotModelTooltip(slot)}${slot.fromUntrustedFile ? ", set by this workspace's skynet.toml (not trusted), not by you" : ''}`,
    maxInputTokens: limits.maxInputTokens,
    maxOutputTokens: limits.maxOutputTokens,
    capabilities: { toolCalling: limits.toolCalling, imageInput: limits.imageInput },
  };
}

/**
 * "Skynet Auto": every slot in router order with failover. The router sends a request only to slots that can take
 * it (tools, images, context size) and moves a too-long prompt to a larger window, so Auto offers what its most
 * capable slots offer: the largest window, tools or images when any slot takes them.
 */
export function autoModelInformation(slots: readonly SlotConfig[]): vscode.LanguageModelChatInformation {
  const limits = slots.map((slot) => limitsForSlot(slot));
  return {
    id: AUTO_MODEL_ID,
    name: 'Skynet Auto',
    family: 'skynet-auto',
    version: '1',
    detail: slots.map((slot) => slot.id).join(' → '),
    tooltip: 'Tries each Skynet slot in order and fails over on rate limits, outages and auth errors',
    maxInputTokens: Math.max(...limits.map((limit) => limit.maxInputTokens)),
    maxOutputTokens: Math.max(...limits.map((limit) => limit.maxOutputTokens)),
    capabilities: {
      toolCalling: limits.some((limit) => limit.toolCalling),
      imageInput: limits.some((limit) => limit.imageInput),
    },
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
