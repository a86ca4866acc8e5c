import { describeMissingKey, findApiKey } from '../../auth/apiKey';
import type { SlotConfig } from '../../config/types';
import type { ProviderDeps, ProviderModule } from '../types';
import { slotOfKind } from '../slotOfKind';
import { createOpenAIClient } from './client';

export const openaiModule: ProviderModule = {
  create: (config: SlotConfig, deps: ProviderDeps) => createOpenAIClient(slotOfKind(config, 'openai'), deps),
  async preflight(config: SlotConfig, deps: ProviderDeps) {
    const slot = slotOfKind(config, 'openai');
    return (await findApiKey(slot.id, slot.apiKey, deps)) ? undefined : describeMissingKey(slot.id, slot.apiKey);
  },
};
