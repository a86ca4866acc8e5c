import { describeMissingKey, findApiKey } from '../../auth/apiKey';
import type { OpenAISlot, SlotConfig } from '../../config/types';
import type { ProviderDeps, ProviderModule } from '../types';
import { createOpenAIClient } from './client';

function asOpenAISlot(slot: SlotConfig): OpenAISlot {
  if (slot.kind !== 'openai') throw new Error(`openai module given a ${slot.kind} slot`);
  return slot;
}

export const openaiModule: ProviderModule = {
  create: (config: SlotConfig, deps: ProviderDeps) => createOpenAIClient(asOpenAISlot(config), deps),
  async preflight(config: SlotConfig, deps: ProviderDeps) {
    const slot = asOpenAISlot(config);
    return (await findApiKey(slot.id, slot.apiKey, deps)) ? undefined : describeMissingKey(slot.id, slot.apiKey);
  },
};
