import { describeMissingKey, findApiKey } from '../../auth/apiKey';
import type { ProviderModule } from '../types';
import { slotOfKind } from '../slotOfKind';
import { createAzureClient } from './client';

/** `[providers.azure]`: unavailable until it has a key (the Entra command runs with the first request). */
export const azureModule: ProviderModule = {
  create: (slot, deps) => createAzureClient(slotOfKind(slot, 'azure'), deps),
  async preflight(config, deps) {
    const slot = slotOfKind(config, 'azure');
    if (!('apiKey' in slot)) return undefined;
    return (await findApiKey(slot.id, slot.apiKey, deps)) ? undefined : describeMissingKey(slot.id, slot.apiKey);
  },
};
