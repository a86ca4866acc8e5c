import { describeMissingKey, findApiKey } from '../../auth/apiKey';
import type { ProviderModule } from '../types';
import { slotOfKind } from '../slotOfKind';
import { createAnthropicClient } from './client';

/** `[providers.anthropic]`: unavailable until a key (or a Claude subscription token) is found. */
export const anthropicModule: ProviderModule = {
  create: (slot, deps) => createAnthropicClient(slotOfKind(slot, 'anthropic'), deps),
  async preflight(config, deps) {
    const slot = slotOfKind(config, 'anthropic');
    return (await findApiKey(slot.id, slot.apiKey, deps)) ? undefined : describeMissingKey(slot.id, slot.apiKey);
  },
};
